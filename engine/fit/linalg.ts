/**
 * Small dense linear algebra for fitting (a handful of parameters): row-major `number[][]` matrices, a Cholesky
 * solve for the Levenberg–Marquardt step and a symmetric eigen-decomposition (cyclic Jacobi) for the
 * information matrix, its condition number and its (pseudo-)inverse.
 */

/** Jᵀ J and Jᵀ r for a Jacobian J (rows: residuals, columns: parameters) and residuals r. */
export function normalEquations(jac: readonly Float64Array[], r: ArrayLike<number>): { a: number[][]; g: number[] } {
  const p = jac.length;
  const a = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const g = new Array<number>(p).fill(0);
  for (let i = 0; i < p; i++) {
    const ci = jac[i]!;
    let s = 0;
    for (let k = 0; k < ci.length; k++) s += ci[k]! * r[k]!;
    g[i] = s;
    for (let j = 0; j <= i; j++) {
      const cj = jac[j]!;
      let t = 0;
      for (let k = 0; k < ci.length; k++) t += ci[k]! * cj[k]!;
      a[i]![j] = t;
      a[j]![i] = t;
    }
  }
  return { a, g };
}

/**
 * Solves A x = b for a symmetric positive definite A by Cholesky. Returns null when A is not positive definite
 * (a pivot ≤ 0 or not finite).
 */
export function choleskySolve(a: readonly (readonly number[])[], b: readonly number[]): number[] | null {
  const n = b.length;
  const l = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i]![j]!;
      for (let k = 0; k < j; k++) s -= l[i]![k]! * l[j]![k]!;
      if (i === j) {
        if (!(s > 0) || !Number.isFinite(s)) return null;
        l[i]![i] = Math.sqrt(s);
      } else {
        l[i]![j] = s / l[j]![j]!;
      }
    }
  }
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i]![k]! * y[k]!;
    y[i] = s / l[i]![i]!;
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k]![i]! * x[k]!;
    x[i] = s / l[i]![i]!;
  }
  return x;
}

/** Eigenvalues (ascending) and eigenvectors (columns of `vectors`) of a symmetric matrix, by cyclic Jacobi. */
export function symmetricEigen(m: readonly (readonly number[])[]): { values: number[]; vectors: number[][] } {
  const n = m.length;
  const a = m.map((row) => [...row]);
  const v: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j): number => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < n; i++) {
      diag += a[i]![i]! * a[i]![i]!;
      for (let j = i + 1; j < n; j++) off += a[i]![j]! * a[i]![j]!;
    }
    if (off <= 1e-30 * diag || off === 0) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p]![q]!;
        if (apq === 0) continue;
        const theta = (a[q]![q]! - a[p]![p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k]![p]!;
          const akq = a[k]![q]!;
          a[k]![p] = c * akp - s * akq;
          a[k]![q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p]![k]!;
          const aqk = a[q]![k]!;
          a[p]![k] = c * apk - s * aqk;
          a[q]![k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k]![p]!;
          const vkq = v[k]![q]!;
          v[k]![p] = c * vkp - s * vkq;
          v[k]![q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[i]![i]! - a[j]![j]!);
  return {
    values: order.map((i) => a[i]![i]!),
    vectors: Array.from({ length: n }, (_, r) => order.map((i) => v[r]![i]!)),
  };
}

/**
 * Inverse of a symmetric positive semi-definite matrix through its eigen-decomposition. Directions whose
 * eigenvalue is below `relTol` × the largest are left out (a pseudo-inverse); `rank` says how many were kept.
 */
export function symmetricInverse(m: readonly (readonly number[])[], relTol = 1e-12): { inverse: number[][]; rank: number; condition: number } {
  const n = m.length;
  const { values, vectors } = symmetricEigen(m);
  const max = Math.max(...values.map(Math.abs), 0);
  const min = values.length ? values[0]! : 0;
  const inverse = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  let rank = 0;
  for (let k = 0; k < n; k++) {
    const lam = values[k]!;
    if (!(lam > relTol * max)) continue;
    rank++;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) inverse[i]![j]! += (vectors[i]![k]! * vectors[j]![k]!) / lam;
  }
  return { inverse, rank, condition: min > 0 ? max / min : Infinity };
}
