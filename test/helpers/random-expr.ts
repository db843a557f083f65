/**
 * Seeded random expressions in the model language, for tests that compare two readings of the same expression
 * (our parser against mathjs, MathML read back against the engine). Shared so that both draw the same language.
 */

/** A seeded generator (mulberry32) so the random expressions are the same on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random expression over `x`, `y`, `z_2` and numbers, at most `depth` operators deep. */
export function randomExpr(r: () => number, depth: number): string {
  const leaf = () => (r() < 0.5 ? ['x', 'y', 'z_2'][Math.floor(r() * 3)]! : (r() * 10).toFixed(Math.floor(r() * 3)));
  if (depth === 0 || r() < 0.2) return leaf();
  const pick = r();
  if (pick < 0.55) {
    const op = ['+', '-', '*', '/', '^'][Math.floor(r() * 5)]!;
    // A negative base with a fractional exponent has no real value: JS gives NaN, mathjs a real root of its
    // own choosing. Powers of negative bases are tested with integer exponents in test/engine/expr.test.ts.
    if (op === '^') return `abs(${randomExpr(r, depth - 1)}) ^ ${randomExpr(r, depth - 1)}`;
    return `${randomExpr(r, depth - 1)} ${op} ${randomExpr(r, depth - 1)}`;
  }
  if (pick < 0.7) return `-${randomExpr(r, depth - 1)}`;
  if (pick < 0.85) return `(${randomExpr(r, depth - 1)})`;
  const fn = ['exp', 'log', 'log10', 'sqrt', 'abs', 'min', 'max', 'pow', 'sin', 'cos', 'tan', 'tanh'][Math.floor(r() * 12)]!;
  if (fn === 'pow') return `pow(abs(${randomExpr(r, depth - 1)}), ${randomExpr(r, depth - 1)})`; // a real power, as for ^
  return fn === 'min' || fn === 'max' ? `${fn}(${randomExpr(r, depth - 1)}, ${randomExpr(r, depth - 1)})` : `${fn}(${randomExpr(r, depth - 1)})`;
}
