import { describe, expect, it } from 'vitest';
import { catalogInfos, catalogModel, catalogSpec, MODEL_CATALOG } from '../../models/catalog';
import { DEFAULT_MODEL_ID, MODELS } from '../../models/index';
import { BUILTIN_MODELS } from '../../models/registry';
import { computeSpec } from '../../engine/model/compute-spec';

// The simulation worker lists and loads the built-in models through models/catalog.ts (the default at hand, the
// others on first use); it must serve exactly the library of models/index.ts.
describe('the model catalog serves the built-in library', () => {
  it('lists every built-in model with the id, title and version of its spec, in library order, default first', () => {
    expect(catalogInfos()).toEqual(MODELS.map((s) => ({ id: s.id, title: s.title, version: s.version })));
    expect(MODEL_CATALOG[0]!.id).toBe(DEFAULT_MODEL_ID);
  });

  it('loads each model\'s own spec object, and prepares it once (ldn ahead, with its compute spec: test/models/ldn-prepared.test.ts)', async () => {
    for (const spec of MODELS) {
      expect(await catalogSpec(spec.id)).toBe(spec);
      const m = await catalogModel(spec.id);
      if (spec.id === 'ldn') expect(m.spec).toStrictEqual(computeSpec(spec));
      else expect(m.spec).toBe(spec);
      expect(await catalogModel(spec.id)).toBe(m);
    }
    expect((await catalogModel()).spec.id).toBe(DEFAULT_MODEL_ID);
  });

  it('refuses an unknown id with the library\'s message, listing the valid ids', async () => {
    let expected = '';
    try { BUILTIN_MODELS.spec('nope'); } catch (e) { expected = (e as Error).message; }
    expect(expected).toMatch(/available: ldn, one-compartment, two-compartment/);
    await expect(catalogSpec('nope')).rejects.toThrow(expected);
    await expect(catalogModel('nope')).rejects.toThrow(RangeError);
  });
});
