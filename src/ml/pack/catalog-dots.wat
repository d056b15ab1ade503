;; Dot products of a query with every catalog row (Categorizer's nearest catalog items): for row i,
;; sum_j f64(unit[i][j]) * q[j] with j in order, in f64, a multiply then an add (never fused): the
;; same numbers as the JS loop it replaces. It runs over the whole catalog (4,000 x 64) on every
;; keystroke: the largest step of a single listing after the model.
;; SIMD across rows, not dims: the rows are stored in pairs, interleaved per dim (pair p, dim j:
;; [unit[2p][j], unit[2p + 1][j]] as two f32), so one f64x2 lane holds one row's running sum and
;; each row still adds its products in dim order. Eight pairs per pass: sixteen independent sums
;; hide the add latency. 4,000 x 64 in Node: 370 us a call scalar (four rows per pass), 185 with
;; four pairs per pass, 165-180 with eight.
;; Memory is the importer's. Assembled by scripts/build-wasm.ts into catalog-dots-wasm.gen.ts.
(module
  (import "env" "memory" (memory 1))
  ;; pairs: f32[pairs x d x 2] (the rows, interleaved in pairs), q: f64[d], out: f64[pairs x 2].
  (func (export "dots") (param $pairs i32) (param $d i32) (param $unit i32) (param $q i32) (param $out i32)
    (local $p i32) (local $j i32) (local $b0 i32) (local $stride i32) (local $qj v128)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128) (local $o i32)
    (local $s4 v128) (local $s5 v128) (local $s6 v128) (local $s7 v128)
    ;; Bytes per pair: d dims x 2 rows x 4 bytes.
    (local.set $stride (i32.shl (local.get $d) (i32.const 3)))
    (block $quads_done
      (loop $quads
        (br_if $quads_done (i32.gt_u (i32.add (local.get $p) (i32.const 8)) (local.get $pairs)))
        (local.set $b0 (i32.add (local.get $unit) (i32.mul (local.get $p) (local.get $stride))))
        (local.set $s0 (v128.const i64x2 0 0))
        (local.set $s1 (v128.const i64x2 0 0))
        (local.set $s2 (v128.const i64x2 0 0))
        (local.set $s3 (v128.const i64x2 0 0))
        (local.set $s4 (v128.const i64x2 0 0))
        (local.set $s5 (v128.const i64x2 0 0))
        (local.set $s6 (v128.const i64x2 0 0))
        (local.set $s7 (v128.const i64x2 0 0))
        (local.set $j (i32.const 0))
        (block $dims_done
          (loop $dims
            (br_if $dims_done (i32.ge_u (local.get $j) (local.get $d)))
            (local.set $qj
              (f64x2.splat (f64.load (i32.add (local.get $q) (i32.shl (local.get $j) (i32.const 3))))))
            (local.set $o (i32.add (local.get $b0) (i32.shl (local.get $j) (i32.const 3))))
            (local.set $s0 (f64x2.add (local.get $s0)
              (f64x2.mul (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $o))) (local.get $qj))))
            (local.set $o (i32.add (local.get $o) (local.get $stride)))
            (local.set $s1 (f64x2.add (local.get $s1)
              (f64x2.mul (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $o))) (local.get $qj))))
            (local.set $o (i32.add (local.get $o) (local.get $stride)))
            (local.set $s2 (f64x2.add (local.get $s2)
              (f64x2.mul (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $o))) (local.get $qj))))
            (local.set $o (i32.add (local.get $o) (local.get $stride)))
            (local.set $s3 (f64x2.add (local.get $s3)
              (f64x2.mul (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $o))) (local.get $qj))))
            (local.set $o (i32.add (local.get $o) (local.get $stride)))
            (local.set $s4 (f64x2.add (local.get $s4)
              (f64x2.mul (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $o))) (local.get $qj))))
            (local.set $o (i32.add (local.get $o) (local.get $stride)))
            (local.set $s5 (f64x2.add (local.get $s5)
              (f64x2.mul (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $o))) (local.get $qj))))
            (local.set $o (i32.add (local.get $o) (local.get $stride)))
            (local.set $s6 (f64x2.add (local.get $s6)
              (f64x2.mul (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $o))) (local.get $qj))))
            (local.set $o (i32.add (local.get $o) (local.get $stride)))
            (local.set $s7 (f64x2.add (local.get $s7)
              (f64x2.mul (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $o))) (local.get $qj))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $dims)))
        (local.set $o (i32.add (local.get $out) (i32.shl (local.get $p) (i32.const 4))))
        (v128.store (local.get $o) (local.get $s0))
        (v128.store offset=16 (local.get $o) (local.get $s1))
        (v128.store offset=32 (local.get $o) (local.get $s2))
        (v128.store offset=48 (local.get $o) (local.get $s3))
        (v128.store offset=64 (local.get $o) (local.get $s4))
        (v128.store offset=80 (local.get $o) (local.get $s5))
        (v128.store offset=96 (local.get $o) (local.get $s6))
        (v128.store offset=112 (local.get $o) (local.get $s7))
        (local.set $p (i32.add (local.get $p) (i32.const 8)))
        (br $quads)))
    ;; The last pairs (fewer than eight), one at a time.
    (block $rest_done
      (loop $rest
        (br_if $rest_done (i32.ge_u (local.get $p) (local.get $pairs)))
        (local.set $b0 (i32.add (local.get $unit) (i32.mul (local.get $p) (local.get $stride))))
        (local.set $s0 (v128.const i64x2 0 0))
        (local.set $j (i32.const 0))
        (block $d2_done
          (loop $d2
            (br_if $d2_done (i32.ge_u (local.get $j) (local.get $d)))
            (local.set $s0 (f64x2.add (local.get $s0)
              (f64x2.mul
                (f64x2.promote_low_f32x4
                  (v128.load64_zero (i32.add (local.get $b0) (i32.shl (local.get $j) (i32.const 3)))))
                (f64x2.splat (f64.load (i32.add (local.get $q) (i32.shl (local.get $j) (i32.const 3))))))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $d2)))
        (v128.store (i32.add (local.get $out) (i32.shl (local.get $p) (i32.const 4))) (local.get $s0))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $rest)))))
