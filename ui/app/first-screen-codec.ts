/**
 * The pre-rendered first screen as data: the app's default scenario, computed by the real engine at build time
 * (scripts/first-screen-plugin.ts) and shipped with the app's first screen, so that its curves are drawn before
 * any worker has started (issue #18). The live run replaces them moments later, with the same numbers to the
 * precision stored here.
 *
 * Precision: each column keeps at least `FIRST_SCREEN_DIGITS` (4) significant digits of its largest magnitude (the
 * build adds digits where the charts' summaries need them): a value `v` is stored as the whole number
 * `n = round(v × scale)` with `scale = 10^(digits − 1 − floor(log10(max |v|)))`, and read back as `n / scale`, so it
 * is off by at most half a unit of that last digit (`0.5 / scale`): at 4 digits 1/2000 of the column's peak, a
 * twentieth of a pixel on a 200-pixel chart. The whole numbers are stored as second differences
 * (smooth curves give small ones), which is what keeps the data small after gzip.
 *
 * Pure functions, no DOM: the build (in Node), the page and the tests share them.
 */
import type { ApiSimulationRequest } from '../../engine/api';
import type { ModelSpec } from '../../engine/model/types';
import type { ResultMeta, SimulationResult } from '../../engine/result';
import { requestKey } from '../../workers/request-key';

/** Significant digits kept of each column's largest magnitude, at least (the build may give a column more). */
export const FIRST_SCREEN_DIGITS = 4;

/** One column of numbers as stored: read back as `n / scale`, where `n` are the running sums of the running sums of `d2`. */
export interface PackedValues {
  /** Values are whole multiples of `1 / scale` (a power of ten). */
  readonly scale: number;
  /** Second differences of the whole numbers `round(v × scale)`, taken as if a 0 and a step of 0 preceded them. */
  readonly d2: readonly number[];
}

/** A result column as stored (its values packed). */
export interface PackedColumn extends PackedValues {
  readonly name: string;
  readonly unit: string;
  readonly label: string;
}

/** What the build emits for the app's first screen. */
export interface FirstScreenData {
  /** The exact request it was computed for: the app uses the data only for a request equal to it. */
  readonly request: ApiSimulationRequest;
  /** The built-in models as the first screen reads them (`firstScreenSpec`), in the worker's order. */
  readonly specs: readonly ModelSpec[];
  readonly timeH: PackedValues;
  readonly columns: readonly PackedColumn[];
  /** The result's metadata, unchanged (events, parameters, solver settings and statistics). */
  readonly meta: ResultMeta;
}

/**
 * Packs finite numbers to `digits` significant digits of their largest magnitude (see the module comment).
 * Throws a RangeError naming `what` on a non-finite value (a result that is not sound is never pre-rendered).
 */
export function packValues(values: ArrayLike<number>, what: string, digits = FIRST_SCREEN_DIGITS): PackedValues {
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) throw new RangeError(`packValues: ${what}[${i}] is ${v}; expected a finite number`);
    max = Math.max(max, Math.abs(v));
  }
  const scale = max > 0 ? 10 ** (digits - 1 - Math.floor(Math.log10(max))) : 1;
  const d2: number[] = [];
  let prev = 0;
  let prevStep = 0;
  for (let i = 0; i < values.length; i++) {
    const n = Math.round(values[i]! * scale);
    const step = n - prev;
    d2.push(step - prevStep + 0); // + 0: no -0 in the emitted text
    prev = n;
    prevStep = step;
  }
  return { scale, d2 };
}

/** Reads packed numbers back (`n / scale`). */
export function unpackValues(p: PackedValues): Float64Array {
  const out = new Float64Array(p.d2.length);
  let n = 0;
  let step = 0;
  for (let i = 0; i < p.d2.length; i++) {
    step += p.d2[i]!;
    n += step;
    out[i] = n / p.scale;
  }
  return out;
}

/** The largest error packing may make in a value of `p`: half a unit of its last kept digit (at most that of 4 digits). */
export function packedTolerance(p: PackedValues): number {
  return 0.5 / p.scale;
}

/**
 * The parts of a model spec the first screen reads before the worker has answered: identity, version and title,
 * doses, outputs (without their expressions) and preset groups (without their sources); no parameters (`[]`: only
 * the parameter panel reads them, and the page shows it once the worker's full specs have replaced these, before
 * anything runs).
 */
export function firstScreenSpec(spec: ModelSpec): ModelSpec {
  const { description: _d, states: _s, expressions: _e, odes: _o, variability: _v, dosedStates: _ds, defaults: _df, ...kept } = spec as ModelSpec & Record<string, unknown>;
  return {
    ...kept,
    parameters: [],
    outputs: spec.outputs.map(({ expr: _x, ...o }) => o),
    ...(spec.presets ? { presets: spec.presets.map((g) => ({ ...g, options: g.options.map(({ source: _src, ...o }) => o) })) } : {}),
  } as unknown as ModelSpec;
}

/**
 * Packs a sound result and the specs into the data the build emits; `digits` gives a column more significant digits
 * than `FIRST_SCREEN_DIGITS` (the build adds them where near-equal values would otherwise swap, see
 * scripts/first-screen-data.ts).
 */
export function packFirstScreen(
  request: ApiSimulationRequest, specs: readonly ModelSpec[], result: SimulationResult,
  digits: Readonly<Record<string, number>> = {},
): FirstScreenData {
  if (!result.meta.ok) throw new Error(`the pre-rendered scenario did not run cleanly: ${result.meta.diagnostics.join(' ')}`);
  return {
    request,
    specs: specs.map(firstScreenSpec),
    timeH: packValues(result.timeH, 'timeH'),
    columns: result.columns.map((c) => ({ name: c.name, unit: c.unit, label: c.label, ...packValues(c.values, c.name, digits[c.name] ?? FIRST_SCREEN_DIGITS) })),
    meta: result.meta,
  };
}

/** The result the data holds, as the worker would return it (to the precision stored). */
export function unpackResult(data: FirstScreenData): SimulationResult {
  return {
    timeH: unpackValues(data.timeH),
    columns: data.columns.map((c) => ({ name: c.name, unit: c.unit, label: c.label, values: unpackValues(c) })),
    meta: data.meta,
  };
}

/**
 * The pre-rendered result for `req`, or null unless `req` is exactly the request the data was computed for (every
 * field, as the worker pool's cache compares them): a link that names another scenario, or a default scenario
 * changed since the build, never gets numbers computed for something else.
 */
export function firstScreenResultFor(data: FirstScreenData, req: ApiSimulationRequest): SimulationResult | null {
  return requestKey(req) === requestKey(data.request) ? unpackResult(data) : null;
}
