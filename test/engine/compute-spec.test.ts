import { describe, expect, it } from 'vitest';
import { computeSpec, TEXT_FIELDS } from '../../engine/model/compute-spec';
import { prepareModel } from '../../engine/model/load';
import { MODELS } from '../../models/index';

/** Every leaf of a JSON value, by path (`parameters.3.source`). */
function leaves(x: unknown, path = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (x !== null && typeof x === 'object') {
    for (const [k, v] of Object.entries(x)) leaves(v, path ? `${path}.${k}` : k, out);
  } else out.set(path, x);
  return out;
}

/** True when `path` names a text field of TEXT_FIELDS (`parameters.3.source`, `presets.0.options.1.label`, `title`). */
function isTextField(path: string): boolean {
  const parts = path.split('.');
  const field = parts.pop()!;
  const where = parts.filter((p) => !/^\d+$/.test(p)).join('.') || '.';
  return ((TEXT_FIELDS as Record<string, readonly string[]>)[where] ?? []).includes(field);
}

// The compute spec (issue #18) is what the widget's worker runs and what the widget checks attributes against.
describe('a compute spec is its model spec minus the texts', () => {
  for (const spec of MODELS) {
    it(`${spec.id}: every leaf is kept except the text fields, which are emptied, and the spec itself is unchanged`, () => {
      const before = JSON.stringify(spec);
      const full = leaves(spec);
      const reduced = leaves(computeSpec(spec));
      expect([...reduced.keys()]).toEqual([...full.keys()]);
      let emptied = 0;
      for (const [path, value] of full) {
        if (isTextField(path)) { expect(reduced.get(path), path).toBe(''); emptied++; } else expect(reduced.get(path), path).toBe(value);
      }
      // Sources and labels exist in every built-in model, so the test sees text fields (it could not pass vacuously).
      expect(emptied).toBeGreaterThan(spec.parameters.length * 2);
      expect(JSON.stringify(spec)).toBe(before);
    });
  }

  it('its text is gone: the ldn compute spec holds no source, and is under half of the full spec as JSON', () => {
    const ldn = MODELS[0]!;
    const text = JSON.stringify(computeSpec(ldn));
    expect(text).not.toMatch(/Rabiner|Assumption:|Bertolotti/);
    expect(text.length).toBeLessThan(JSON.stringify(ldn).length / 2);
  });

  it('the validator refuses a compute spec (its sources are empty): it is derived from a validated spec, never validated itself', () => {
    expect(() => prepareModel(computeSpec(MODELS[0]!))).toThrow(/source: expected a non-empty string/);
  });

  it('is idempotent', () => {
    for (const spec of MODELS) expect(computeSpec(computeSpec(spec))).toEqual(computeSpec(spec));
  });
});
