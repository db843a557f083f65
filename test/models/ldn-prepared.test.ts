import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { toCsv } from '../../engine/csv';
import { combine, daily, titration } from '../../engine/dosing';
import { computeSpec } from '../../engine/model/compute-spec';
import type { PreparedModel } from '../../engine/model/load';
import { simulate, type SimulationRequest } from '../../engine/simulate';
import { catalogComputeSpec, catalogModel, catalogSpec } from '../../models/catalog';
import { ldn } from '../../models/ldn';
import { ldnPrepared } from '../../models/ldn-prepared';
import { builtinModel } from '../../models/registry';
import { prebuiltSource } from '../../scripts/prebuilt-plugin';

// The widget's worker runs `ldn` as models/ldn-prepared.ts, replaced at build time by its value as JSON literals
// (scripts/prebuilt-plugin.ts). Issue #18 asks that this changes no number: the same module text is evaluated
// here, and its runs are compared with runs of the full spec, CSV byte for byte.
const dir = mkdtempSync(join(tmpdir(), 'ldn-prepared-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function asBuilt(): Promise<PreparedModel> {
  const file = join(dir, 'ldn-prepared.mjs');
  writeFileSync(file, prebuiltSource({ ldnPrepared }, 'models/ldn-prepared.ts'));
  return ((await import(/* @vite-ignore */ pathToFileURL(file).href)) as { ldnPrepared: PreparedModel }).ldnPrepared;
}

const SCENARIOS: Record<string, SimulationRequest> = {
  'the default scenario (4.5 mg at 22:00, 3 days, 5-min grid)': { events: daily({ drug: 'naltrexone', amtMg: 4.5, days: 3 }), endH: 72, stepH: 5 / 60, startClockH: 22 },
  'a titration 0.5 → 4.5 mg with morphine 10 mg every 6 h, long blockade, compensated cirrhosis, a parameter set': {
    events: combine(
      titration('naltrexone', [{ amtMg: 0.5, days: 2 }, { amtMg: 1.5, days: 2 }, { amtMg: 4.5, days: 3 }]),
      [{ timeH: 2, drug: 'morphine', amtMg: 10, iiH: 6, addl: 27 }],
    ),
    endH: 168, stepH: 0.25, startClockH: 8,
    presets: { blockade: 'long', hepatic: 'compensated-cirrhosis' }, params: { gain_endorphin: 0.9 },
  },
  '50 mg at steady state under the long calibration (records feature)': {
    events: [{ timeH: 0, drug: 'naltrexone', amtMg: 50, iiH: 24, ss: 1 }], endH: 48, stepH: 0.5, startClockH: 22, presets: { blockade: 'long' },
  },
};

describe('the ldn model prepared at build time', () => {
  it('is prepareModel(ldn) with the compute spec, and survives the build\'s JSON unchanged (no undefined, NaN or function)', async () => {
    const full = builtinModel('ldn');
    const { spec, ...parsed } = ldnPrepared;
    const { spec: _fullSpec, ...fullParsed } = full;
    expect(parsed).toStrictEqual(fullParsed);
    expect(spec).toStrictEqual(computeSpec(ldn));
    expect(await asBuilt()).toStrictEqual(ldnPrepared);
  });

  for (const [name, req] of Object.entries(SCENARIOS)) {
    it(`runs ${name} byte-identical to the full spec (CSV)`, async () => {
      const built = await asBuilt();
      const expected = toCsv(simulate(builtinModel('ldn'), req));
      expect(expected.split('\n').length).toBeGreaterThan(90);
      expect(toCsv(simulate(built, req))).toBe(expected);
    });
  }

  it('refuses a non-JSON export at build time, naming it', () => {
    expect(() => prebuiltSource({ bad: { v: NaN } }, 'x.ts')).toThrow(/export "bad" is not plain JSON data/);
    expect(() => prebuiltSource({ bad: { f: undefined } }, 'x.ts')).toThrow(/"bad"/);
  });

  it('is what the worker\'s catalog runs; the full spec (with its sources) and the compute spec stay available', async () => {
    expect(await catalogModel('ldn')).toBe(ldnPrepared);
    expect(await catalogSpec('ldn')).toBe(ldn);
    expect(await catalogComputeSpec('ldn')).toStrictEqual(computeSpec(ldn));
    expect(await catalogComputeSpec('one-compartment')).toStrictEqual(computeSpec(await catalogSpec('one-compartment')));
  });
});
