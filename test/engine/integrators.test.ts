import { describe, expect, it } from 'vitest';
import { INTEGRATORS } from '../../engine/integrators';
import type { Rhs } from '../../engine/integrate';
import { prepareModel } from '../../engine/model/load';
import { simulate } from '../../engine/simulate';
import { oneCompartment } from '../../models/one-compartment';
import { expectClose } from '../helpers/expect-close';

const opts = (n: number, rtol = 1e-10, atol = 1e-12) => ({ rtol, atol: Array(n).fill(atol), maxSteps: 100000 });

/** Runs an integrator over [t0, t1] and returns the samples it reported. */
function samples(name: keyof typeof INTEGRATORS, rhs: Rhs, n: number, y0: number[], t0: number, t1: number, ts: number[], o = opts(n)) {
  const out: number[][] = [];
  const res = INTEGRATORS[name].solve(n, rhs, t0, y0, t1, Float64Array.from(ts), (i, y) => { out[i] = Array.from(y); }, o);
  return { out, res };
}

describe.each(Object.keys(INTEGRATORS) as (keyof typeof INTEGRATORS)[])('integrator %s', (name) => {
  it('solves the harmonic oscillator y″ = −y to 1e-8 against cos t, sin t at every dense-output time', () => {
    const ts = Array.from({ length: 201 }, (_, i) => i * 0.1);
    const { out, res } = samples(name, (_t, y, d) => { d[0] = y[1]!; d[1] = -y[0]!; }, 2, [1, 0], 0, 20, ts);
    expect(res.outcome).toBe('ok');
    ts.forEach((t, i) => {
      expectClose(out[i]![0]!, Math.cos(t), { atol: 1e-8 }, `cos ${t}`);
      expectClose(out[i]![1]!, -Math.sin(t), { atol: 1e-8 }, `sin ${t}`);
    });
  });

  it('solves the logistic equation to 1e-9 of its closed form, including a sample at the very end', () => {
    // y' = r y (1 − y/K), y(0) = y0  →  y(t) = K / (1 + (K/y0 − 1) e^(−r t))
    const r = 0.8, K = 10, y0 = 0.1;
    const ts = [0, 0.37, 1, 2.5, 5, 7.77, 12];
    const { out } = samples(name, (_t, y, d) => { d[0] = r * y[0]! * (1 - y[0]! / K); }, 1, [y0], 0, 12, ts);
    ts.forEach((t, i) => expectClose(out[i]![0]!, K / (1 + (K / y0 - 1) * Math.exp(-r * t)), { atol: 1e-9 * K }, `t=${t}`));
  });

  it('on a stiff problem either reports the failure or is right: never a silently truncated or wrong curve', () => {
    const { res, out } = samples(name, (_t, y, d) => { d[0] = -1e9 * (y[0]! - 1); }, 1, [0], 0, 10, [0, 5, 10], opts(1, 1e-9, 1e-12));
    if (res.outcome === 'ok') {
      expectClose(out[1]![0]!, 1, { atol: 1e-8 });
      expectClose(out[2]![0]!, 1, { atol: 1e-8 });
    } else {
      expect(res.outcome).toMatch(/^(max-steps|step-too-small)$/);
      expect(res.reachedH).toBeLessThan(10);
      expect(out[2]).toBeUndefined();
    }
  }, 60_000);

  it('reports a step limit that is too small for the problem', () => {
    const { res } = samples(name, (_t, y, d) => { d[0] = y[1]!; d[1] = -y[0]!; }, 2, [1, 0], 0, 1000, [1000], { ...opts(2), maxSteps: 20 });
    expect(res.outcome).toBe('max-steps');
    expect(res.reachedH).toBeLessThan(1000);
  });
});

describe('the integrators agree on the models', () => {
  it('dop853 and odex give the same one-compartment week of daily doses to 1e-8 of the peak', () => {
    const model = prepareModel(oneCompartment);
    const req = { events: [{ timeH: 0, drug: 'drug', amtMg: 4.5, iiH: 24, addl: 6 }], endH: 170, stepH: 0.25 };
    const a = simulate(model, { ...req, solver: { method: 'dop853' } });
    const b = simulate(model, { ...req, solver: { method: 'odex' } });
    expect(a.meta.solver.method).toBe('dop853');
    expect(b.meta.solver.method).toBe('odex');
    const ca = a.columns[0]!.values;
    const cb = b.columns[0]!.values;
    const peak = Math.max(...cb);
    ca.forEach((x, i) => expectClose(x, cb[i]!, { atol: 1e-8 * peak }));
  });

  it('an unknown method is refused with the valid names', () => {
    const model = prepareModel(oneCompartment);
    expect(() => simulate(model, { events: [], endH: 1, stepH: 1, solver: { method: 'rk4' } })).toThrow(/solver\.method: expected one of dop853, dopri5, odex, got "rk4"/);
  });
});
