import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { modelIds } from '../../models/registry';

// The built bench (npm run build:node, done by `npm test` before the node tests). Timings are never asserted:
// they depend on the machine. Only the report's shape is.
const BENCH = fileURLToPath(new URL('../../build/bench.js', import.meta.url));
const hasScipy = spawnSync('python3', ['-c', 'import numpy, scipy'], { stdio: 'ignore' }).status === 0;

async function runBench(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  if (!existsSync(BENCH)) throw new Error(`${BENCH} is missing: run \`npm run build:node\` (npm test does it first)`);
  return promisify(execFile)(process.execPath, [BENCH, ...args], { maxBuffer: 16 << 20, timeout: 120_000 });
}

describe('npm run bench -- --json', () => {
  // One quick run serves every test below (a few seconds). Only the engine sections: browser sections (frame
  // time) need dist/ and Chromium, which the node tests run before, and are exercised by the browser tests.
  let quickRun: Promise<{ stdout: string; stderr: string }> | undefined;
  const quickReport = async () => JSON.parse((await (quickRun ??= runBench('--json', '--quick', '--only', 'simulate,expr,scipy'))).stdout) as Record<string, unknown>;

  it('prints exactly one JSON object with the headline medians, their statistics and run metadata', async () => {
    const report = await quickReport();
    expect(typeof report).toBe('object');
    expect(Array.isArray(report)).toBe(false);

    const required = [
      'one_compartment_day_ms', 'one_compartment_titration_28d_ms', 'one_compartment_1000_runs_ms',
      'expr_closure_ns', 'expr_new_function_ns', 'expr_mathjs_ns', 'expr_new_function_vs_closure', 'expr_mathjs_vs_closure',
    ];
    if (modelIds().includes('ldn')) required.push('ldn_day_ms', 'ldn_titration_28d_ms');
    for (const id of modelIds()) required.push(`${id.replace(/[^a-z0-9]+/gi, '_')}_day_ms`);
    for (const key of required) {
      expect(report[key], key).toBeTypeOf('number');
      expect(Number.isFinite(report[key]) && (report[key] as number) > 0, `${key} = ${String(report[key])}`).toBe(true);
    }

    const stats = report['stats'] as Record<string, { n: number; min: number; median: number; p95: number }>;
    expect(stats['one_compartment_day_ms']!.median).toBe(report['one_compartment_day_ms']);
    expect(stats['one_compartment_day_ms']!.min).toBeLessThanOrEqual(stats['one_compartment_day_ms']!.p95);
    expect((report['meta'] as { quick: boolean }).quick).toBe(true);
    expect(Array.isArray(report['notes'])).toBe(true);
  });

  it(hasScipy
    ? 'with python3 and SciPy installed, reports the SciPy time and the speed-up over it'
    : 'without python3/SciPy, says so in the notes and omits the SciPy figures', async () => {
    const report = await quickReport();
    if (hasScipy) {
      expect(report['scipy_one_compartment_day_ms']).toBeGreaterThan(0);
      expect(report['speedup_vs_scipy']).toBeCloseTo((report['scipy_one_compartment_day_ms'] as number) / (report['one_compartment_day_ms'] as number), 9);
      // Both solved the same problem: the bench would have left a note otherwise.
      expect(report['notes']).toEqual([]);
    } else {
      expect(report).not.toHaveProperty('speedup_vs_scipy');
      expect((report['notes'] as string[]).join('\n')).toMatch(/scipy comparison skipped/);
    }
  });

  it('rejects an unknown option with exit code 2 and the usage on stderr', async () => {
    const r = spawnSync(process.execPath, [BENCH, '--frobnicate'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/unknown option "--frobnicate"[\s\S]*usage: npm run bench/);
  });
});
