import { describe, expect, it } from 'vitest';
import { expand } from '../../engine/dosing';
import { MODELS } from '../../models/index';
import { oneCompartment } from '../../models/one-compartment';
import { viewFor } from '../../ui/chart-config';
import {
  DEFAULT_TITRATION, SCENARIO_PRESETS, decodeScenario, defaultScenario, describeScenario, encodeScenario, matchingPreset,
  scenarioRequest, stepForSpan, type Scenario,
} from '../../ui/scenario';

const specs = [...MODELS];
const view = viewFor(oneCompartment);

describe('scenario ↔ URL', () => {
  it('a scenario with titration, morphine, a preset and a changed parameter survives the URL round trip exactly', () => {
    const s: Scenario = {
      ...defaultScenario('one-compartment'), doseMg: 4.75, clockH: 7.5, days: 28, regimen: 'titration',
      titration: [{ amtMg: 0.5, days: 7 }, { amtMg: 4.5, days: 21 }], agonist: { amtMg: 10, everyH: 6 }, params: { ka_per_h: 1.25 },
    };
    const q = new URLSearchParams(encodeScenario(s).toString());
    const back = decodeScenario(q, specs, 'one-compartment');
    expect(back.problems).toEqual([]);
    expect(back.scenario).toEqual(s);
  });

  it('a pinned scenario lives beside the current one under the pin. prefix', () => {
    const a = { ...defaultScenario('one-compartment'), doseMg: 4.5 };
    const b = { ...defaultScenario('one-compartment'), doseMg: 50, clockH: 8 };
    const q = encodeScenario(b, 'pin.', encodeScenario(a));
    expect(decodeScenario(q, specs, 'one-compartment').scenario).toEqual(a);
    expect(decodeScenario(q, specs, 'one-compartment', 'pin.').scenario).toEqual(b);
    expect(decodeScenario(encodeScenario(a), specs, 'one-compartment', 'pin.').scenario).toBeNull();
  });

  it('malformed fields are reported by name and replaced by defaults, never sent to the worker', () => {
    const q = new URLSearchParams('model=one-compartment&dose=abc&at=25:00&days=0&p.ka_per_h=0&p.nope=1&titration=1x&morphine=x');
    const { scenario, problems } = decodeScenario(q, specs, 'one-compartment');
    expect(scenario).toEqual(defaultScenario('one-compartment'));
    const text = problems.join('\n');
    for (const field of ['dose', 'at', 'days', 'p.ka_per_h', 'p.nope', 'titration', 'morphine']) expect(text).toContain(field);
  });

  it('an unknown model id falls back to the default model and says so', () => {
    const { scenario, problems } = decodeScenario(new URLSearchParams('model=zzz'), specs, 'one-compartment');
    expect(scenario!.modelId).toBe('one-compartment');
    expect(problems[0]).toMatch(/zzz/);
  });
});

describe('scenario → request', () => {
  it('4.5 mg at 22:00 for 3 days gives three daily doses from time 0 and a clock start of 22 h', () => {
    const r = scenarioRequest(defaultScenario('one-compartment'), view);
    expect(r.startClockH).toBe(22);
    expect(r.endH).toBe(72);
    expect(expand(r.events).map((e) => [e.timeH, e.amtMg])).toEqual([[0, 4.5], [24, 4.5], [48, 4.5]]);
    expect(r.events[0]!.drug).toBe('drug');
  });

  it('a titration gives each step its days back to back', () => {
    const s: Scenario = { ...defaultScenario('one-compartment'), regimen: 'titration', titration: DEFAULT_TITRATION, days: 28 };
    const doses = expand(scenarioRequest(s, view).events);
    expect(doses).toHaveLength(28);
    expect(doses[6]!.amtMg).toBe(0.5);
    expect(doses[7]!.amtMg).toBe(1.5);
    expect(doses[27]!.amtMg).toBe(4.5);
  });

  it('morphine co-medication is dosed only when the model has an agonist drug', () => {
    const s = { ...defaultScenario('one-compartment'), agonist: { amtMg: 10, everyH: 6 } };
    expect(scenarioRequest(s, view).events.some((e) => e.drug === 'morphine')).toBe(false);
    const ldnLike = { ...view, mainDrug: 'naltrexone', agonistDrug: 'morphine' };
    const m = expand(scenarioRequest(s, ldnLike).events).filter((e) => e.drug === 'morphine');
    expect(m.map((e) => e.timeH)).toEqual([0, 6, 12, 18, 24, 30, 36, 42, 48, 54, 60, 66]);
  });

  it('the output step keeps a frame at 800 points or fewer: 2 min for a day, 6 min for 3 days, 1 h for 28 days', () => {
    expect(stepForSpan(24)).toBeCloseTo(1 / 30);
    expect(stepForSpan(72)).toBe(0.1);
    expect(stepForSpan(28 * 24)).toBe(1);
    for (let d = 1; d <= 56; d++) expect(d * 24 / stepForSpan(d * 24)).toBeLessThanOrEqual(800);
  });

  it('presets that need an agonist or a hepatic group are unavailable for a model without them', () => {
    const base = defaultScenario('one-compartment');
    const ids = SCENARIO_PRESETS.filter((p) => p.apply(base, oneCompartment, view) === null).map((p) => p.id);
    expect(ids.sort()).toEqual(['liver', 'opioid']);
    expect(matchingPreset(base, oneCompartment, view)).toBe('ldn-bedtime');
    expect(describeScenario(base)).toBe('4.5 mg daily at 22:00, 3 days');
  });
});
