import { describe, expect, test } from 'vitest';
import { cholesky, choleskyInverseDiagonal, choleskySolve, matrixRank } from './linalg';

describe('linear algebra', () => {
  test('Cholesky solves a symmetric positive-definite system and inverts its diagonal', () => {
    const a = Float64Array.from([4, 2, 0, 2, 5, 1, 0, 1, 3]);
    const factor = Float64Array.from(a);
    expect(cholesky(factor, 3)).toBe(true);
    const x = choleskySolve(factor, 3, Float64Array.from([2, 1, 4]));
    const back = [0, 1, 2].map((i) => a[i * 3] * x[0] + a[i * 3 + 1] * x[1] + a[i * 3 + 2] * x[2]);
    expect(back.map((v) => Number(v.toFixed(12)))).toEqual([2, 1, 4]);
    // Inverse of this matrix has diagonal (14, 12, 16) / 44.
    expect([...choleskyInverseDiagonal(factor, 3)].map((v) => Number(v.toFixed(12)))).toEqual(
      [14 / 44, 12 / 44, 16 / 44].map((v) => Number(v.toFixed(12))),
    );
  });

  test('Cholesky refuses a singular matrix', () => {
    expect(cholesky(Float64Array.from([1, 1, 1, 1]), 2)).toBe(false);
  });

  test.each([
    ['full rank 3x2', [1, 0, 0, 1, 1, 1], 3, 2, 2],
    ['dependent columns', [1, 2, 2, 4, 3, 6], 3, 2, 1],
    ['fewer rows than columns', [1, 0, 1, 0, 1, 1], 2, 3, 2],
    ['zero matrix', [0, 0, 0, 0], 2, 2, 0],
  ])('rank of %s', (_name, values, rows, cols, rank) => {
    expect(matrixRank(Float64Array.from(values), rows, cols)).toBe(rank);
  });
});
