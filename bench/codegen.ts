import type { Expr } from '../engine/expr/ast';
import type { PreparedModel } from '../engine/model/load';
import type { Rhs } from '../engine/integrate';

/**
 * Benchmark-only: generates a model's right-hand side as JavaScript source and compiles it with
 * `new Function`, from the same parsed trees the engine's closure compiler uses. It exists to measure what the
 * engine gives up by using closures (which run under a Content-Security-Policy without `unsafe-eval`); it is
 * not part of the engine.
 */
export function generatedRhs(model: PreparedModel, params: Readonly<Record<string, number>>): { rhs: Rhs; source: string } {
  const { spec } = model;
  const names = new Map<string, string>([['t', 't']]);
  spec.states.forEach((s, i) => names.set(s.name, `s${i}`));
  spec.expressions.forEach((x, i) => names.set(x.name, `x${i}`));
  const constants = new Map<string, number>([['pi', Math.PI], ['e', Math.E]]);
  for (const p of spec.parameters) constants.set(p.name, params[p.name] ?? p.value);

  const body: string[] = ['"use strict";', 'return function rhs(t, y, dydt) {'];
  spec.states.forEach((_, i) => body.push(`  const s${i} = y[${i}];`));
  model.expressions.forEach((e, i) => body.push(`  const x${i} = ${js(fold(e, constants), names)};`));
  model.odes.forEach((e, i) => body.push(`  dydt[${i}] = ${js(fold(e, constants), names)};`));
  body.push('};');
  const source = body.join('\n');
  return { rhs: new Function(source)() as Rhs, source };
}

function num(v: number): string {
  if (Object.is(v, -0)) return '(-0)';
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '(-Infinity)';
  return v < 0 ? `(${v})` : String(v);
}

function js(e: Expr, names: ReadonlyMap<string, string>): string {
  switch (e.k) {
    case 'num': return num(e.v);
    case 'sym': {
      const n = names.get(e.name);
      if (n === undefined) throw new ReferenceError(`codegen: unknown symbol "${e.name}"`);
      return n;
    }
    case 'neg': return `(-${js(e.a, names)})`;
    case 'bin': return e.op === '^'
      ? `Math.pow(${js(e.a, names)}, ${js(e.b, names)})`
      : `(${js(e.a, names)} ${e.op} ${js(e.b, names)})`;
    case 'call': return `Math.${e.fn}(${e.args.map((x) => js(x, names)).join(', ')})`;
  }
}

/** Folds constant sub-trees, as the closure compiler does, so that both variants start from the same tree. */
function fold(e: Expr, constants: ReadonlyMap<string, number>): Expr {
  switch (e.k) {
    case 'num': return e;
    case 'sym': {
      const v = constants.get(e.name);
      return v === undefined ? e : { k: 'num', v };
    }
    case 'neg': {
      const a = fold(e.a, constants);
      return a.k === 'num' ? { k: 'num', v: -a.v } : { k: 'neg', a };
    }
    case 'bin': {
      const a = fold(e.a, constants);
      const b = fold(e.b, constants);
      if (a.k === 'num' && b.k === 'num') {
        const v = e.op === '+' ? a.v + b.v : e.op === '-' ? a.v - b.v : e.op === '*' ? a.v * b.v : e.op === '/' ? a.v / b.v : Math.pow(a.v, b.v);
        return { k: 'num', v };
      }
      return { k: 'bin', op: e.op, a, b };
    }
    case 'call': {
      const args = e.args.map((x) => fold(x, constants));
      if (args.every((x) => x.k === 'num')) {
        const vs = args.map((x) => (x as { v: number }).v);
        return { k: 'num', v: (Math[e.fn] as (...a: number[]) => number)(...vs) };
      }
      return { k: 'call', fn: e.fn, args };
    }
  }
}
