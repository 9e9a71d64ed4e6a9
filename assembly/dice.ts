/**
 * The Sørensen–Dice kernel of record linkage, in AssemblyScript, compiled to WebAssembly by
 * scripts/build-wasm.mjs twice: with SIMD (128-bit `v128.and` + `i8x16.popcnt`) and without
 * (64-bit `i64.popcnt`), for engines that lack SIMD. The loader (src/domain/linkage/kernel/wasm.ts)
 * lays out the memory, so nothing here allocates:
 *
 *   [heapBase()] CLKs, `stride` bytes each (a multiple of 16, zero-padded) | popcounts (i32 per record)
 *                | candidates (u32 per slot) | kept indexes (u32 per slot) | kept scores (f64 per slot)
 *
 * Scores are computed exactly as the JavaScript kernel does (2·|A∩B| / (|A|+|B|) in f64), so the two
 * give bit-identical results; a pair of empty CLKs scores 0.
 */

/** Where the caller's layout may begin: past any static data, 16-byte aligned. */
export function heapBase(): usize {
  return (__heap_base + 15) & ~(<usize>15);
}

/** Set bits of a AND b over 128 bytes (1024-bit CLKs, the default schema), unrolled; inlined (one caller). */
function andPopcount128(pa: usize, pb: usize): i32 {
  if (ASC_FEATURE_SIMD) {
    let acc = i8x16.popcnt(v128.and(v128.load(pa), v128.load(pb)));
    acc = i8x16.add(acc, i8x16.popcnt(v128.and(v128.load(pa, 16), v128.load(pb, 16))));
    acc = i8x16.add(acc, i8x16.popcnt(v128.and(v128.load(pa, 32), v128.load(pb, 32))));
    acc = i8x16.add(acc, i8x16.popcnt(v128.and(v128.load(pa, 48), v128.load(pb, 48))));
    acc = i8x16.add(acc, i8x16.popcnt(v128.and(v128.load(pa, 64), v128.load(pb, 64))));
    acc = i8x16.add(acc, i8x16.popcnt(v128.and(v128.load(pa, 80), v128.load(pb, 80))));
    acc = i8x16.add(acc, i8x16.popcnt(v128.and(v128.load(pa, 96), v128.load(pb, 96))));
    acc = i8x16.add(acc, i8x16.popcnt(v128.and(v128.load(pa, 112), v128.load(pb, 112))));
    // Byte lanes hold at most 64: widen to four 32-bit sums, then fold the halves onto lane 0.
    let sums = i32x4.extadd_pairwise_i16x8_u(i16x8.extadd_pairwise_i8x16_u(acc));
    sums = i32x4.add(sums, v128.shuffle<i32>(sums, sums, 2, 3, 0, 1));
    sums = i32x4.add(sums, v128.shuffle<i32>(sums, sums, 1, 0, 3, 2));
    return i32x4.extract_lane(sums, 0);
  } else {
    let even: u64 = 0;
    let odd: u64 = 0;
    for (let off: usize = 0; off < 128; off += 16) {
      even += popcnt<u64>(load<u64>(pa + off) & load<u64>(pb + off));
      odd += popcnt<u64>(load<u64>(pa + off, 8) & load<u64>(pb + off, 8));
    }
    return <i32>(even + odd);
  }
}

/** Set bits of a AND b over `stride` bytes (a multiple of 16); one caller, so binaryen -O3 inlines it. */
function andPopcount(pa: usize, pb: usize, stride: usize): i32 {
  let total: i32 = 0;
  if (ASC_FEATURE_SIMD) {
    let off: usize = 0;
    while (off < stride) {
      // Byte lanes count at most 8 per vector: flush to the total every 31 vectors (248 < 256).
      const chunkEnd = min<usize>(stride, off + 31 * 16);
      let acc = i8x16.splat(0);
      for (; off + 32 <= chunkEnd; off += 32) {
        const v0 = v128.and(v128.load(pa + off), v128.load(pb + off));
        const v1 = v128.and(v128.load(pa + off, 16), v128.load(pb + off, 16));
        acc = i8x16.add(acc, i8x16.add(i8x16.popcnt(v0), i8x16.popcnt(v1)));
      }
      if (off < chunkEnd) {
        acc = i8x16.add(acc, i8x16.popcnt(v128.and(v128.load(pa + off), v128.load(pb + off))));
        off += 16;
      }
      const pairs = i32x4.extadd_pairwise_i16x8_u(i16x8.extadd_pairwise_i8x16_u(acc));
      total +=
        i32x4.extract_lane(pairs, 0) +
        i32x4.extract_lane(pairs, 1) +
        i32x4.extract_lane(pairs, 2) +
        i32x4.extract_lane(pairs, 3);
    }
  } else {
    for (let off: usize = 0; off < stride; off += 16) {
      const w0 = load<u64>(pa + off) & load<u64>(pb + off);
      const w1 = load<u64>(pa + off, 8) & load<u64>(pb + off, 8);
      total += <i32>(popcnt<u64>(w0) + popcnt<u64>(w1));
    }
  }
  return total;
}

/**
 * Scores record `a` against the `count` records listed at `candidates` and keeps those scoring at
 * least `floor`: their indexes go to `outIndex`, their scores to `outScore`. Returns how many were kept.
 */
export function scoreAgainst(
  clks: usize,
  stride: u32,
  popcounts: usize,
  a: u32,
  candidates: usize,
  count: u32,
  floor: f64,
  outIndex: usize,
  outScore: usize,
): u32 {
  const strideBytes = <usize>stride;
  const pa = clks + <usize>a * strideBytes;
  const countA = load<i32>(popcounts + ((<usize>a) << 2));
  let kept: u32 = 0;
  // Two copies of the loop: the common 1024-bit CLK unrolled, any other length looped.
  if (strideBytes == 128) {
    for (let k: u32 = 0; k < count; k++) {
      const b = load<u32>(candidates + ((<usize>k) << 2));
      const sum = countA + load<i32>(popcounts + ((<usize>b) << 2));
      const common = andPopcount128(pa, clks + ((<usize>b) << 7));
      const score = sum == 0 ? 0.0 : <f64>(2 * common) / <f64>sum;
      if (score >= floor) {
        store<u32>(outIndex + ((<usize>kept) << 2), b);
        store<f64>(outScore + ((<usize>kept) << 3), score);
        kept++;
      }
    }
    return kept;
  }
  for (let k: u32 = 0; k < count; k++) {
    const b = load<u32>(candidates + ((<usize>k) << 2));
    const sum = countA + load<i32>(popcounts + ((<usize>b) << 2));
    const common = andPopcount(pa, clks + <usize>b * strideBytes, strideBytes);
    const score = sum == 0 ? 0.0 : <f64>(2 * common) / <f64>sum;
    if (score >= floor) {
      store<u32>(outIndex + ((<usize>kept) << 2), b);
      store<f64>(outScore + ((<usize>kept) << 3), score);
      kept++;
    }
  }
  return kept;
}

/** Counts the set bits of each of `records` CLKs into `popcounts` (once per record: no SIMD needed). */
export function countBits(clks: usize, stride: u32, records: u32, popcounts: usize): void {
  const strideBytes = <usize>stride;
  for (let i: u32 = 0; i < records; i++) {
    const p = clks + <usize>i * strideBytes;
    let total: i32 = 0;
    for (let off: usize = 0; off < strideBytes; off += 8) total += <i32>popcnt<u64>(load<u64>(p + off));
    store<i32>(popcounts + ((<usize>i) << 2), total);
  }
}
