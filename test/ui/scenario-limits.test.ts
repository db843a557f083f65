/** Links are read within the shared limits (engine/limits.ts): the freezing links get one message each. */
import { describe, expect, it } from 'vitest';
import { expand } from '../../engine/dosing';
import { LIMITS } from '../../engine/limits';
import { MODELS } from '../../models/index';
import { viewFor } from '../../ui/chart-config';
import { DAYS_MAX, decodeScenario, defaultScenario, scenarioEvents } from '../../ui/scenario';

const specs = [...MODELS];

describe('links within the limits', () => {
  it('#titration=4.5x1000000&days=3 (froze the tab for ~100 s) is refused by name, with the limit, and the default used', () => {
    const { scenario, problems } = decodeScenario(new URLSearchParams('titration=4.5x1000000&days=3'), specs, 'ldn');
    expect(problems).toEqual([`titration: step 1 lasts 1000000 days; at most ${DAYS_MAX} are allowed`]);
    expect(scenario!.regimen).toBe('daily');
    expect(scenario!.days).toBe(3);
  });

  it('more titration steps than the limit are refused without parsing them', () => {
    const many = Array.from({ length: LIMITS.titrationSteps + 1 }, () => '1x1').join(',');
    expect(decodeScenario(new URLSearchParams(`titration=${many}`), specs, 'ldn').problems).toEqual([`titration: ${LIMITS.titrationSteps + 1} steps; at most ${LIMITS.titrationSteps} are allowed`]);
    const max = Array.from({ length: LIMITS.titrationSteps }, () => '1x1').join(',');
    expect(decodeScenario(new URLSearchParams(`titration=${max}`), specs, 'ldn').problems).toEqual([]);
  });

  it('a link of a megabyte is not read: one message naming the link and the limit, the default scenario', () => {
    const q = new URLSearchParams(`dose=50&${Array.from({ length: 100_000 }, (_, i) => `p.x${i}=1`).join('&')}`);
    const { scenario, problems } = decodeScenario(q, specs, 'ldn');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^link: [\d ]+ characters; at most 10 000 are allowed$/);
    expect(scenario).toEqual(defaultScenario('ldn'));
    expect(decodeScenario(q, specs, 'ldn', 'pin.')).toEqual({ scenario: null, problems: [] });
  });

  it('many bad fields are listed up to ten, then counted; long values are cut in messages', () => {
    const q = new URLSearchParams(Array.from({ length: 30 }, (_, i) => `p.bad${i}=1`).join('&') + `&morphine=${'x'.repeat(5000)}`);
    const { problems } = decodeScenario(q, specs, 'ldn');
    expect(problems).toHaveLength(11);
    expect(problems[10]).toBe('21 more');
    expect(problems.join('').length).toBeLessThan(2000);
  });

  it('a titration step longer than the run keeps only the doses inside the run', () => {
    const s = { ...defaultScenario('ldn'), regimen: 'titration' as const, titration: [{ amtMg: 1, days: DAYS_MAX }], days: 3 };
    const events = scenarioEvents(s, viewFor(specs.find((m) => m.id === 'ldn')!));
    expect(expand(events).map((e) => e.timeH)).toEqual([0, 24, 48]);
  });
});

describe('widget attributes within the limits', async () => {
  const { checkScenario, parseControls } = await import('../../ui/widget/widget-options');
  it('a model attribute longer than the name limit is refused by name (default model used); long lists are cut in messages', () => {
    const { scenario, problems } = checkScenario({ dose: 4.5, time: '22:00', days: 3, model: 'm'.repeat(1_000_000), compare: null });
    expect(scenario.model).toBeUndefined();
    expect(problems).toEqual(['model: 1 000 000 characters; at most 100 are allowed; using the default model']);
    const names = specs.flatMap((m) => [m.id, ...m.parameters.map((p) => p.name), ...m.states.map((s) => s.name), ...m.outputs.map((o) => o.name)]);
    expect(Math.max(...names.map((n) => n.length))).toBeLessThan(40); // the limit's TSDoc says so
    const many = parseControls(Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(','));
    expect(many.unknown).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', '9995 more']);
  });
});
