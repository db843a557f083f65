/**
 * Vite plugin (build only): once the app is written to dist/, writes its first screen into dist/index.html as
 * static markup (scripts/first-screen-markup.ts; issue #18). Loaded through Vite's module runner, like
 * scripts/first-screen-plugin.ts, so the config imports neither Playwright nor the app's modules.
 *
 * Without Chromium the build fails, saying so: a dist/ without its static first screen would be a slower app that
 * looks the same, and the build's output should not depend silently on what a machine has. `LDN_SIM_NO_STATIC=1`
 * builds without it on purpose (the app then draws its first screen from its script, as in the dev server).
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport, type Plugin } from 'vite';

/** The plugin: after the app's bundle is written, the static first screen goes into its index.html. */
export function firstScreenMarkupPlugin(): Plugin {
  let outDir = '';
  return {
    name: 'ldn-sim-first-screen-markup',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      if (process.env['LDN_SIM_NO_STATIC'] === '1') {
        console.warn('ldn-sim: LDN_SIM_NO_STATIC=1: dist/index.html has no static first screen');
        return;
      }
      const file = fileURLToPath(new URL('./first-screen-markup.ts', import.meta.url));
      const { module } = await runnerImport<typeof import('./first-screen-markup')>(file, { configFile: false, logLevel: 'error' });
      try {
        const bytes = await module.writeFirstScreenMarkup(outDir);
        console.log(`ldn-sim: static first screen written into ${outDir}/index.html (+${(bytes / 1024).toFixed(1)} kB)`);
      } catch (err) {
        throw new Error(`ldn-sim: the static first screen could not be written (${(err as Error).message}); `
          + 'install Chromium (e.g. `sudo apt-get install chromium`) or set CHROMIUM_PATH, or build without it: LDN_SIM_NO_STATIC=1 npm run build');
      }
    },
  };
}
