import { expose, wrap } from 'comlink';
import { MessageChannel } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import type { SimulationApi } from '../../engine/api';
import type { DoseEvent } from '../../engine/dosing';
import { featuresFor } from '../../engine/feature-loaders';
import { hasFeature, MissingFeatureError, type FeatureName } from '../../engine/features';
import type { SimulationResult } from '../../engine/result';
import { simulate } from '../../engine/simulate-core';
import { builtinModel } from '../../models/registry';
import { MODEL_VIEWS } from '../../ui/chart-config';
import { defaultScenario, scenarioRequest } from '../../ui/scenario';
import { checkScenario, toAppScenario } from '../../ui/widget/widget-options';
import { createSimulationApi } from '../../workers/simulation-api';

// Issue #18: the simulation worker holds only the default path and loads the engine's optional features (odex,
// dopri5, NONMEM-style records with steady states, generated evaluation) on first use. This file imports what
// the worker imports (engine/simulate-core.ts, not engine/simulate.ts, which registers everything), so the
// features are registered here only by the worker API loading them, as in the browser. The tests run in order.
const FEATURES: FeatureName[] = ['dopri5', 'odex', 'records', 'generated'];
const registered = () => FEATURES.filter(hasFeature);

const { port1, port2 } = new MessageChannel();
expose(createSimulationApi(), port1 as never);
const api = wrap<SimulationApi>(port2 as never);
afterAll(() => { port1.close(); port2.close(); });

// one-compartment: F 1, ka 2 /h, CL/F 475 L/h, V/F 3000 L, no lag (models/one-compartment.ts).
const KA = 2;
const K = 475 / 3000;
const V = 3000;
const DOSE = 4.5;
/** Concentration (mg/L) t h after one dose: the Bateman function. */
const bateman = (t: number) => (DOSE / V) * (KA / (KA - K)) * (Math.exp(-K * t) - Math.exp(-KA * t));
/** At steady state of a dose every `tau` h, t h after a dose (superposition of the geometric series). */
const batemanSs = (t: number, tau: number) =>
  (DOSE / V) * (KA / (KA - K)) * (Math.exp(-K * t) / (1 - Math.exp(-K * tau)) - Math.exp(-KA * t) / (1 - Math.exp(-KA * tau)));

/** Largest difference between the concentration column and `truth` over the grid, relative to truth's peak. */
function worstRelative(r: SimulationResult, truth: (t: number) => number): number {
  const c = r.columns.find((x) => x.name === 'conc_mg_per_l')!.values;
  let peak = 0;
  let worst = 0;
  r.timeH.forEach((t, i) => { peak = Math.max(peak, truth(t)); worst = Math.max(worst, Math.abs(c[i]! - truth(t))); });
  return worst / peak;
}

const oneDose: DoseEvent[] = [{ timeH: 0, drug: 'drug', amtMg: DOSE }];

