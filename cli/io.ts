import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from './args';

/**
 * Writes `text` to `path` atomically: to a temporary file beside it, then a rename, so an interrupted or
 * failed run never leaves a half-written file behind.
 */
export function writeFileAtomic(path: string, text: string, flag = 'out'): void {
  const full = resolve(path);
  const dir = dirname(full);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new UsageError(`--${flag}: the folder ${dir} does not exist`);
  }
  if (existsSync(full) && statSync(full).isDirectory()) throw new UsageError(`--${flag}: ${path} is a folder; expected a file name`);
  const tmp = join(dir, `.${basename(full)}.${process.pid}.${Date.now()}.tmp`);
  try {
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, full);
  } catch (err) {
    rmSync(tmp, { force: true });
    if (err instanceof UsageError) throw err;
    throw new UsageError(`--${flag}: cannot write ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

/** Writes to stdout, resolving once flushed (large outputs, pipes). */
export function writeStdout(text: string): Promise<void> {
  return new Promise((res, rej) => {
    process.stdout.write(text, (err) => (err ? rej(err) : res()));
  });
}
