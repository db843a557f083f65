import { describe, expect, it } from 'vitest';
import { simulate } from '../../engine';
import { builtinModel } from '../../models/registry';
import { column } from '../../engine/result';
import { MODELS } from '../../models/index';
import { ldn } from '../../models/ldn';
import { viewFor } from '../../ui/chart-config';
import { decodeScenario, defaultScenario, describeScenario, encodeScenario, scenarioRequest } from '../../ui/scenario';

const specs = [...MODELS];
const view = viewFor(ldn);

describe('scenario: start at steady state', () => {
  it('round-trips through the URL as ss=1 and makes the first daily dose an ss 1 record with ii 24 h', () => {
    const s = { ...defaultScenario('ldn'), days: 2, steadyState: true };
    const q = encodeScenario(s);
    expect(q.get('ss')).toBe('1');
    expect(decodeScenario(new URLSearchParams(q.toString()), specs, 'ldn')).toEqual({ scenario: s, problems: [] });
    const req = scenarioRequest(s, view);
    expect(req.events[0]).toMatchObject({ ss: 1, iiH: 24 });
    expect(describeScenario(s)).toContain('from steady state');
    expect(encodeScenario({ ...s, steadyState: false }).has('ss')).toBe(false);
  });
  it('a bad ss value is reported by name and ignored; titration ignores it', () => {
    const { scenario, problems } = decodeScenario(new URLSearchParams('model=ldn&ss=yes'), specs, 'ldn');
    expect(problems.join()).toContain('ss: expected 1');
    expect(scenario!.steadyState).toBeUndefined();
    const t = decodeScenario(new URLSearchParams('model=ldn&ss=1&titration=1x7'), specs, 'ldn').scenario!;
    expect(t.steadyState).toBeUndefined();
  });
  it('the steady-state run\'s first day equals day 40 of a 40-day run for 6β-naltrexol (1e-6 of its peak)', () => {
    const model = builtinModel('ldn');
    const ss = simulate(model, scenarioRequest({ ...defaultScenario('ldn'), days: 1, steadyState: true }, view));
    const long = simulate(model, scenarioRequest({ ...defaultScenario('ldn'), days: 40 }, view));
    const a = column(ss, 'naltrexol_plasma_ng_per_ml');
    const b = column(long, 'naltrexol_plasma_ng_per_ml');
    const peak = Math.max(...a);
    // compare at the hours 0, 2, …, 24 of day 40 (the 40-day grid is 2-hourly)
    for (let h = 0; h <= 24; h += 2) {
      const i = ss.timeH.findIndex((t) => Math.abs(t - h) < 1e-9);
      const j = long.timeH.findIndex((t) => Math.abs(t - (39 * 24 + h)) < 1e-9);
      expect(i >= 0 && j >= 0).toBe(true);
      expect(Math.abs(a[i]! - b[j]!)).toBeLessThan(1e-6 * peak);
    }
  });
});
