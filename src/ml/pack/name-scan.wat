;; The name index scan (Categorizer.lexicalScan) in WebAssembly: the same two passes, the same
;; arithmetic in the same order (f32 sums of f32 feature weights, score = sum * the name's f32 scale),
;; so the same numbers as the JS version it mirrors (name-scan.ts). Why: the scan was half of a batch
;; row's time in JS, with a bounds check per array access. Assembled by scripts/build-wasm.ts into
;; name-scan-wasm.gen.ts. Memory is the importer's: setup() gives each array's byte offset in it.
;; The layout (16-bit name ids, a weight per feature, f32 sums, an 8-byte {scale, classes} record
;; per name) is for the cache: name-scan.ts gives the reasons and the measurements.
;; Branches: the two appends (touched, nodeOrder) store always and advance their count by the
;; condition (a posting is a name's first touch ~3 times in 4, too mixed to predict: levels-only
;; 22.7 -> 20.5 us/row), so their arrays have a spare slot; the node's best is a select (45.0 -> 43.3
;; us/row with nodes; f64.max was slower, for its NaN rules); the class bests keep their branches
;; (select there measured 2 us/row slower).
(module
  (import "env" "memory" (memory 1))
  (global $postStart (mut i32) (i32.const 0))
  (global $postName (mut i32) (i32.const 0))
  ;; 1: postName holds 16-bit ids, 2: 32-bit (packs of more than 65,536 names).
  (global $nameShift (mut i32) (i32.const 1))
  (global $featureWeight (mut i32) (i32.const 0))
  (global $nameRecord (mut i32) (i32.const 0))
  (global $nameNode (mut i32) (i32.const 0))
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
    (param $m i32) (param $n i32)
    (global.set $postStart (local.get $a))
    (global.set $postName (local.get $b))
    (global.set $nameShift (local.get $c))
    (global.set $featureWeight (local.get $d))
    (global.set $nameRecord (local.get $e))
    (global.set $nameNode (local.get $f))
    (global.set $sums (local.get $g))
    (global.set $touched (local.get $h))
    (global.set $seen (local.get $i))
    (global.set $nodeBest (local.get $j))
    (global.set $nodeOrder (local.get $k))
    (global.set $best1 (local.get $l))
    (global.set $best2 (local.get $m))
    (global.set $ids (local.get $n)))

  ;; Scans the row in ids[0, n) (stamp: a value seen[] holds for no id yet). nodes / classes: fill
  ;; nodeBest + nodeOrder / best1 + best2. Returns how many nodes went on nodeOrder.
  (func (export "scan") (param $n i32) (param $stamp i32) (param $nodes i32) (param $classes i32)
    (result i32)
    (local $t i32) (local $id i32) (local $j i32) (local $end i32) (local $name i32)
    (local $v f32) (local $w f32) (local $nT i32) (local $u i32) (local $score f32)
    (local $s64 f64) (local $d f64) (local $scored i32) (local $p i32) (local $cls i32) (local $q i32)
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
            ;; j / end: byte addresses in postName.
            (local.set $j
              (i32.add (global.get $postName)
                (i32.shl (i32.load (local.get $p)) (global.get $nameShift))))
            (local.set $end
              (i32.add (global.get $postName)
                (i32.shl (i32.load offset=4 (local.get $p)) (global.get $nameShift))))
            (local.set $w
              (f32.load (i32.add (global.get $featureWeight) (i32.shl (local.get $id) (i32.const 2)))))
            ;; The same loop twice, for 16-bit and for 32-bit name ids (one branch per feature).
            (if (i32.eq (global.get $nameShift) (i32.const 1))
              (then
                (block $done16
                  (loop $postings16
                    (br_if $done16 (i32.ge_u (local.get $j) (local.get $end)))
                    (local.set $name (i32.load16_u (local.get $j)))
                    (local.set $p (i32.add (global.get $sums) (i32.shl (local.get $name) (i32.const 2))))
                    (local.set $v (f32.load (local.get $p)))
                    (i32.store
                      (i32.add (global.get $touched) (i32.shl (local.get $nT) (i32.const 2)))
                      (local.get $name))
                    (local.set $nT (i32.add (local.get $nT) (f32.eq (local.get $v) (f32.const 0))))
                    (f32.store (local.get $p) (f32.add (local.get $v) (local.get $w)))
                    (local.set $j (i32.add (local.get $j) (i32.const 2)))
                    (br $postings16))))
              (else
                (block $done32
                  (loop $postings32
                    (br_if $done32 (i32.ge_u (local.get $j) (local.get $end)))
                    (local.set $name (i32.load (local.get $j)))
                    (local.set $p (i32.add (global.get $sums) (i32.shl (local.get $name) (i32.const 2))))
                    (local.set $v (f32.load (local.get $p)))
                    (i32.store
                      (i32.add (global.get $touched) (i32.shl (local.get $nT) (i32.const 2)))
                      (local.get $name))
                    (local.set $nT (i32.add (local.get $nT) (f32.eq (local.get $v) (f32.const 0))))
                    (f32.store (local.get $p) (f32.add (local.get $v) (local.get $w)))
                    (local.set $j (i32.add (local.get $j) (i32.const 4)))
                    (br $postings32)))))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $rows)))
    ;; Pass 2: the touched names in first-touched order: clear, keep the best per node and class.
    (block $done3
      (loop $names
        (br_if $done3 (i32.ge_u (local.get $u) (local.get $nT)))
        (local.set $name
          (i32.load (i32.add (global.get $touched) (i32.shl (local.get $u) (i32.const 2)))))
        (local.set $p (i32.add (global.get $sums) (i32.shl (local.get $name) (i32.const 2))))
        (local.set $q (i32.add (global.get $nameRecord) (i32.shl (local.get $name) (i32.const 3))))
        (local.set $score (f32.mul (f32.load (local.get $p)) (f32.load (local.get $q))))
        (f32.store (local.get $p) (f32.const 0))
        (if (local.get $nodes)
          (then
            (local.set $id
              (i32.load (i32.add (global.get $nameNode) (i32.shl (local.get $name) (i32.const 2)))))
            (local.set $p (i32.add (global.get $nodeBest) (i32.shl (local.get $id) (i32.const 3))))
            (local.set $d (f64.load (local.get $p)))
            (local.set $s64 (f64.promote_f32 (local.get $score)))
            ;; The node goes on nodeOrder when its best leaves 0; its best becomes the max.
            (i32.store
              (i32.add (global.get $nodeOrder) (i32.shl (local.get $scored) (i32.const 2)))
              (local.get $id))
            (local.set $scored
              (i32.add (local.get $scored)
                (i32.and
                  (f64.eq (local.get $d) (f64.const 0))
                  (f64.gt (local.get $s64) (local.get $d)))))
            (f64.store (local.get $p)
              (select (local.get $s64) (local.get $d) (f64.gt (local.get $s64) (local.get $d))))))
        (if (local.get $classes)
          (then
            (local.set $cls (i32.load offset=4 (local.get $q)))
            ;; Level 1 in the low 16 bits, level 2 in the high: indexes + 1, slot 0 for none.
            (local.set $p
              (i32.add (global.get $best1)
                (i32.shl (i32.and (local.get $cls) (i32.const 0xffff)) (i32.const 2))))
            (if (f32.gt (local.get $score) (f32.load (local.get $p)))
              (then (f32.store (local.get $p) (local.get $score))))
            (local.set $p
              (i32.add (global.get $best2)
                (i32.shl (i32.shr_u (local.get $cls) (i32.const 16)) (i32.const 2))))
            (if (f32.gt (local.get $score) (f32.load (local.get $p)))
              (then (f32.store (local.get $p) (local.get $score))))))
        (local.set $u (i32.add (local.get $u) (i32.const 1)))
        (br $names)))
    (local.get $scored)))
