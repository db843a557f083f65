import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createModelLibrary } from '../../engine/library';
import { loadScenario, makeScenario } from '../../engine/scenario';
import { oneCompartment } from '../../models/one-compartment';
import { BUILTIN_MODELS } from '../../models/registry';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const tsFiles = (dir: string): string[] => readdirSync(dir).flatMap((n) => {
  const p = join(dir, n);
  return statSync(p).isDirectory() ? tsFiles(p) : n.endsWith('.ts') ? [p] : [];
});

describe('the engine knows no particular model (ui → workers → engine ← models)', () => {
  it('no file under engine/ imports from models/, workers/, ui/ or cli/', () => {
    const offenders = tsFiles(join(ROOT, 'engine')).flatMap((f) => {
      const src = readFileSync(f, 'utf8');
      return [...src.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)]
        .map((m) => m[1]!)
        .filter((spec) => /(^|\/)(models|workers|ui|cli)(\/|$)/.test(spec))
        .map((spec) => `${relative(ROOT, f)} imports ${spec}`);
    });
    expect(offenders).toEqual([]);
  });

  it('a scenario names a library model by id and is read back through the library it is handed', () => {
    const lib = createModelLibrary([{ ...oneCompartment, id: 'mine' }]);
    const file = makeScenario('simulate', lib.model(), { events: [{ timeH: 0, drug: 'drug', amtMg: 1 }], endH: 1, stepH: 1 }, 'test');
    expect(file.model).toEqual({ id: 'mine', version: oneCompartment.version });
    expect(loadScenario(file, lib).model).toBe(lib.model('mine'));
    expect(() => loadScenario(file, BUILTIN_MODELS, 'f.json')).toThrow(/^f\.json: model\.id: expected a built-in model \(ldn, one-compartment, two-compartment\), got "mine"/);
  });

  it('a library refuses an empty list and duplicate ids, and names the valid ids for an unknown one', () => {
    expect(() => createModelLibrary([])).toThrow(/at least one model/);
    expect(() => createModelLibrary([oneCompartment, oneCompartment])).toThrow(/two models have the id "one-compartment"/);
    expect(() => BUILTIN_MODELS.model('nope')).toThrow(/available: ldn, one-compartment/);
  });
});
