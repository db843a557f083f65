import { describe, expect, it } from 'vitest';
import { builtinModel } from '../../models/registry';
import { simulate } from '../../engine/simulate';
import { BLOCKADE_EVIDENCE, evidenceFor, leeRange } from '../../models/ldn-evidence';
import { ldn } from '../../models/ldn';
import { evidenceMarks } from '../../ui/evidence-marks';
import { viewFor } from '../../ui/chart-config';
import { phaseAt } from '../../ui/phases';
import { decodeScenario, defaultScenario, encodeScenario, scenarioRequest, SCENARIO_PRESETS } from '../../ui/scenario';

// Issue #13: the evidence table, the scenario's dosing interval and the "clearance only where it clears" captions.
const view = viewFor(ldn);

describe('human evidence on the blockade chart', () => {
  it('the evidence table holds the data set\'s PET figures (Rabiner 2011) and Lee 1988\'s half-time as derived ranges, each with its citation', () => {
    const pet = BLOCKADE_EVIDENCE.filter((e) => e.citation === 'Rabiner 2011').map((e) => [e.regimen.doseMg, e.occupancy]);
    expect(pet).toEqual([[2, [0.27]], [5, [0.43, 0.46, 0.58]], [15, [0.61]], [50, [0.92, 0.98]]]);
    // 0.92·2^(−48/72) and 0.98·2^(−48/108): the half-time's ends from the 50 mg PET peak's ends
    expect(leeRange(48)[0]).toBeCloseTo(0.92 * 2 ** (-2 / 3), 12);
    expect(leeRange(48)[1]).toBeCloseTo(0.98 * 2 ** (-48 / 108), 12);
    for (const e of BLOCKADE_EVIDENCE) expect(e.reference.length, e.id).toBeGreaterThan(20);
  });

  it('only figures of the scenario\'s regimen are marked: 50 mg once gets the PET peak and the 48/72/168-h figures; daily 50 mg only the first-dose PET peak; every 48 h the product information before the 4th dose on; 4.5 mg none', () => {
    expect(evidenceFor(50, undefined).map((e) => e.id)).toEqual(['pet-50mg', 'lee-50mg-48h', 'lee-50mg-72h', 'lee-50mg-168h']);
    expect(evidenceFor(50, 24).map((e) => e.id)).toEqual(['pet-50mg']);
    expect(evidenceFor(4.5, 24)).toEqual([]);
    const once = evidenceMarks({ ...defaultScenario('ldn'), doseMg: 50, days: 7, intervalH: 0 });
    expect(once.map((m) => m.id)).toEqual(['pet-50mg', 'lee-50mg-48h', 'lee-50mg-72h', 'lee-50mg-168h']);
    expect(once.every((m) => /Lee 1988, derived|Rabiner 2011/.test(m.label))).toBe(true);
    const q48 = evidenceMarks({ ...defaultScenario('ldn'), doseMg: 50, days: 14, intervalH: 48 });
    expect(q48.filter((m) => m.id.startsWith('pi-')).map((m) => m.fromH)).toEqual([144, 192, 240, 288, 336]);
    expect(evidenceMarks({ ...defaultScenario('ldn'), regimen: 'titration' })).toEqual([]);
  });
});

describe('the scenario\'s dosing interval (one dose, daily, every 48 h)', () => {
  it('round-trips through the URL, refuses other values naming the field, and gives the right doses', () => {
    const specs = [ldn];
    const once = { ...defaultScenario('ldn'), doseMg: 50, days: 7, intervalH: 0 as const };
    const q = encodeScenario(once);
    expect(q.get('every')).toBe('0');
    expect(decodeScenario(q, specs, 'ldn').scenario).toEqual(once);
    expect(encodeScenario(defaultScenario('ldn')).has('every')).toBe(false);
    const bad = decodeScenario(new URLSearchParams('every=36'), specs, 'ldn');
    expect(bad.problems.join()).toMatch(/every: expected one of 0, 24, 48/);
    expect(scenarioRequest(once, view).events).toEqual([{ timeH: 0, drug: 'naltrexone', amtMg: 50 }]);
    expect(scenarioRequest({ ...once, intervalH: 48, days: 14 }, view).events).toEqual([{ timeH: 0, drug: 'naltrexone', amtMg: 50, iiH: 48, addl: 6 }]);
  });

  it('the presets "50 mg once" and "50 mg every 2nd day" exist, and the blockade preset group round-trips in the URL', () => {
    const ids = SCENARIO_PRESETS.map((p) => p.id);
    expect(ids).toContain('pet-50-once');
    expect(ids).toContain('pet-50-every-48');
    const long = { ...defaultScenario('ldn'), presets: { blockade: 'long' } };
    expect(encodeScenario(long).get('blockade')).toBe('long');
    expect(decodeScenario(encodeScenario(long), [ldn], 'ldn').scenario).toEqual(long);
  });
});

describe('captions: "Clearance" only where the blockade really clears', () => {
  it('4.5 mg daily, day 3: clearance under brief (it falls below 10% before the next dose), never under long (waning or blockade)', () => {
    const model = builtinModel('ldn');
    const phases = (blockade: string) => {
      const r = simulate(model, { events: [{ timeH: 0, drug: 'naltrexone', amtMg: 4.5, iiH: 24, addl: 2 }], endH: 72, stepH: 0.1, presets: { blockade } });
      const out = new Set<string>();
      for (let t = 48; t < 72; t += 0.5) out.add(phaseAt(r, view, t));
      return out;
    };
    expect(phases('brief').has('clearance')).toBe(true);
    const long = phases('long');
    expect(long.has('clearance')).toBe(false);
    expect(long.has('blockade')).toBe(true);
  });
});
