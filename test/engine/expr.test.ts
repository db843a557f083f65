import { all, create } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { parseExpr, ExprSyntaxError } from '../../engine/expr/parse';
import { compileExpr } from '../../engine/expr/compile';
import { symbolsOf } from '../../engine/expr/ast';
import { MODELS } from '../../models/index';
import { randomExpr, rng } from '../helpers/random-expr';

// Real-valued semantics, as ours: with `predictable`, mathjs returns NaN for sqrt(-1) instead of a complex number.
const { evaluate } = create(all!, { predictable: true });

/** Evaluates with our parser and closure compiler, every symbol in a scope slot. */
function ours(src: string, scope: Record<string, number>): number {
  const e = parseExpr(src);
  const names = Object.keys(scope);
  const slots = Float64Array.from(names.map((n) => scope[n]!));
  const f = compileExpr(e, { constant: () => undefined, slot: (n) => (names.includes(n) ? names.indexOf(n) : undefined) });
  return f(slots);
}

/** Same, with every symbol folded in as a constant (the path parameters take). */
function oursFolded(src: string, scope: Record<string, number>): number {
  const f = compileExpr(parseExpr(src), { constant: (n) => scope[n], slot: () => undefined });
  return f(new Float64Array(0));
}

function same(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  return a === b || Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
}


describe('the expression language follows mathjs (the reference implementation)', () => {
  const scope = { x: 1.7, y: -0.4, z_2: 3 };
  it.each([
    ['-2^2', -4], ['2^3^2', 512], ['2^-1', 0.5], ['-x^2', -(1.7 ** 2)], ['1 - -1', 2], ['8 / 4 / 2', 1], ['2 * 3 + 4 * 5', 26],
    ['(1 + 2) * 3', 9], ['1e-3 * 2', 0.002], ['.5 + 1.', 1.5], ['exp(0) + log(1) + sqrt(16)', 5], ['min(3, 1, 2) + max(-1, -2)', 0],
    ['abs(y)', 0.4], ['+x', 1.7], ['sin(1.5707963267948966) + cos(0) + tan(0) + tanh(0)', 2], ['log10(1000) + pow(2, 10)', 1027],
  ])('%s = %d (as mathjs evaluates it)', (src, expected) => {
    expect(same(ours(src, scope), expected)).toBe(true);
    expect(same(ours(src, scope), evaluate(src, { ...scope }) as number)).toBe(true);
  });

  it('2000 random expressions give the same value as mathjs, compiled with slots and with constants folded', () => {
    const r = rng(12345);
    let compared = 0;
    for (let i = 0; i < 2000; i++) {
      const src = randomExpr(r, 4);
      const s = { x: r() * 4 - 2, y: r() * 4 - 2, z_2: r() * 4 };
      let ref: unknown;
      try {
        ref = evaluate(src, { ...s });
      } catch {
        continue;
      }
      expect(typeof ref, src).toBe('number');
      expect(same(ours(src, s), ref as number), `${src} with ${JSON.stringify(s)}`).toBe(true);
      expect(same(oursFolded(src, s), ref as number), `${src} folded`).toBe(true);
      compared++;
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('every expression of every built-in model evaluates as mathjs evaluates it', () => {
    let n = 0;
    for (const m of MODELS) {
      const exprs = [
        ...m.expressions.map((x) => x.expr), ...Object.values(m.odes), ...m.outputs.map((o) => o.expr),
        ...m.doses.flatMap((d) => [d.bioavailability, d.lag_h]), ...m.states.map((s) => s.initial),
      ].filter((e): e is string => typeof e === 'string');
      for (const src of exprs) {
        const scope: Record<string, number> = {};
        symbolsOf(parseExpr(src)).forEach((name, i) => { scope[name] = 0.3 + 0.37 * i; });
        const ref = evaluate(src, { ...scope });
        expect(same(ours(src, scope), ref as number), `${m.id}: ${src}`).toBe(true);
        n++;
      }
    }
    expect(n).toBeGreaterThan(5);
  });
});

describe('expression syntax errors point at the problem', () => {
  it.each([
    ['2x', /missing operator\? write 2\*x, not 2x/],
    ['a +', /expected a number, a name or "\(" but found the end of the expression at column 4/],
    ['(a + b', /expected "\)"/],
    ['a + b)', /unbalanced "\)"/],
    ['sinh(a)', /unknown function sinh\(\) \(allowed: exp, log, log10, sqrt, abs, min, max, pow, sin, cos, tan, tanh\)/],
    ['pow(a)', /pow\(\) takes 2 arguments, got 1/],
    ['pow(a, b, c)', /pow\(\) takes 2 arguments, got 3/],
    ['exp(a, b)', /exp\(\) takes 1 argument, got 2/],
    ['min(a)', /min\(\) takes 2 or more arguments, got 1/],
    ['a % b', /unexpected character "%"/],
    ['a == b', /unexpected character "="/],
    ['', /empty expression/],
  ])('%j is rejected', (src, message) => {
    expect(() => parseExpr(src)).toThrow(ExprSyntaxError);
    expect(() => parseExpr(src)).toThrow(message);
  });
});
