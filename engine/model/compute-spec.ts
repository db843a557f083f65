/**
 * A model's compute spec: the spec with its prose emptied, for code that runs or checks a model but never shows
 * its texts (the simulation worker's first run, the widget's attribute checks). Issue #18, "First curve in a
 * blink": the `ldn` model's sources, labels and descriptions are most of the worker's first download.
 *
 * Text fields (emptied, `''`): the model's `title` and `description`; every parameter's `label` and `source`; the
 * `label` of states, expressions, doses and dosed states; preset groups' and options' `label`, options' `source`;
 * variability entries' `source`. Everything else is kept as it is: names, values, units, ranges, bounds, scales,
 * assumption flags, expressions, preset values, defaults, and the outputs' labels (results carry them as column
 * labels, so a run of the compute spec gives exactly the result of the full spec).
 *
 * The compute spec is derived, never written: take it from a spec that `prepareModel` accepted (it checks the
 * sources a compute spec no longer has). test/engine/compute-spec.test.ts checks both claims on the built-in models.
 */
import type { ModelSpec } from './types';

/** The fields `computeSpec` empties, by where they sit in a spec (`'.'` = the spec itself). */
export const TEXT_FIELDS = {
  '.': ['title', 'description'],
  parameters: ['label', 'source'],
  states: ['label'],
  expressions: ['label'],
  doses: ['label'],
  dosedStates: ['label'],
  presets: ['label'],
  'presets.options': ['label', 'source'],
  variability: ['source'],
} as const;

/** A copy of `obj` with the named fields that it has set to `''`. */
function emptied<T extends object>(obj: T, fields: readonly string[]): T {
  const copy = { ...obj } as Record<string, unknown>;
  for (const f of fields) if (f in copy) copy[f] = '';
  return copy as T;
}

/** The spec with every text field (`TEXT_FIELDS`) emptied; the argument is not changed. */
export function computeSpec(spec: ModelSpec): ModelSpec {
  const list = <T extends object>(xs: readonly T[] | undefined, fields: readonly string[]) => xs?.map((x) => emptied(x, fields));
  const out: Record<string, unknown> = {
    ...emptied(spec, TEXT_FIELDS['.']),
    parameters: list(spec.parameters, TEXT_FIELDS.parameters),
    states: list(spec.states, TEXT_FIELDS.states),
    expressions: list(spec.expressions, TEXT_FIELDS.expressions),
    doses: list(spec.doses, TEXT_FIELDS.doses),
  };
  if (spec.dosedStates) out.dosedStates = list(spec.dosedStates, TEXT_FIELDS.dosedStates);
  if (spec.presets) {
    out.presets = spec.presets.map((g) => ({
      ...emptied(g, TEXT_FIELDS.presets), options: g.options.map((o) => emptied(o, TEXT_FIELDS['presets.options'])),
    }));
  }
  if (spec.variability) out.variability = list(spec.variability, TEXT_FIELDS.variability);
  return out as unknown as ModelSpec;
}
