;; Dot products of a query with every catalog row (Categorizer's nearest catalog items): for row i,
;; sum_j f64(unit[i][j]) * q[j] with j in order, in f64, a multiply then an add (never fused): the
;; same numbers as the JS loop it replaces. Four rows per pass, as that loop did. It ran over the
;; whole catalog (4,000 x 64) on every keystroke: the largest JS step of a single listing.
;; Memory is the importer's. Assembled by scripts/build-wasm.ts into catalog-dots-wasm.gen.ts.
(module
  (import "env" "memory" (memory 1))
  ;; unit: f32[n x d], q: f64[d], out: f64[n].
  (func (export "dots") (param $n i32) (param $d i32) (param $unit i32) (param $q i32) (param $out i32)
    (local $i i32) (local $j i32) (local $b0 i32) (local $b1 i32) (local $b2 i32) (local $b3 i32)
    (local $s0 f64) (local $s1 f64) (local $s2 f64) (local $s3 f64) (local $qj f64) (local $row i32)
    (local.set $row (i32.shl (local.get $d) (i32.const 2)))
    (block $quads_done
      (loop $quads
        (br_if $quads_done (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $n)))
        (local.set $b0 (i32.add (local.get $unit) (i32.mul (local.get $i) (local.get $row))))
        (local.set $b1 (i32.add (local.get $b0) (local.get $row)))
        (local.set $b2 (i32.add (local.get $b1) (local.get $row)))
        (local.set $b3 (i32.add (local.get $b2) (local.get $row)))
        (local.set $s0 (f64.const 0))
        (local.set $s1 (f64.const 0))
        (local.set $s2 (f64.const 0))
        (local.set $s3 (f64.const 0))
        (local.set $j (i32.const 0))
        (block $dims_done
          (loop $dims
            (br_if $dims_done (i32.ge_u (local.get $j) (local.get $d)))
            (local.set $qj (f64.load (i32.add (local.get $q) (i32.shl (local.get $j) (i32.const 3)))))
            (local.set $s0 (f64.add (local.get $s0)
              (f64.mul (f64.promote_f32 (f32.load (local.get $b0))) (local.get $qj))))
            (local.set $s1 (f64.add (local.get $s1)
              (f64.mul (f64.promote_f32 (f32.load (local.get $b1))) (local.get $qj))))
            (local.set $s2 (f64.add (local.get $s2)
              (f64.mul (f64.promote_f32 (f32.load (local.get $b2))) (local.get $qj))))
            (local.set $s3 (f64.add (local.get $s3)
              (f64.mul (f64.promote_f32 (f32.load (local.get $b3))) (local.get $qj))))
            (local.set $b0 (i32.add (local.get $b0) (i32.const 4)))
            (local.set $b1 (i32.add (local.get $b1) (i32.const 4)))
            (local.set $b2 (i32.add (local.get $b2) (i32.const 4)))
            (local.set $b3 (i32.add (local.get $b3) (i32.const 4)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $dims)))
        (local.set $b0 (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 3))))
        (f64.store (local.get $b0) (local.get $s0))
        (f64.store offset=8 (local.get $b0) (local.get $s1))
        (f64.store offset=16 (local.get $b0) (local.get $s2))
        (f64.store offset=24 (local.get $b0) (local.get $s3))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $quads)))
    ;; The last rows, one at a time.
    (block $rest_done
      (loop $rest
        (br_if $rest_done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $b0 (i32.add (local.get $unit) (i32.mul (local.get $i) (local.get $row))))
        (local.set $s0 (f64.const 0))
        (local.set $j (i32.const 0))
        (block $d2_done
          (loop $d2
            (br_if $d2_done (i32.ge_u (local.get $j) (local.get $d)))
            (local.set $s0 (f64.add (local.get $s0)
              (f64.mul (f64.promote_f32 (f32.load (local.get $b0)))
                (f64.load (i32.add (local.get $q) (i32.shl (local.get $j) (i32.const 3)))))))
            (local.set $b0 (i32.add (local.get $b0) (i32.const 4)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $d2)))
        (f64.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 3))) (local.get $s0))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rest)))))
