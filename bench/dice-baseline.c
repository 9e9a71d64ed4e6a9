/*
 * The native baseline of bench/linkage.ts: the plain C loop that anonlink's kernel is (AND, 64-bit
 * popcount, Dice in double), over the same CLKs, anchors and candidate batches the Ariadne kernels
 * score. The bench compiles it with `cc -O3 -march=native` into a temporary folder when a C compiler
 * is present, and writes the inputs there:
 *   dice-baseline <clks.bin> <records> <words32> <anchors.bin> <candidates.bin> <batches> <batch> <rounds> <floor>
 * clks.bin: records × words32 little-endian u32 (words32 even); anchors.bin: one i32 per batch;
 * candidates.bin: batch i32 per batch. Prints "<comparisons per CPU second> <kept>".
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static void *slurp(const char *file, size_t bytes) {
  void *data = malloc(bytes);
  FILE *f = fopen(file, "rb");
  if (!data || !f || fread(data, 1, bytes, f) != bytes) exit(3);
  fclose(f);
  return data;
}

int main(int argc, char **argv) {
  if (argc != 10) return 2;
  const long n = atol(argv[2]), words = atol(argv[3]), batches = atol(argv[6]), batch = atol(argv[7]);
  const long rounds = atol(argv[8]);
  const double floor_ = atof(argv[9]);
  const long w64 = words / 2;
  const uint64_t *clks = slurp(argv[1], (size_t)(n * words * 4));
  const int32_t *anchors = slurp(argv[4], (size_t)(batches * 4));
  const int32_t *candidates = slurp(argv[5], (size_t)(batches * batch * 4));
  int32_t *counts = malloc((size_t)n * sizeof(int32_t));
  int32_t *kept_index = malloc((size_t)batch * sizeof(int32_t));
  double *kept_score = malloc((size_t)batch * sizeof(double));
  for (long i = 0; i < n; i++) {
    int c = 0;
    for (long w = 0; w < w64; w++) c += __builtin_popcountll(clks[i * w64 + w]);
    counts[i] = c;
  }
  struct timespec t0, t1;
  long kept = 0;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
  for (long r = 0; r < rounds; r++) {
    for (long i = 0; i < batches; i++) {
      const int32_t a = anchors[i];
      const int32_t *cand = candidates + i * batch;
      const uint64_t *pa = clks + (long)a * w64;
      const int32_t ca = counts[a];
      long k = 0;
      for (long j = 0; j < batch; j++) {
        const int32_t b = cand[j];
        const uint64_t *pb = clks + (long)b * w64;
        int common = 0;
        for (long w = 0; w < w64; w++) common += __builtin_popcountll(pa[w] & pb[w]);
        const int32_t sum = ca + counts[b];
        const double score = sum == 0 ? 0.0 : (2.0 * common) / sum;
        if (score >= floor_) {
          kept_index[k] = b;
          kept_score[k] = score;
          k++;
        }
      }
      kept += k;
    }
  }
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
  const double seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
  /* The kept arrays are read once, so the compiler cannot drop the stores. */
  printf("%.0f %ld\n", (double)(rounds * batches * batch) / seconds, kept + (kept_score[0] > 2.0 ? kept_index[0] : 0));
  return 0;
}
