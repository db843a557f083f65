/**
 * Normalised local sensitivity of scalar metrics to every model parameter: S = (∂M/M)/(∂p/p), estimated by
 * central differences with a relative step h (default 1e-3): S ≈ (M(p(1+h)) − M(p(1−h))) / (2h · M(p)).
 * S = 1 means "1% more p gives 1% more M"; the app draws them as a tornado chart.
 *
 * Where p(1 ± h) would leave the parameter's physical bounds (`bounds`, e.g. a fraction ≤ 1), the one-sided
 * difference inside them is used (`forward`/`backward`, first-order accurate) and says so; nothing is clamped.
 * The typical `range` (where sliders go) does not limit the step. S is NaN (undefined) when p = 0, when M = 0, or
 * when the typical range is a single value (`fixed`, a constant such as a molar mass).
 */
import { csvField, formatNumber } from './csv';
import type { PreparedModel } from './model/load';
import { withinBounds } from './model/bounds';
import { resolveParameters, simulate, type SimulationRequest } from './simulate';
import { evaluateMetrics, metricName, type MetricOptions, type MetricSpec } from './sweep';

/** Default relative step of the finite differences. */
export const DEFAULT_RELATIVE_STEP = 1e-3;

/** A sensitivity analysis: a base run, metrics, and optionally the parameters to perturb (default: all). */
export interface SensitivityRequest extends MetricOptions {
  readonly base: SimulationRequest;
  readonly metrics: readonly MetricSpec[];
  /** Relative step h, in (0, 0.1]. Default 1e-3: truncation error ~h² ≈ 1e-6, well above the solver's rtol 1e-9. */
  readonly relativeStep?: number;
  /** Parameters to perturb (default: every parameter, in model order). */
  readonly parameters?: readonly string[];
}

/** How the derivative of one parameter was estimated. */
export type Difference = 'central' | 'forward' | 'backward' | 'fixed' | 'zero';

/** One parameter's row. */
export interface SensitivityRow {
  readonly parameter: string;
  readonly value: number;
  readonly unit: string;
  readonly difference: Difference;
  /** One normalised sensitivity per metric (NaN when undefined). */
  readonly sensitivities: readonly number[];
}

export interface SensitivityResult {
  readonly metrics: readonly string[];
  /** Metric values at the base parameters. */
  readonly baseline: readonly number[];
  readonly relativeStep: number;
  readonly rows: readonly SensitivityRow[];
  readonly diagnostics: readonly string[];
}

/**
 * Computes the sensitivities (1 + 2 runs per parameter, fewer for one-sided or fixed ones).
 * @throws RangeError for a bad step, an unknown parameter or metric (before the perturbed runs).
 */
export function sensitivity(model: PreparedModel, req: SensitivityRequest): SensitivityResult {
  const h = req.relativeStep ?? DEFAULT_RELATIVE_STEP;
  if (!(Number.isFinite(h) && h > 0 && h <= 0.1)) throw new RangeError(`relative step: expected a number in (0, 0.1], got ${h}`);
  const { values } = resolveParameters(model, req.base.params, req.base.presets);
  const names = req.parameters ?? model.spec.parameters.map((p) => p.name);
  for (const n of names) {
    if (!(n in values)) throw new RangeError(`parameter ${n}: model "${model.spec.id}" has no such parameter; valid: ${model.spec.parameters.map((p) => p.name).join(', ')}`);
  }
  const diagnostics: string[] = [];
  const measure = (params: Record<string, number>): number[] => {
    const r = simulate(model, { ...req.base, params });
    if (!r.meta.ok) {
      diagnostics.push(`${Object.entries(params).map(([k, v]) => `${k}=${v}`).join(', ')}: ${r.meta.diagnostics.join('; ')}`);
      return req.metrics.map(() => NaN);
    }
    return evaluateMetrics(r, req.metrics, req);
  };
  const base = { ...req.base.params };
  const m0 = measure(base);
  const rows: SensitivityRow[] = names.map((name) => {
    const p = model.spec.parameters.find((x) => x.name === name)!;
    const v = values[name]!;
    const nan = req.metrics.map(() => NaN);
    if (v === 0) return { parameter: name, value: v, unit: p.unit, difference: 'zero', sensitivities: nan };
    const inRange = (x: number) => withinBounds(p, x);
    const up = v * (1 + h), down = v * (1 - h);
    const constant = p.range !== undefined && p.range[0] === p.range[1];
    if (constant || (!inRange(up) && !inRange(down))) return { parameter: name, value: v, unit: p.unit, difference: 'fixed', sensitivities: nan };
    const mUp = inRange(up) ? measure({ ...base, [name]: up }) : null;
    const mDown = inRange(down) ? measure({ ...base, [name]: down }) : null;
    let difference: Difference;
    let s: number[];
    if (mUp && mDown) { difference = 'central'; s = m0.map((m, k) => (mUp[k]! - mDown[k]!) / (2 * h * m)); }
    else if (mUp) { difference = 'forward'; s = m0.map((m, k) => (mUp[k]! - m) / (h * m)); }
    else { difference = 'backward'; s = m0.map((m, k) => (m - mDown![k]!) / (h * m)); }
    return { parameter: name, value: v, unit: p.unit, difference, sensitivities: s.map((x, k) => (m0[k] === 0 ? NaN : x)) };
  });
  return { metrics: req.metrics.map(metricName), baseline: m0, relativeStep: h, rows, diagnostics };
}

/**
 * CSV: `parameter,value,unit,difference,<metric>_sensitivity…`, one row per parameter in model order (the app
 * sorts for its tornado chart). NaN marks an undefined sensitivity (see the module comment).
 */
export function sensitivityToCsv(result: SensitivityResult): string {
  const header = ['parameter', 'value', 'unit', 'difference', ...result.metrics.map((m) => `${m}_sensitivity`)];
  const lines = [header.map(csvField).join(',')];
  for (const r of result.rows) {
    lines.push([csvField(r.parameter), formatNumber(r.value), csvField(r.unit), r.difference, ...r.sensitivities.map(formatNumber)].join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
