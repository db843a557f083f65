import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// The report's shape only: timings depend on the machine and are never asserted.
const BENCH = fileURLToPath(new URL('../../build/bench.js', import.meta.url));

describe('npm run bench -- --json --only fit', () => {
  it('reports fit_ldn_ms with its statistics and the number of model evaluations', async () => {
    if (!existsSync(BENCH)) throw new Error(`${BENCH} is missing: run \`npm run build:node\` (npm test does it first)`);
    const { stdout } = await promisify(execFile)(process.execPath, [BENCH, '--json', '--quick', '--only', 'fit'], { maxBuffer: 16 << 20, timeout: 120_000 });
    const report = JSON.parse(stdout) as Record<string, unknown> & { stats: Record<string, { median: number }> };
    expect(report.fit_ldn_ms).toBeTypeOf('number');
    expect(report.fit_ldn_ms as number).toBeGreaterThan(0);
    expect(report.stats.fit_ldn_ms!.median).toBe(report.fit_ldn_ms);
    // 4 groups × (1 + 4 parameters) per forward-difference Jacobian: at least a few iterations' worth.
    expect(Number.isInteger(report.fit_ldn_model_evaluations)).toBe(true);
    expect(report.fit_ldn_model_evaluations as number).toBeGreaterThan(4 * 5 * 4);
  }, 120_000);
});
