/**
 * Fuzzing in Node (issue #17): every hostile URL state and file from the seeded generator (test/fuzz/hostile.ts)
 * is either refused with a message that names a field, or goes through every check the app and the worker make
 * before a run. A TypeError or any other crash, a message without a field, or a run the limits should have
 * stopped fails the test. The same inputs go through real Chromium in test/browser/fuzz.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { expand } from '../../engine/dosing';
import { parseEventsCsv } from '../../engine/events-csv';
import { builtinModel } from '../../models/registry';
import { LIMITS, doseCount, gridRows } from '../../engine/limits';
import { parseJsonLimited } from '../../engine/input-limits';
import { ModelError, prepareModel, type PreparedModel } from '../../engine/model/load';
import { planRun, simulate, type SimulationRequest } from '../../engine/simulate';
import { checkAxes } from '../../engine/sweep';
import { MODELS } from '../../models/index';
import { viewFor } from '../../ui/chart-config';
import { restoreScenario, withEvents } from '../../ui/research/research-model';
import { decodeScenario, scenarioRequest } from '../../ui/scenario';
import { hostileFiles, hostileUrls } from './hostile';

export const FUZZ_SEED = 17;
const specs = [...MODELS];

/** A refusal: a RangeError (LimitError included) or ModelError, one short line that names a field. */
function expectRefusal(err: unknown, where: string): string {
  expect(err instanceof RangeError || err instanceof ModelError, `${where}: ${String(err)}\n${(err as Error)?.stack}`).toBe(true);
  const msg = (err as Error).message;
  expect(msg, where).toMatch(/^\S[^\n]*: /); // "field: what was expected", on one line
  expect(msg.length, `${where}: ${msg.slice(0, 200)}…`).toBeLessThan(2500);
  return msg;
}

/**
 * The worker's checks for a request (everything `simulate` validates before integrating), then, when `run` is
 * set and the run is small, the run itself. The limits bound the work of the rest; the browser test runs them.
 */
function runChecked(model: PreparedModel, req: SimulationRequest, where: string, run = true): 'ran' | 'refused' | 'checked' {
  try {
    planRun(model, req);
  } catch (err) {
    expectRefusal(err, where);
    return 'refused';
  }
  expect(doseCount(req.events)).toBeLessThanOrEqual(LIMITS.doses);
  expect(gridRows(req.endH, req.stepH)).toBeLessThanOrEqual(LIMITS.outputRows);
  if (!run || gridRows(req.endH, req.stepH) * Math.max(1, expand(req.events).length) > 2e4) return 'checked';
  const r = simulate(model, req);
  expect(r.timeH.length).toBe(gridRows(req.endH, req.stepH));
  expect(r.meta.ok || r.meta.diagnostics.length > 0).toBe(true);
  return 'ran';
}

describe('fuzzing: hostile inputs are refused with a message naming a field, or complete', () => {
  it('300 URL states: decoded without throwing, problems short and named, the request refused or run', () => {
    const urls = hostileUrls(FUZZ_SEED, 300);
    expect(urls.length).toBeGreaterThanOrEqual(300);
    const tally = { refused: 0, ran: 0, checked: 0, problems: 0 };
    urls.forEach((hash, i) => {
      const where = `url ${i} #${hash.slice(0, 120)}`;
      const q = new URLSearchParams(hash);
      const main = decodeScenario(q, specs, 'ldn');
      const pin = decodeScenario(q, specs, 'ldn', 'pin.');
      const problems = [...main.problems, ...pin.problems];
      if (problems.length) tally.problems++;
      expect(problems.length, where).toBeLessThanOrEqual(22);
      for (const p of problems) expect(p.length, where).toBeLessThan(300);
      for (const s of [main.scenario!, pin.scenario].filter((x) => x !== null)) {
        const spec = specs.find((m) => m.id === s!.modelId)!;
        let req;
        try { req = scenarioRequest(s!, viewFor(spec)); } catch (err) { expectRefusal(err, where); tally.refused++; continue; }
        const { modelId: _m, ...rest } = req;
        tally[runChecked(builtinModel(spec.id), rest, where, i % 30 === 0)]++;
      }
    });
    // The generator reaches both outcomes (a test that cannot fail is a defect).
    expect(tally.problems).toBeGreaterThan(100);
    expect(tally.checked).toBeGreaterThan(100);
    expect(tally.ran).toBeGreaterThan(3);
  });

  it('110 scenario, event-table and model files: refused naming the file and field, or loaded and checked', () => {
    const files = hostileFiles(FUZZ_SEED, { scenario: 50, events: 30, model: 30 });
    expect(files.length).toBeGreaterThanOrEqual(100);
    const tally = { refused: 0, loaded: 0 };
    const ldn = builtinModel('ldn');
    const base: SimulationRequest = { events: [{ timeH: 0, drug: 'naltrexone', amtMg: 4.5 }], endH: 72, stepH: 0.1, startClockH: 22 };
    for (const f of files) {
      const where = `${f.name} (${f.text.length} chars): ${f.text.slice(0, 120)}`;
      try {
        if (f.kind === 'scenario') {
          const { base: b, run } = restoreScenario(parseJsonLimited(f.text, f.name), f.name);
          const model = b.custom ? prepareModel(b.spec) : builtinModel(b.spec.id);
          if (run.kind === 'sweep') checkAxes(model, run.axes);
          runChecked(model, b.request, where);
        } else if (f.kind === 'events') {
          const events = parseEventsCsv(f.text, f.name);
          if (events.some((e) => e.drug !== 'naltrexone')) throw new RangeError(`${f.name}: column drug: the model doses naltrexone`);
          runChecked(ldn, withEvents(base, events), where);
        } else {
          const model = prepareModel(parseJsonLimited(f.text, f.name));
          const drug = model.spec.doses[0]!.drug;
          // Checked, not run: a hostile right-hand side may take the integrator to its step limit (seconds); the
          // browser test runs these in a worker.
          runChecked(model, { events: [{ timeH: 0, drug, amtMg: 1 }], endH: 24, stepH: 1 }, where, false);
        }
        tally.loaded++;
      } catch (err) {
        const msg = expectRefusal(err, where);
        if (f.kind !== 'model') expect(msg.startsWith(f.name) || msg.startsWith('events') || msg.startsWith('step'), `${where}: ${msg}`).toBe(true);
        tally.refused++;
      }
    }
    expect(tally.refused).toBeGreaterThan(50);
    expect(tally.loaded).toBeGreaterThan(5);
  });
});
