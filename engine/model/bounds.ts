/**
 * A parameter's physical bounds (what values are true at all: a clearance > 0, a fraction ≤ 1) as opposed to its
 * typical `range` (where its slider goes). Every value within the bounds is accepted by the CLI, the API, the app
 * and the widget; one outside the typical range runs with a note (`rangeNote`), one outside the bounds is refused.
 */
import type { ParameterBounds, ParameterSpec } from './types';

/**
 * The bounds of a parameter: its own `bounds`, or by default those of its default value's sign: `> 0` when the
 * value is > 0, `≥ 0` when it is 0, none when it is negative.
 */
export function parameterBounds(p: Pick<ParameterSpec, 'value' | 'bounds'>): ParameterBounds {
  if (p.bounds) return p.bounds;
  return p.value > 0 ? { exclusiveMinimum: 0 } : p.value === 0 ? { minimum: 0 } : {};
}

/** True when `v` is a finite number within the parameter's bounds. */
export function withinBounds(p: Pick<ParameterSpec, 'value' | 'bounds'>, v: number): boolean {
  const b = parameterBounds(p);
  return Number.isFinite(v)
    && (b.minimum === undefined || v >= b.minimum) && (b.exclusiveMinimum === undefined || v > b.exclusiveMinimum)
    && (b.maximum === undefined || v <= b.maximum) && (b.exclusiveMaximum === undefined || v < b.exclusiveMaximum);
}

/** The bounds as words for messages: `> 0`, `in [0, 1]`, `in (0, 1]`, `≤ 1`, or `any finite number`. */
export function describeBounds(p: Pick<ParameterSpec, 'value' | 'bounds'>): string {
  const b = parameterBounds(p);
  const lo = b.minimum ?? b.exclusiveMinimum;
  const hi = b.maximum ?? b.exclusiveMaximum;
  if (lo !== undefined && hi !== undefined) {
    return `in ${b.minimum !== undefined ? '[' : '('}${lo}, ${hi}${b.maximum !== undefined ? ']' : ')'}`;
  }
  if (lo !== undefined) return `${b.minimum !== undefined ? '≥' : '>'} ${lo}`;
  if (hi !== undefined) return `${b.maximum !== undefined ? '≤' : '<'} ${hi}`;
  return 'any finite number';
}

/** True when `v` lies outside the parameter's typical range (never when it has none). */
export function outsideRange(p: Pick<ParameterSpec, 'range'>, v: number): boolean {
  return p.range !== undefined && (v < p.range[0] || v > p.range[1]);
}

/**
 * The one-line note for a value outside the typical range (it runs), e.g.
 * `cl_l_per_h = 6 L/h is outside its typical range [10, 5000] L/h (within its bounds, > 0); it runs`.
 * `undefined` when the value is inside the range.
 */
export function rangeNote(p: Pick<ParameterSpec, 'name' | 'unit' | 'value' | 'bounds' | 'range'>, v: number): string | undefined {
  if (!outsideRange(p, v)) return undefined;
  return `${p.name} = ${v} ${p.unit} is outside its typical range [${p.range![0]}, ${p.range![1]}] ${p.unit} (within its bounds, ${describeBounds(p)}); it runs`;
}

/** The keys of a bounds object, for validation. */
export const BOUND_KEYS = ['minimum', 'exclusiveMinimum', 'maximum', 'exclusiveMaximum'] as const;
