#!/usr/bin/env node
// Launcher for the ldn-sim command line. The TypeScript sources are built into build/ by `npm run build:node`
// (run automatically by `npm ci` / `npm install` through the `prepare` script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../build/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('ldn-sim: the command line is not built yet. Run `npm run build:node` (or `npm ci`) in the ldn-sim folder.\n');
  process.exit(2);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
