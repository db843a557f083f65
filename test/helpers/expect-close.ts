import { expect } from 'vitest';

/** Asserts |actual − expected| <= atol + rtol·|expected|, with a message that shows both numbers. */
export function expectClose(actual: number, expected: number, tol: { rtol?: number; atol?: number }, what = ''): void {
  const rtol = tol.rtol ?? 0;
  const atol = tol.atol ?? 0;
  const ok = Math.abs(actual - expected) <= atol + rtol * Math.abs(expected);
  expect(ok, `${what} actual ${actual} vs expected ${expected} (rtol ${rtol}, atol ${atol})`).toBe(true);
}
