;; The name index scan (Categorizer.lexicalScan) in WebAssembly: the same two passes, the same
;; arithmetic in the same order (f64 sums of f32 weights; class bests stored as f32), so the same
;; numbers as the JS version it replaces. Why: the scan was half of a batch row's time in JS, with a
;; bounds check per array access. Assembled by scripts/build-wasm.ts into name-scan-wasm.gen.ts.
;; Memory is the importer's: setup() gives each array's byte offset in it.
(module
  (import "env" "memory" (memory 1))
  (global $postStart (mut i32) (i32.const 0))
  (global $postName (mut i32) (i32.const 0))
  (global $postWeight (mut i32) (i32.const 0))
  (global $nameInfo (mut i32) (i32.const 0))
  (global $sums (mut i32) (i32.const 0))
  (global $touched (mut i32) (i32.const 0))
  (global $seen (mut i32) (i32.const 0))
  (global $nodeBest (mut i32) (i32.const 0))
  (global $nodeOrder (mut i32) (i32.const 0))
  (global $best1 (mut i32) (i32.const 0))
  (global $best2 (mut i32) (i32.const 0))
  (global $ids (mut i32) (i32.const 0))

  (func (export "setup")
    (param $a i32) (param $b i32) (param $c i32) (param $d i32) (param $e i32) (param $f i32)
    (param $g i32) (param $h i32) (param $i i32) (param $j i32) (param $k i32) (param $l i32)
    (global.set $postStart (local.get $a))
    (global.set $postName (local.get $b))
    (global.set $postWeight (local.get $c))
    (global.set $nameInfo (local.get $d))
    (global.set $sums (local.get $e))
    (global.set $touched (local.get $f))
    (global.set $seen (local.get $g))
    (global.set $nodeBest (local.get $h))
    (global.set $nodeOrder (local.get $i))
    (global.set $best1 (local.get $j))
    (global.set $best2 (local.get $k))
    (global.set $ids (local.get $l)))

  ;; Scans the row in ids[0, n) (stamp: a value seen[] holds for no id yet). nodes / classes: fill
  ;; nodeBest + nodeOrder / best1 + best2. Returns how many nodes went on nodeOrder.
  (func (export "scan") (param $n i32) (param $stamp i32) (param $nodes i32) (param $classes i32)
    (result i32)
    (local $t i32) (local $id i32) (local $j i32) (local $end i32) (local $name i32)
    (local $v f64) (local $nT i32) (local $u i32) (local $score f64) (local $scored i32)
    (local $p i32) (local $cls i32) (local $s32 f32) (local $q i32)
    ;; Pass 1: per-name sums over the row's postings, each feature once; first touches listed.
    (block $done1
      (loop $rows
        (br_if $done1 (i32.ge_u (local.get $t) (local.get $n)))
        (local.set $id (i32.load (i32.add (global.get $ids) (i32.shl (local.get $t) (i32.const 2)))))
        (local.set $p (i32.add (global.get $seen) (i32.shl (local.get $id) (i32.const 2))))
        (if (i32.ne (i32.load (local.get $p)) (local.get $stamp))
          (then
            (i32.store (local.get $p) (local.get $stamp))
            (local.set $p (i32.add (global.get $postStart) (i32.shl (local.get $id) (i32.const 2))))
            (local.set $j (i32.load (local.get $p)))
            (local.set $end (i32.load offset=4 (local.get $p)))
            (block $done2
              (loop $postings
                (br_if $done2 (i32.ge_u (local.get $j) (local.get $end)))
                (local.set $name
                  (i32.load (i32.add (global.get $postName) (i32.shl (local.get $j) (i32.const 2)))))
                (local.set $p (i32.add (global.get $sums) (i32.shl (local.get $name) (i32.const 3))))
                (local.set $v (f64.load (local.get $p)))
                (if (f64.eq (local.get $v) (f64.const 0))
                  (then
                    (i32.store
                      (i32.add (global.get $touched) (i32.shl (local.get $nT) (i32.const 2)))
                      (local.get $name))
                    (local.set $nT (i32.add (local.get $nT) (i32.const 1)))))
                (f64.store (local.get $p)
                  (f64.add (local.get $v)
                    (f64.promote_f32
                      (f32.load
                        (i32.add (global.get $postWeight) (i32.shl (local.get $j) (i32.const 2)))))))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br $postings)))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $rows)))
    ;; Pass 2: the touched names in first-touched order: clear, keep the best per node and class.
    (block $done3
      (loop $names
        (br_if $done3 (i32.ge_u (local.get $u) (local.get $nT)))
        (local.set $name
          (i32.load (i32.add (global.get $touched) (i32.shl (local.get $u) (i32.const 2)))))
        (local.set $p (i32.add (global.get $sums) (i32.shl (local.get $name) (i32.const 3))))
        (local.set $score (f64.load (local.get $p)))
        (f64.store (local.get $p) (f64.const 0))
        (local.set $q (i32.add (global.get $nameInfo) (i32.shl (local.get $name) (i32.const 3))))
        (if (local.get $nodes)
          (then
            (local.set $id (i32.load (local.get $q)))
            (local.set $p (i32.add (global.get $nodeBest) (i32.shl (local.get $id) (i32.const 3))))
            (local.set $v (f64.load (local.get $p)))
            (if (f64.gt (local.get $score) (local.get $v))
              (then
                (if (f64.eq (local.get $v) (f64.const 0))
                  (then
                    (i32.store
                      (i32.add (global.get $nodeOrder) (i32.shl (local.get $scored) (i32.const 2)))
                      (local.get $id))
                    (local.set $scored (i32.add (local.get $scored) (i32.const 1)))))
                (f64.store (local.get $p) (local.get $score))))))
        (if (local.get $classes)
          (then
            (local.set $cls (i32.load offset=4 (local.get $q)))
            (local.set $s32 (f32.demote_f64 (local.get $score)))
            ;; Level 1 in the low 16 bits, level 2 in the high: indexes + 1, slot 0 for none.
            (local.set $p
              (i32.add (global.get $best1)
                (i32.shl (i32.and (local.get $cls) (i32.const 0xffff)) (i32.const 2))))
            (if (f64.gt (local.get $score) (f64.promote_f32 (f32.load (local.get $p))))
              (then (f32.store (local.get $p) (local.get $s32))))
            (local.set $p
              (i32.add (global.get $best2)
                (i32.shl (i32.shr_u (local.get $cls) (i32.const 16)) (i32.const 2))))
            (if (f64.gt (local.get $score) (f64.promote_f32 (f32.load (local.get $p))))
              (then (f32.store (local.get $p) (local.get $s32))))))
        (local.set $u (i32.add (local.get $u) (i32.const 1)))
        (br $names)))
    (local.get $scored)))
