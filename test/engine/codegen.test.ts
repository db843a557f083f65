import { describe, expect, it } from 'vitest';
import { daily } from '../../engine/dosing';
import { builtinModel, modelIds } from '../../models/registry';
import { compileModel, modelCompiler } from '../../engine/model/compile';
import { resolveParameters, simulate } from '../../engine/simulate';

describe('generated code and closures evaluate models identically', () => {
  it.each(modelIds())('model %s: right-hand side and outputs are bit-identical at 200 states', (id) => {
    const model = builtinModel(id);
    const { values } = resolveParameters(model);
    const a = compileModel(model, values, { evaluation: 'closures' });
    const b = compileModel(model, values, { evaluation: 'generated' });
    const n = a.n;
    const da = new Float64Array(n), db = new Float64Array(n);
    const oa = new Float64Array(model.spec.outputs.length), ob = new Float64Array(model.spec.outputs.length);
    let seed = 7;
    const rnd = () => { seed = (seed * 16807) % 2147483647; return seed / 2147483647; };
    for (let k = 0; k < 200; k++) {
      const y = Float64Array.from({ length: n }, () => rnd() * 3);
      const t = rnd() * 100;
      a.rhs(t, y, da); b.rhs(t, y, db);
      a.outputs(t, y, oa); b.outputs(t, y, ob);
      expect(Array.from(db)).toEqual(Array.from(da));
      expect(Array.from(ob)).toEqual(Array.from(oa));
    }
    expect(b.y0).toEqual(a.y0);
    expect(b.doses).toEqual(a.doses);
  });

  it('a whole ldn week is the same with either evaluation', () => {
    const model = builtinModel('ldn');
    const req = { events: daily({ drug: 'naltrexone', amtMg: 4.5, days: 7 }), endH: 168, stepH: 0.25 };
    const a = simulate(model, { ...req, evaluation: 'closures' });
    const b = simulate(model, { ...req, evaluation: 'generated' });
    a.columns.forEach((c, j) => expect(Array.from(b.columns[j]!.values)).toEqual(Array.from(c.values)));
  });

  it.each(['closures', 'generated'] as const)('a model compiler given values in model order makes the same model as from a record (%s)', (evaluation) => {
    const model = builtinModel('ldn');
    const { values } = resolveParameters(model);
    const changed: Record<string, number> = { ...values, cl_f_naltrexone_l_per_h: 900, kp_brain: 0.4 };
    const ordered = Float64Array.from(model.spec.parameters, (q) => changed[q.name]!);
    const compiler = modelCompiler(model, { evaluation });
    const a = compiler.compile(changed);
    const b = compiler.compileValues(ordered);
    const y = Float64Array.from({ length: a.n }, (_, i) => 0.1 * (i + 1));
    const da = new Float64Array(a.n), db = new Float64Array(a.n);
    compiler.select(a); a.rhs(3, y, da);
    compiler.select(b); b.rhs(3, y, db);
    expect(Array.from(db)).toEqual(Array.from(da));
    expect(da).not.toEqual(Float64Array.from((() => { const c = compileModel(model, values, { evaluation }); const d = new Float64Array(a.n); c.rhs(3, y, d); return d; })()));
    expect([b.y0, b.doses]).toEqual([a.y0, a.doses]);
    const bad = Float64Array.from(ordered);
    bad[model.spec.parameters.findIndex((q) => q.name === 'kp_brain')] = NaN;
    expect(() => compiler.compileValues(bad)).toThrow(/parameter kp_brain: expected a finite number, got NaN/);
    if (evaluation === 'generated') expect(() => compiler.compileValues(ordered.subarray(1))).toThrow(/parameters: expected \d+ values in model order/);
  });

  it('an unknown evaluation is refused', () => {
    expect(() => simulate(builtinModel('one-compartment'), { events: [], endH: 1, stepH: 1, evaluation: 'jit' as never }))
      .toThrow(/evaluation: expected "closures" or "generated", got "jit"/);
  });
});
