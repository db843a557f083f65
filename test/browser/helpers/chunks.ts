import { readFileSync } from 'node:fs';
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
