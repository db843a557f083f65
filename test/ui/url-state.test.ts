import { describe, expect, it } from 'vitest';
import { MODELS } from '../../models/index';
import { defaultScenario, type Scenario } from '../../ui/scenario';
import { defaultCursor, readHash, writeHash } from '../../ui/app/url-state';

// ui/app/url-state.ts: the link format of <ldn-app>. Expected values are written out by hand from the format
// (README "shareable link", ui/scenario.ts encodeScenario), not produced by the code under test.
const specs = [...MODELS];
const ONE = 'one-compartment';

describe('the URL hash of the app', () => {
  it('a hand-written link restores its scenario, its pinned scenario and its crosshair time', () => {
    const u = readHash('#model=one-compartment&dose=4.5&at=22:00&days=1&pin.model=one-compartment&pin.dose=50&pin.at=08:00&pin.days=1&t=5.25', specs, ONE);
    expect(u.problems).toEqual([]);
    expect(u.scenario).toEqual({ ...defaultScenario(ONE), doseMg: 4.5, clockH: 22, days: 1 });
    expect(u.pinned).toEqual({ ...defaultScenario(ONE), doseMg: 50, clockH: 8, days: 1 });
    expect(u.cursorH).toBe(5.25);
  });

  it('a link without a pin pins nothing, and one without t puts the crosshair 2 h after the first dose', () => {
    const u = readHash('dose=1.5&days=3', specs, ONE);
    expect(u.pinned).toBeNull();
    expect(u.scenario.doseMg).toBe(1.5);
    expect(u.cursorH).toBe(2);
  });

  it('an empty hash is the default scenario of the default model', () => {
    const u = readHash('', specs, ONE);
    expect(u.scenario).toEqual(defaultScenario(ONE));
    expect(u.pinned).toBeNull();
    expect(u.problems).toEqual([]);
  });

  it('a crosshair time past the end of the span is clamped to it (1 day = 24 h), before 0 to 0, and a non-number ignored', () => {
    expect(readHash('days=1&t=999', specs, ONE).cursorH).toBe(24);
    expect(readHash('days=1&t=-3', specs, ONE).cursorH).toBe(0);
    expect(readHash('days=1&t=abc', specs, ONE).cursorH).toBe(2);
  });

  it("the pinned scenario's bad fields are reported as pinned, the current one's plainly", () => {
    const u = readHash('dose=abc&pin.dose=xyz', specs, ONE);
    expect(u.problems.some((p) => p.startsWith('pinned ') && p.includes('dose'))).toBe(true);
    expect(u.problems.some((p) => !p.startsWith('pinned ') && p.includes('dose'))).toBe(true);
    expect(u.scenario.doseMg).toBe(defaultScenario(ONE).doseMg);
  });

  it('writes the link in the documented order, the pin under pin., and t in hundredths of an hour', () => {
    const s: Scenario = { ...defaultScenario(ONE), doseMg: 4.5, clockH: 22, days: 3 };
    const pin: Scenario = { ...s, doseMg: 50, clockH: 8 };
    expect(writeHash(s, null, 7.123)).toBe('model=one-compartment&dose=4.5&at=22%3A00&days=3&t=7.12');
    expect(writeHash(s, pin, 2)).toBe(
      'model=one-compartment&dose=4.5&at=22%3A00&days=3&pin.model=one-compartment&pin.dose=50&pin.at=08%3A00&pin.days=3&t=2');
  });

  it('a written link reads back as the same scenario, pin and crosshair', () => {
    const s: Scenario = { ...defaultScenario(ONE), doseMg: 3, clockH: 7.5, days: 7, agonist: { amtMg: 10, everyH: 6 }, params: { ka_per_h: 1.25 } };
    const pin: Scenario = { ...defaultScenario(ONE), doseMg: 50 };
    const u = readHash(`#${writeHash(s, pin, 30.5)}`, specs, ONE);
    expect(u).toEqual({ scenario: s, pinned: pin, cursorH: 30.5, problems: [] });
  });

  it('the default crosshair is 2 h after the first dose, near the peak', () => {
    expect(defaultCursor({ ...defaultScenario(ONE), days: 1 })).toBe(2);
  });
});
