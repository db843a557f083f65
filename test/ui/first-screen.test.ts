import { describe, expect, it } from 'vitest';
import { computeFirstScreen } from '../../scripts/first-screen-data';
import {
  firstScreenResultFor, firstScreenSpec, packValues, packedTolerance, unpackValues,
} from '../../ui/app/first-screen-codec';
import { chartsFor, viewFor } from '../../ui/chart-config';
import { summarizeChart } from '../../ui/summary';
import { defaultScenario, scenarioRequest, type Scenario } from '../../ui/scenario';
import { createSimulationApi } from '../../workers/simulation-api';
import { rng as seeded } from '../helpers/random-expr';

// Issue #18: the app's pre-rendered first screen (ui/app/first-screen-codec.ts, scripts/first-screen-data.ts).
// The browser test (test/browser/first-screen.test.ts) compares the built page's pre-rendered curves with the live
// worker run; these check the packing and the request check in Node.

describe('packing numbers to 4 significant digits of the largest magnitude', () => {
  it('reads back every value within half a unit of the 4th digit of the peak (random curves, signs, tiny and huge magnitudes)', () => {
    const rng = seeded(18);
    for (const mag of [1e-9, 3e-3, 0.7, 1, 42, 9999, 1e6]) {
      const values = Array.from({ length: 500 }, (_, i) => mag * (Math.sin(i / 30) + (rng() - 0.5) * 0.1));
      const p = packValues(values, 'x');
      const back = unpackValues(p);
      const peak = Math.max(...values.map(Math.abs));
      // half a unit of the 4th significant digit of the peak, from the peak itself (not from the code under test)
      const tol = 0.5 * 10 ** (Math.floor(Math.log10(peak)) - 3);
      expect(Math.abs(packedTolerance(p) / tol - 1)).toBeLessThan(1e-12);
      values.forEach((v, i) => expect(Math.abs(back[i]! - v)).toBeLessThanOrEqual(tol * (1 + 1e-9)));
    }
  });

  it('keeps zeros, a constant column and a single value exactly', () => {
    expect([...unpackValues(packValues([0, 0, 0], 'z'))]).toEqual([0, 0, 0]);
    expect([...unpackValues(packValues([1, 1, 1, 1], 'c'))]).toEqual([1, 1, 1, 1]);
    expect([...unpackValues(packValues([0.25], 's'))]).toEqual([0.25]);
  });

  it('refuses a non-finite value, naming the column and the index', () => {
    expect(() => packValues([1, Number.NaN], 'mu_blockade')).toThrow(/mu_blockade\[1\] is NaN; expected a finite number/);
    expect(() => packValues([Infinity], 'timeH')).toThrow(/timeH\[0\] is Infinity/);
  });
});

describe('the build\'s first screen (scripts/first-screen-data.ts)', () => {
  it('is the default scenario (4.5 mg daily at 22:00 for 3 days, ldn) as the app requests it, and the page accepts it only for that exact request', async () => {
    const data = await computeFirstScreen();
    const spec = data.specs.find((s) => s.id === 'ldn')!;
    const view = viewFor(spec);
    expect(data.request).toMatchObject({ modelId: 'ldn', endH: 72, startClockH: 22, events: [{ timeH: 0, drug: 'naltrexone', amtMg: 4.5, iiH: 24, addl: 2 }] });
    expect(firstScreenResultFor(data, scenarioRequest(defaultScenario('ldn'), view))).not.toBeNull();
    // A default scenario changed since the build (or a link naming another scenario) is never served these numbers.
    const changed: Partial<Scenario>[] = [{ doseMg: 3 }, { clockH: 8 }, { days: 4 }, { presets: { blockade: 'long' } }, { params: { ka_naltrexone_per_h: 2 } }, { steadyState: true }];
    for (const patch of changed) {
      expect(firstScreenResultFor(data, scenarioRequest({ ...defaultScenario('ldn'), ...patch }, view)), JSON.stringify(patch)).toBeNull();
    }
  });

  it('holds the worker API\'s run of that request to the precision stored, and the specs\' first-screen parts unchanged', async () => {
    const data = await computeFirstScreen();
    const api = createSimulationApi();
    const live = await api.simulate(data.request);
    const pre = firstScreenResultFor(data, data.request)!;
    expect(pre.meta).toEqual(live.meta);
    expect(pre.columns.map((c) => c.name)).toEqual(live.columns.map((c) => c.name));
    for (const [name, a, b] of [['timeH', pre.timeH, live.timeH] as const, ...live.columns.map((c, i) => [c.name, pre.columns[i]!.values, c.values] as const)]) {
      const peak = Math.max(...[...b].map(Math.abs));
      const tol = 0.5 * 10 ** (Math.floor(Math.log10(peak)) - 3) * (1 + 1e-9);
      expect(Math.max(...[...b].map((v, i) => Math.abs(a[i]! - v))), name).toBeLessThanOrEqual(tol);
    }
    const ids = (await api.listModels()).map((m) => m.id);
    expect(data.specs.map((s) => s.id)).toEqual(ids);
    for (const s of data.specs) {
      const full = await api.getModel(s.id);
      expect(s).toEqual(firstScreenSpec(full));
      // what the first screen reads is there, as the worker has it
      expect(s.title).toBe(full.title);
      expect(s.outputs).toEqual(full.outputs.map(({ expr: _expr, ...o }) => o));
      expect(s.doses).toEqual(full.doses);
      expect(s.presets?.map((g) => [g.name, g.default, g.options.map((o) => [o.name, o.label, o.parameters])])).toEqual(full.presets?.map((g) => [g.name, g.default, g.options.map((o) => [o.name, o.label, o.parameters])]));
    }
  });

  it('reads the same: every chart\'s text summary (peaks, troughs and their times) of the packed run equals the live run\'s', async () => {
    const data = await computeFirstScreen();
    const live = await createSimulationApi().simulate(data.request);
    const pre = firstScreenResultFor(data, data.request)!;
    const charts = chartsFor(viewFor(data.specs.find((s) => s.id === 'ldn')!), live);
    expect(charts.length).toBe(4);
    for (const c of charts) expect(summarizeChart(c, pre), c.id).toBe(summarizeChart(c, live));
  });

  it('stays small: under 6 kB gzip for the result columns, the metadata and the specs together', async () => {
    const { gzipSync } = await import('node:zlib');
    const data = await computeFirstScreen();
    expect(gzipSync(JSON.stringify(data), { level: 9 }).length).toBeLessThan(6 * 1024);
  });
});
