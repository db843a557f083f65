import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DoseEvent } from '../../engine/dosing';
import { expand } from '../../engine/dosing';
import { estimationBounds, fitModel, type Observation } from '../../engine/fit';
import { builtinModel } from '../../models/registry';
import { Xoshiro128 } from '../../engine/random';
import { expectClose } from '../helpers/expect-close';

// The same problems fitted by SciPy's least_squares on the one-compartment model's closed form
// (test/tools/fit_crosscheck.py): an independent optimiser and an independent model solution.
const SCRIPT = fileURLToPath(new URL('../tools/fit_crosscheck.py', import.meta.url));

function scipyFit(problem: unknown): { estimates: Record<string, number>; se_log: Record<string, number>; objective: number } {
  const probe = spawnSync('python3', ['-c', 'import scipy, numpy'], { encoding: 'utf8' });
  if (probe.status !== 0) throw new Error('the SciPy cross-check needs python3 with numpy and scipy: apt-get install python3-scipy');
  const r = spawnSync('python3', [SCRIPT], { input: JSON.stringify(problem), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

const model = builtinModel('one-compartment');
// The physical bounds the fit estimates within (ka, CL, V > 0: the whole log axis; null = unbounded for SciPy).
const bounds = Object.fromEntries(model.spec.parameters.map((p) => {
  const b = estimationBounds(p);
  return [p.name, [b.lower > 0 ? b.lower : null, Number.isFinite(b.upper) ? b.upper : null]];
}));
const TRUTH = { ka_per_h: 1.2, cl_l_per_h: 350, v_l: 2200 };
let truth = TRUTH;
const conc = (doses: DoseEvent[], t: number) => expand(doses).reduce((c, d) => {
  const k = truth.cl_l_per_h / truth.v_l;
  return c + (t > d.timeH
    ? (d.amtMg * truth.ka_per_h) / (truth.v_l * (truth.ka_per_h - k)) * (Math.exp(-k * (t - d.timeH)) - Math.exp(-truth.ka_per_h * (t - d.timeH))) : 0);
}, 0);

function dataSet(seed: number, groups: Record<string, DoseEvent[]>, times: number[], spread: 'cv' | 'sd'): Observation[] {
  const rng = Xoshiro128.forSubject(seed, 0);
  const out: Observation[] = [];
  for (const [group, doses] of Object.entries(groups)) {
    for (const t of times) {
      const c = conc(doses, t);
      const value = spread === 'cv' ? c * Math.exp(0.2 * rng.nextNormal()) : c + 0.002 * rng.nextNormal();
      out.push({ line: out.length + 2, timeH: t, output: 'conc_mg_per_l', column: 'conc_mg_per_l', fromH: 0, value, group,
        ...(spread === 'cv' ? { cv: 0.2 } : { sd: 0.002 }) });
    }
  }
  return out;
}

function compare(groups: Record<string, DoseEvent[]>, observations: Observation[], error: 'additive' | 'proportional') {
  const estimate = ['ka_per_h', 'cl_l_per_h', 'v_l'];
  const { result } = fitModel(model, {
    groups: Object.entries(groups).map(([name, events]) => ({ name, request: { events, endH: 1, stepH: 1 } })), observations, estimate, error,
  }, { starts: 1 });
  expect(bounds.cl_l_per_h).toEqual([null, null]);
  const py = scipyFit({
    error, estimate, start: Object.fromEntries(model.spec.parameters.map((p) => [p.name, p.value])), fixed: { f: 1 }, bounds,
    groups: Object.fromEntries(Object.entries(groups).map(([g, ev]) => [g, expand(ev).map((d) => [d.timeH, d.amtMg])])),
    observations: observations.map((o) => ({ group: o.group, time_h: o.timeH, value: o.value, ...(o.sd ? { sd: o.sd } : {}), ...(o.cv ? { cv: o.cv } : {}) })),
  });
  expectClose(result.objective, py.objective, { rtol: 1e-6 }, 'objective');
  for (const e of result.estimates) {
    expectClose(e.estimate, py.estimates[e.name]!, { rtol: 1e-5 }, `${e.name} estimate`);
    expectClose(e.seTransformed!, py.se_log[e.name]!, { rtol: 1e-3 }, `${e.name} SE of ln θ`);
  }
  expect(result.convergence.converged).toBe(true);
  return result;
}

describe('fits against SciPy least_squares (trf, 3-point Jacobian) on the closed-form one-compartment model', () => {
  it('one group, log-normal noise, proportional error: estimates to 1e-5, SEs to 1e-3', () => {
    const groups = { single: [{ timeH: 0, drug: 'drug', amtMg: 100 }] };
    compare(groups, dataSet(3, groups, [0.25, 0.5, 1, 1.5, 2, 3, 4, 6, 8, 12, 16, 24], 'cv'), 'proportional');
  }, 60_000);

  it('three groups (50 mg once, 100 mg once, 25 mg daily × 3), additive error with sd: estimates to 1e-5, SEs to 1e-3', () => {
    const groups = {
      g50: [{ timeH: 0, drug: 'drug', amtMg: 50 }],
      g100: [{ timeH: 0, drug: 'drug', amtMg: 100 }],
      daily: [{ timeH: 0, drug: 'drug', amtMg: 25, iiH: 24, addl: 2 }],
    };
    compare(groups, dataSet(5, groups, [0.5, 1, 2, 4, 8, 12, 26, 50, 60], 'sd'), 'additive');
  }, 60_000);

  it('truth outside the typical range but within the physical bounds (CL 6 L/h, range 10–5000; V 60 L): estimates to 1e-5, SEs to 1e-3, and the note says so', () => {
    truth = { ka_per_h: 1.2, cl_l_per_h: 6, v_l: 60 };
    try {
      const groups = { single: [{ timeH: 0, drug: 'drug', amtMg: 50 }] };
      const result = compare(groups, dataSet(7, groups, [0.25, 0.5, 1, 1.5, 2, 3, 4, 6, 8, 12, 16, 24], 'cv'), 'proportional');
      expectClose(result.values.cl_l_per_h!, 6, { rtol: 0.15 }, 'CL near the truth (20% noise)');
      expect(result.estimates.find((e) => e.name === 'cl_l_per_h')!.outsideRange).toBe(true);
      expect(result.notes.join('\n')).toMatch(/^cl_l_per_h = [56]\.\d+ L\/h is outside its typical range \[10, 5000\] L\/h \(within its bounds, > 0\); it runs$/);
      expect(result.warnings.join('\n')).not.toMatch(/bound/);
    } finally {
      truth = TRUTH;
    }
  }, 60_000);
});
