import { compile as mathCompile } from 'mathjs';
import { builtinModel } from '../../models/registry';
import { compileModel } from '../../engine/model/compile';
import { resolveParameters } from '../../engine/simulate';
import type { Rhs } from '../../engine/integrate';
import type { PreparedModel } from '../../engine/model/load';
import type { BenchSection, SectionResult } from '../section';
import { summarize } from '../timing';

/** mathjs's own route: `compile(expr).evaluate(scope)` per expression, with a plain-object scope. */
function mathjsRhs(model: PreparedModel, params: Readonly<Record<string, number>>): Rhs {
  const { spec } = model;
  const scope: Record<string, number> = { ...params, pi: Math.PI, e: Math.E, t: 0 };
  const states = spec.states.map((s) => s.name);
  const exprs = spec.expressions.map((x) => ({ name: x.name, code: mathCompile(String(x.expr)) }));
  const odes = states.map((s) => mathCompile(String(spec.odes[s])));
  return (t, y, dydt) => {
    scope.t = t;
    for (let i = 0; i < states.length; i++) scope[states[i]!] = y[i]!;
    for (const x of exprs) scope[x.name] = x.code.evaluate(scope) as number;
    for (let i = 0; i < odes.length; i++) dydt[i] = odes[i]!.evaluate(scope) as number;
  };
}

/** Nanoseconds per RHS evaluation: `rounds` timed loops of `calls` evaluations at varying states. */
function nsPerEval(rhs: Rhs, n: number, calls: number, rounds: number): { median: number; min: number; n: number } {
  const y = new Float64Array(n).fill(1);
  const dydt = new Float64Array(n);
  let acc = 0;
  const loop = (count: number) => {
    for (let i = 0; i < count; i++) {
      y[i % n] = 1 + (i & 1023) * 1e-3;
      rhs(i * 1e-4, y, dydt);
      acc += dydt[0]!;
    }
  };
  loop(Math.max(1000, calls >> 2)); // warm-up
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    loop(calls);
    samples.push(((performance.now() - t0) * 1e6) / calls);
  }
  if (!Number.isFinite(acc)) throw new Error('bench: non-finite RHS');
  const s = summarize(samples);
  return { median: s.median, min: s.min, n: s.n };
}

/**
 * The expression-evaluation options for model right-hand sides, on the one-compartment model: the engine's
 * closures, `new Function` code generated from the same trees, and mathjs's `compile().evaluate()`.
 */
export const exprSection: BenchSection = {
  id: 'expr',
  title: 'Expression evaluation: one-compartment RHS, ns per evaluation',
  run(ctx): SectionResult {
    const model = builtinModel('one-compartment');
    const { values } = resolveParameters(model);
    const n = model.spec.states.length;
    const variants: [key: string, label: string, rhs: Rhs, calls: number][] = [
      ['closure', '(a) closures (engine/expr/compile.ts)', compileModel(model, values).rhs, ctx.reps(1_000_000, 50_000)],
      ['new_function', '(b) new Function, generated JS (engine/expr/codegen.ts)', compileModel(model, values, { evaluation: 'generated' }).rhs, ctx.reps(1_000_000, 50_000)],
      ['mathjs', '(c) mathjs compile().evaluate(scope)', mathjsRhs(model, values), ctx.reps(100_000, 5_000)],
    ];

    // The three must agree before their speed means anything.
    const notes: string[] = [];
    const y = Float64Array.from({ length: n }, (_, i) => 10 + 3 * i);
    const ref = new Float64Array(n);
    variants[0]![2](1.5, y, ref);
    for (const [key, , rhs] of variants.slice(1)) {
      const d = new Float64Array(n);
      rhs(1.5, y, d);
      const worst = Math.max(...Array.from(d, (v, i) => Math.abs(v - ref[i]!) / Math.max(1e-300, Math.abs(ref[i]!))));
      if (!(worst <= 1e-12)) notes.push(`expr: ${key} disagrees with the closures (max relative difference ${worst.toExponential(2)})`);
    }

    const figures: Record<string, number> = {};
    const lines: string[] = [];
    const rounds = ctx.reps(7, 2);
    const results = variants.map(([key, label, rhs, calls]) => ({ key, label, r: nsPerEval(rhs, n, calls, rounds) }));
    const closure = results[0]!.r.median;
    for (const { key, label, r } of results) {
      figures[`expr_${key}_ns`] = r.median;
      const ratio = r.median / closure;
      if (key !== 'closure') figures[`expr_${key}_vs_closure`] = ratio;
      lines.push(`${label.padEnd(54)} median ${r.median.toFixed(1).padStart(8)} ns   min ${r.min.toFixed(1).padStart(8)} ns   ${ratio.toFixed(2)}× closures`);
    }
    const evals = ctx.figures['one_compartment_day_rhs_evaluations'];
    const dayMs = ctx.figures['one_compartment_day_ms'];
    if (evals !== undefined && dayMs !== undefined) {
      const share = (evals * closure * 1e-6) / dayMs;
      figures['expr_closure_share_of_day'] = share;
      lines.push(`RHS evaluations in a one-compartment day: ${evals} × ${closure.toFixed(1)} ns = ${(evals * closure * 1e-6).toPrecision(3)} ms, ${(100 * share).toFixed(1)}% of the run`);
    }
    return { figures, lines, notes };
  },
};
