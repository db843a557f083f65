import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** A file's size gzipped at level 9 (bytes), as the docs and the build-size checks quote sizes. */
export function gzipBytes(file: string): number {
  return gzipSync(readFileSync(file), { level: 9 }).length;
}

/**
 * A built JS file in `dir` plus every chunk it imports statically (recursively): what a page loads before any
 * dynamic import. Returns the file names (entry first) and their gzip bytes.
 */
export function withStaticImports(dir: string, entry: string): { files: string[]; gzip: number } {
  const files: string[] = [];
  const visit = (name: string) => {
    if (files.includes(name)) return;
    files.push(name);
    const code = readFileSync(join(dir, name), 'utf8');
    for (const m of code.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{},\s]*?\s*from\s*)?["'`]\.\/([^"'`]+\.js)["'`]/g)) visit(m[1]!);
  };
  visit(entry);
  return { files, gzip: files.reduce((a, f) => a + gzipBytes(join(dir, f)), 0) };
}

/** The chunks a built JS file imports dynamically (`import("./x.js")`), by file name. */
export function dynamicImports(dir: string, file: string): string[] {
  const code = readFileSync(join(dir, file), 'utf8');
  return [...new Set([...code.matchAll(/\bimport\(\s*["'`]\.\/([^"'`]+\.js)["'`]\s*\)/g)].map((m) => m[1]!))];
}

/**
 * The source files a built JS file was made from, from its source map, relative to the repository root. The
 * bundler's own runtime chunk (`rolldown-runtime-*.js`, its helpers for namespaces of modules imported both ways)
 * has no source map and no source file: none.
 */
export function sourcesOf(dir: string, file: string): string[] {
  if (/^rolldown-runtime-[\w-]+\.js$/.test(file)) return [];
  const map = JSON.parse(readFileSync(join(dir, `${file}.map`), 'utf8')) as { sources: string[] };
  return map.sources.map((s) => s.replace(/^(\.\.\/)+/, ''));
}

/**
 * The simulation worker in `dir` (`sim.worker-*.js`) and the chunks it imports statically: what the default
 * first curve loads. The engine's optional features are chunks the worker imports dynamically, on first use.
 */
export function simulationWorker(dir: string): { entry: string; files: string[]; gzip: number } {
  const entry = readdirSync(dir).find((f) => /^sim\.worker-[\w-]+\.js$/.test(f));
  if (!entry) throw new Error(`${dir}: no sim.worker-*.js (run \`npm run build\`)`);
  return { entry, ...withStaticImports(dir, entry) };
}