describe('the simulation worker loads optional engine features on first use', () => {
  it('no optional feature is registered before a request needs one (the worker imports none)', () => {
    expect(registered()).toEqual([]);
  });

  it("the app's and the widget's default requests need no optional feature; odex, dopri5, records and generated evaluation each need theirs", () => {
    const app = scenarioRequest(defaultScenario('ldn'), MODEL_VIEWS['ldn']!);
    const widget = scenarioRequest(toAppScenario(checkScenario({ dose: 4.5, time: '22:00', days: 3, model: null, compare: null }).scenario, 'ldn'), MODEL_VIEWS['ldn']!);
    expect(featuresFor(app)).toEqual([]);
    expect(featuresFor(widget)).toEqual([]);
    expect(featuresFor({ ...app, solver: { method: 'odex' } })).toEqual(['odex']);
    expect(featuresFor({ ...app, solver: { method: 'dopri5' }, evaluation: 'generated' })).toEqual(['dopri5', 'generated']);
    expect(featuresFor(scenarioRequest({ ...defaultScenario('ldn'), steadyState: true }, MODEL_VIEWS['ldn']!))).toEqual(['records']);
    expect(featuresFor({ events: [{ timeH: 0, drug: 'drug', amtMg: 1, cmt: 'central_mg' }] })).toEqual(['records']);
    // Malformed requests need nothing here: the engine names the bad field.
    expect(featuresFor({ events: [null], solver: 7 })).toEqual([]);
  });

  it("the app's default request runs through the worker API and loads no feature", async () => {
    const r = await api.simulate(scenarioRequest(defaultScenario('ldn'), MODEL_VIEWS['ldn']!));
    expect(r.meta.ok).toBe(true);
    expect(r.meta.solver.method).toBe('dop853');
    expect(registered()).toEqual([]);
  });

  it('the engine without a feature throws an error naming it rather than running anything else', () => {
    const model = builtinModel('one-compartment');
    const req = { events: oneDose, endH: 24, stepH: 1 };
    expect(() => simulate(model, { ...req, solver: { method: 'odex' } })).toThrow(MissingFeatureError);
    expect(() => simulate(model, { ...req, solver: { method: 'odex' } })).toThrow(/feature "odex" is not registered/);
    expect(() => simulate(model, { ...req, solver: { method: 'dopri5' } })).toThrow(/feature "dopri5"/);
    expect(() => simulate(model, { ...req, events: [{ ...oneDose[0]!, ss: 1, iiH: 24 }] })).toThrow(/feature "records"/);
    expect(() => simulate(model, { ...req, evaluation: 'generated' })).toThrow(/feature "generated"/);
    // An unknown method is still the user's error, named as before.
    expect(() => simulate(model, { ...req, solver: { method: 'rk4' } })).toThrow(/solver\.method: expected one of dop853, dopri5, odex, got "rk4"/);
  });

  it.each([
    ['odex', { solver: { method: 'odex' } }],
    ['dopri5', { solver: { method: 'dopri5' } }],
    ['generated', { evaluation: 'generated' as const }],
  ] as const)('%s, loaded through the worker API: one 4.5 mg dose in one-compartment follows the Bateman function (max error ≤ 1e-6 of the peak)', async (name, extra) => {
    expect(hasFeature(name)).toBe(false);
    const r = await api.simulate({ modelId: 'one-compartment', events: oneDose, endH: 48, stepH: 0.25, ...extra });
    expect(hasFeature(name)).toBe(true);
    expect(r.meta.ok).toBe(true);
    expect(r.meta.solver.method).toBe('solver' in extra ? extra.solver.method : 'dop853');
    expect(worstRelative(r, bateman)).toBeLessThan(1e-6);
  });

  it('records, loaded through the worker API: a linear model at steady state (ss 1, every 24 h) is solved in closed form and follows the superposed Bateman function (≤ 1e-6 of the peak)', async () => {
    expect(hasFeature('records')).toBe(false);
    const events: DoseEvent[] = [{ timeH: 0, drug: 'drug', amtMg: DOSE, ss: 1, iiH: 24, addl: 1 }];
    const r = await api.simulate({ modelId: 'one-compartment', events, endH: 24, stepH: 0.25 });
    expect(hasFeature('records')).toBe(true);
    expect(r.meta.ok).toBe(true);
    expect(r.meta.steadyState?.method).toBe('linear-closed-form');
    expect(worstRelative(r, (t) => batemanSs(t, 24))).toBeLessThan(1e-6);
  });

  it('steady state by repeated intervals through the worker API agrees with the closed form (≤ 1e-6 of the peak)', async () => {
    const events: DoseEvent[] = [{ timeH: 0, drug: 'drug', amtMg: DOSE, ss: 1, iiH: 24, addl: 1 }];
    const r = await api.simulate({ modelId: 'one-compartment', events, endH: 24, stepH: 0.25, steadyStateMethod: 'repeated-intervals' });
    expect(r.meta.steadyState?.method).toBe('repeated-intervals');
    expect(r.meta.steadyState?.records[0]!.intervals).toBeGreaterThan(1);
    expect(worstRelative(r, (t) => batemanSs(t, 24))).toBeLessThan(1e-6);
  });
});
