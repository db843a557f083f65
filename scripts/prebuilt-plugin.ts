/**
 * Vite plugin: modules replaced by their value, computed at build time (issue #18, "First curve in a blink").
 *
 * A listed module (e.g. models/ldn-prepared.ts: the `ldn` model validated and parsed, without its texts) is
 * imported at build time through Vite's module runner, and the bundle gets a module exporting the same values
 * as JSON literals instead of its code and imports. So the simulation worker carries the result, not the full
 * spec, the validator and the parser that made it. Its exports must be plain JSON data (numbers survive JSON
 * exactly); `prebuiltSource` refuses anything else, and test/models/ldn-prepared.test.ts runs it on the real module.
 */
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { runnerImport, type Plugin } from 'vite';

/**
 * The source of a module exporting `exports` as JSON literals.
 * @throws Error naming the export when a value does not survive JSON unchanged (a function, `undefined`, NaN, …).
 */
export function prebuiltSource(exports: Record<string, unknown>, file: string): string {
  const lines = [`// Computed at build time from ${file} (scripts/prebuilt-plugin.ts).`];
  for (const [name, value] of Object.entries(exports)) {
    const json = JSON.stringify(value);
    if (json === undefined || !isDeepStrictEqual(JSON.parse(json), value)) {
      throw new Error(`prebuilt module ${file}: export "${name}" is not plain JSON data, so it cannot be computed at build time`);
    }
    lines.push(`export const ${name} = ${json};`);
  }
  return `${lines.join('\n')}\n`;
}

/** The plugin; `files` are paths from the project root, e.g. `models/ldn-prepared.ts`. */
export function prebuiltPlugin(files: readonly string[]): Plugin {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const targets = new Map(files.map((f) => [`${root}${f}`, f]));
  return {
    name: 'ldn-sim-prebuilt',
    enforce: 'pre',
    async load(id) {
      const file = targets.get(id.split('?')[0]!);
      if (!file) return null;
      const { module } = await runnerImport<Record<string, unknown>>(`${root}${file}`, { configFile: false, logLevel: 'error' });
      return prebuiltSource(module, file);
    },
  };
}
