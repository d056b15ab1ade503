;; The embedding bag of one row (predict.ts hostBags) in WebAssembly SIMD: sum_t w_t E[id_t] / sum_t w_t
;; with w_t = idf[id_t], skipping id 0 and zero weights; an empty row is the zero vector. Each output
;; dim accumulates in f64 over the row's ids in order, f32 table values promoted, a multiply then an
;; add (WebAssembly never fuses them), then one f64 division rounded to f32: the same numbers as the
;; JS loop. Two f64 lanes per vector, eight dims per pass over the row. Memory is the importer's.
;; Assembled by scripts/build-wasm.ts into bag-sum-wasm.gen.ts.
;; A table shipped as uint8 codes is decoded row by row, the first time a row is used (fill): a
;; loaded pack's 65,536 x 48 float32 table was 12.6 MB written in the cold start, of which a session
;; reads a fraction; the codes are 3.1 MB. A row's values are lut[code], the float32s the eager
;; decode writes, so the sums are the same.
(module
  (import "env" "memory" (memory 1))

  ;; Decodes the rows of ids[0, n) not decoded yet: table[id] = lut[codes[id]] (d f32 each),
  ;; ready[id] (u8) set once done. codes: [buckets x d] u8, lut: 256 f32.
  (func (export "fill")
    (param $n i32) (param $ids i32) (param $table i32) (param $d i32) (param $codes i32)
    (param $ready i32) (param $lut i32)
    (local $t i32) (local $id i32) (local $p i32) (local $src i32) (local $dst i32) (local $k i32)
    (block $done
      (loop $ids_loop
        (br_if $done (i32.ge_u (local.get $t) (local.get $n)))
        (local.set $id (i32.load (i32.add (local.get $ids) (i32.shl (local.get $t) (i32.const 2)))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (local.set $p (i32.add (local.get $ready) (local.get $id)))
        (br_if $ids_loop (i32.load8_u (local.get $p)))
        (i32.store8 (local.get $p) (i32.const 1))
        (local.set $src (i32.add (local.get $codes) (i32.mul (local.get $id) (local.get $d))))
        (local.set $dst
          (i32.add (local.get $table) (i32.shl (i32.mul (local.get $id) (local.get $d)) (i32.const 2))))
        (local.set $k (i32.const 0))
        (loop $dims
          (f32.store
            (i32.add (local.get $dst) (i32.shl (local.get $k) (i32.const 2)))
            (f32.load
              (i32.add (local.get $lut)
                (i32.shl (i32.load8_u (i32.add (local.get $src) (local.get $k))) (i32.const 2)))))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br_if $dims (i32.lt_u (local.get $k) (local.get $d))))
        (br $ids_loop))))

  ;; ids[0, n) (i32) -> out[0, d) (f32). table: [buckets x d] f32, idf: [buckets] f32.
  ;; w (f64[n]) and bases (i32[n]) are scratch. d must be a multiple of 8.
  (func (export "bag")
    (param $n i32) (param $ids i32) (param $table i32) (param $idf i32) (param $d i32)
    (param $out i32) (param $w i32) (param $bases i32)
    (local $t i32) (local $m i32) (local $id i32) (local $wt f64) (local $wsum f64) (local $k i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $ws v128)
    (local $v v128) (local $p i32) (local $row i32) (local $o i32)
    ;; The row's weighted ids, in order.
    (block $done
      (loop $ids_loop
        (br_if $done (i32.ge_u (local.get $t) (local.get $n)))
        (local.set $id (i32.load (i32.add (local.get $ids) (i32.shl (local.get $t) (i32.const 2)))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br_if $ids_loop (i32.eqz (local.get $id)))
        (local.set $wt
          (f64.promote_f32 (f32.load (i32.add (local.get $idf) (i32.shl (local.get $id) (i32.const 2))))))
        (br_if $ids_loop (f64.eq (local.get $wt) (f64.const 0)))
        (local.set $wsum (f64.add (local.get $wsum) (local.get $wt)))
        (f64.store (i32.add (local.get $w) (i32.shl (local.get $m) (i32.const 3))) (local.get $wt))
        (i32.store (i32.add (local.get $bases) (i32.shl (local.get $m) (i32.const 2)))
          (i32.add (local.get $table) (i32.shl (i32.mul (local.get $id) (local.get $d)) (i32.const 2))))
        (local.set $m (i32.add (local.get $m) (i32.const 1)))
        (br $ids_loop)))
    ;; Same clamp as bagForward: a row without weight is the zero vector.
    (if (f64.le (local.get $wsum) (f64.const 1e-12))
      (then
        (memory.fill (local.get $out) (i32.const 0) (i32.shl (local.get $d) (i32.const 2)))
        (return)))
    (local.set $ws (f64x2.splat (local.get $wsum)))
    (block $dims_done
      (loop $dims
        (br_if $dims_done (i32.ge_u (local.get $k) (local.get $d)))
        (local.set $a0 (v128.const i64x2 0 0))
        (local.set $a1 (v128.const i64x2 0 0))
        (local.set $a2 (v128.const i64x2 0 0))
        (local.set $a3 (v128.const i64x2 0 0))
        (local.set $t (i32.const 0))
        (block $rows_done
          (loop $rows
            (br_if $rows_done (i32.ge_u (local.get $t) (local.get $m)))
            (local.set $wt (f64.load (i32.add (local.get $w) (i32.shl (local.get $t) (i32.const 3)))))
            (local.set $row
              (i32.add
                (i32.load (i32.add (local.get $bases) (i32.shl (local.get $t) (i32.const 2))))
                (i32.shl (local.get $k) (i32.const 2))))
            (local.set $v (v128.load (local.get $row)))
            (local.set $a0
              (f64x2.add (local.get $a0)
                (f64x2.mul (f64x2.splat (local.get $wt)) (f64x2.promote_low_f32x4 (local.get $v)))))
            (local.set $a1
              (f64x2.add (local.get $a1)
                (f64x2.mul (f64x2.splat (local.get $wt))
                  (f64x2.promote_low_f32x4
                    (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v))))))
            (local.set $v (v128.load offset=16 (local.get $row)))
            (local.set $a2
              (f64x2.add (local.get $a2)
                (f64x2.mul (f64x2.splat (local.get $wt)) (f64x2.promote_low_f32x4 (local.get $v)))))
            (local.set $a3
              (f64x2.add (local.get $a3)
                (f64x2.mul (f64x2.splat (local.get $wt))
                  (f64x2.promote_low_f32x4
                    (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v))))))
            (local.set $t (i32.add (local.get $t) (i32.const 1)))
            (br $rows)))
        ;; out[k, k + 8) = f32(acc / wsum), two dims per 8-byte store.
        (local.set $o (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 2))))
        (i64.store (local.get $o)
          (i64x2.extract_lane 0 (f32x4.demote_f64x2_zero (f64x2.div (local.get $a0) (local.get $ws)))))
        (i64.store offset=8 (local.get $o)
          (i64x2.extract_lane 0 (f32x4.demote_f64x2_zero (f64x2.div (local.get $a1) (local.get $ws)))))
        (i64.store offset=16 (local.get $o)
          (i64x2.extract_lane 0 (f32x4.demote_f64x2_zero (f64x2.div (local.get $a2) (local.get $ws)))))
        (i64.store offset=24 (local.get $o)
          (i64x2.extract_lane 0 (f32x4.demote_f64x2_zero (f64x2.div (local.get $a3) (local.get $ws)))))
        (local.set $k (i32.add (local.get $k) (i32.const 8)))
        (br $dims)))))
