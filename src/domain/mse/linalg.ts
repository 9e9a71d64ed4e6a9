/**
 * The little dense linear algebra the Poisson fit needs: Cholesky solves and
 * inverses of small symmetric positive-definite matrices, and numerical rank.
 * Matrices are row-major Float64Arrays of size n*n.
 */

/** In-place Cholesky factorisation (lower triangle); false when not positive definite. */
export function cholesky(a: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j += 1) {
    let diag = a[j * n + j];
    for (let k = 0; k < j; k += 1) diag -= a[j * n + k] * a[j * n + k];
    if (!(diag > 1e-300)) return false;
    const root = Math.sqrt(diag);
    a[j * n + j] = root;
    for (let i = j + 1; i < n; i += 1) {
      let sum = a[i * n + j];
      for (let k = 0; k < j; k += 1) sum -= a[i * n + k] * a[j * n + k];
      a[i * n + j] = sum / root;
    }
  }
  return true;
}

/** Solves L L^T x = b given the factor from `cholesky`; returns x. */
export function choleskySolve(l: Float64Array, n: number, b: Float64Array): Float64Array {
  const x = Float64Array.from(b);
  for (let i = 0; i < n; i += 1) {
    let sum = x[i];
    for (let k = 0; k < i; k += 1) sum -= l[i * n + k] * x[k];
    x[i] = sum / l[i * n + i];
  }
  for (let i = n - 1; i >= 0; i -= 1) {
    let sum = x[i];
    for (let k = i + 1; k < n; k += 1) sum -= l[k * n + i] * x[k];
    x[i] = sum / l[i * n + i];
  }
  return x;
}

/** Diagonal of the inverse from a Cholesky factor (the variances of a GLM fit). */
export function choleskyInverseDiagonal(l: Float64Array, n: number): Float64Array {
  const diag = new Float64Array(n);
  const unit = new Float64Array(n);
  for (let j = 0; j < n; j += 1) {
    unit.fill(0);
    unit[j] = 1;
    diag[j] = choleskySolve(l, n, unit)[j];
  }
  return diag;
}

/** Numerical rank of a rows x cols row-major matrix by Gaussian elimination with full pivoting. */
export function matrixRank(m: Float64Array, rows: number, cols: number, tolerance = 1e-9): number {
  const a = Float64Array.from(m);
  let scale = 0;
  for (const v of a) scale = Math.max(scale, Math.abs(v));
  const tol = tolerance * Math.max(1, scale) * Math.max(rows, cols);
  const usedRows = new Uint8Array(rows);
  let rank = 0;
  for (let col = 0; col < cols; col += 1) {
    let pivot = -1;
    let best = tol;
    for (let r = 0; r < rows; r += 1) {
      if (!usedRows[r] && Math.abs(a[r * cols + col]) > best) {
        best = Math.abs(a[r * cols + col]);
        pivot = r;
      }
    }
    if (pivot < 0) continue;
    usedRows[pivot] = 1;
    rank += 1;
    for (let r = 0; r < rows; r += 1) {
      if (usedRows[r]) continue;
      const factor = a[r * cols + col] / a[pivot * cols + col];
      if (factor === 0) continue;
      for (let c = col; c < cols; c += 1) a[r * cols + c] -= factor * a[pivot * cols + c];
    }
  }
  return rank;
}
