/**
 * The page's URL hash as data: what `<ldn-app>` restores from a link and writes back while the user works.
 * Pure functions (no `location`, no DOM), so the link format can be tested in Node; the scenario controller
 * (`scenario-controller.ts`) does the reading and writing of `location`.
 *
 * Format: the current scenario's fields (`model`, `dose`, `at`, `days`, …; see `encodeScenario`), the pinned
 * scenario's under the `pin.` prefix, and the crosshair time `t` in hours, rounded to 0.01 h.
 */
import type { ModelSpec } from '../../engine/model/types';
import { decodeScenario, defaultScenario, encodeScenario, type Scenario } from '../scenario';
import { STRINGS } from '../strings';

/** Prefix of the pinned scenario's fields in the hash. */
export const PIN_PREFIX = 'pin.';

/** What a hash restores. */
export interface UrlState {
  /** The scenario to show: the link's, or the default scenario of the default model when the link has none. */
  readonly scenario: Scenario;
  /** The pinned scenario, or null when the link pins none. */
  readonly pinned: Scenario | null;
  /** Crosshair time in hours since the first dose, within 0 … `scenario.days × 24`. */
  readonly cursorH: number;
  /** Fields of the link that could not be used, one message each; the pinned scenario's start with "pinned ". */
  readonly problems: readonly string[];
}

/** Where the crosshair starts when a link gives no `t`: 2 h after the first dose (near the peak), within the span. */
export function defaultCursor(s: Scenario): number {
  return Math.min(s.days * 24, 2);
}

/** The hash without its leading `#`, as it is compared and written. */
export function bareHash(hash: string): string {
  return hash.replace(/^#/, '');
}

/**
 * Reads a hash (with or without its `#`). Malformed fields are reported in `problems` and replaced by defaults,
 * never passed on; a `t` that is not a number falls back to `defaultCursor`, and one outside the span is clamped.
 */
export function readHash(hash: string, specs: readonly ModelSpec[], defaultModelId: string): UrlState {
  const q = new URLSearchParams(bareHash(hash));
  const main = decodeScenario(q, specs, defaultModelId);
  const pin = decodeScenario(q, specs, defaultModelId, PIN_PREFIX);
  const scenario = main.scenario ?? defaultScenario(defaultModelId);
  const t = Number(q.get('t'));
  const cursorH = q.has('t') && Number.isFinite(t) ? Math.min(Math.max(0, t), scenario.days * 24) : defaultCursor(scenario);
  return { scenario, pinned: pin.scenario, cursorH, problems: [...main.problems, ...pin.problems.map((p) => STRINGS.link.pinned(p))] };
}

/** Writes the hash (without `#`) for a scenario, the pinned one if any, and the crosshair time. */
export function writeHash(scenario: Scenario, pinned: Scenario | null, cursorH: number): string {
  const q = encodeScenario(scenario);
  if (pinned) encodeScenario(pinned, PIN_PREFIX, q);
  // Hundredths of an hour (36 s) are finer than a chart pixel and keep links short.
  q.set('t', String(Math.round(cursorH * 100) / 100));
  return q.toString();
}
