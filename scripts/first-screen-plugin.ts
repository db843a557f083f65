/**
 * Vite plugin: the app's first screen, pre-rendered at build time (issue #18, "First curve in a blink").
 *
 * It provides the module `virtual:ldn-first-screen`, whose default export is the `FirstScreenData`
 * (ui/app/first-screen-codec.ts) of scripts/first-screen-data.ts: the app's default scenario run by the real
 * engine, packed to four significant digits, with the model specs the first screen reads. The page draws it at
 * once when its request is exactly that one, and creates the worker afterwards (ui/app/first-screen.ts).
 *
 * The data is computed whenever the module is loaded (each build, and in the dev server), never written by hand,
 * so it cannot drift from the engine of the same checkout; the page's request check and
 * test/browser/first-screen.test.ts guard the rest. The engine is loaded through Vite's module runner, so the
 * config itself imports nothing but this file.
 */
import { fileURLToPath } from 'node:url';
import { runnerImport, type Plugin } from 'vite';

/** The id the app imports. */
export const FIRST_SCREEN_MODULE = 'virtual:ldn-first-screen';
const RESOLVED = `\0${FIRST_SCREEN_MODULE}`;

/** The plugin: serves `virtual:ldn-first-screen` (build and dev server). */
export function firstScreenPlugin(): Plugin {
  return {
    name: 'ldn-sim-first-screen',
    resolveId(id) {
      return id === FIRST_SCREEN_MODULE ? RESOLVED : null;
    },
    async load(id) {
      if (id !== RESOLVED) return null;
      const file = fileURLToPath(new URL('./first-screen-build.ts', import.meta.url));
      const { module } = await runnerImport<typeof import('./first-screen-build')>(file, { configFile: false, logLevel: 'error' });
      return `export default ${JSON.stringify(module.default)};\n`;
    },
  };
}
