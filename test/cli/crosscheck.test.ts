import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtinModel, modelIds } from '../../models/registry';
import { runCli } from './run-cli';

// The shared, independent checker: it rebuilds a model from `ldn-sim model ID --json` alone, solves it with
// SciPy's LSODA at tight tolerances and compares every CSV column. It is maintained outside this repository
// (../shared/tools, beside the checkout on the developers' machines and in CI); test/tools holds an unmodified
// copy so that a clone on its own still runs the check. The shared one wins when it is there.
const SHARED = fileURLToPath(new URL('../../../shared/tools/crosscheck_scipy.py', import.meta.url));
const CHECKER = existsSync(SHARED) ? SHARED : fileURLToPath(new URL('../tools/crosscheck_scipy.py', import.meta.url));

function python(): string {
  const probe = spawnSync('python3', ['-c', 'import scipy, numpy'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    throw new Error('the SciPy cross-check needs python3 with numpy and scipy: apt-get install python3-scipy (or pip install scipy)');
  }
  return 'python3';
}

describe('independent cross-check with SciPy LSODA (shared/tools/crosscheck_scipy.py)', () => {
  it('the checker is present (shared, or the copy in test/tools)', () => {
    expect(existsSync(CHECKER), `expected ${CHECKER}`).toBe(true);
  });

  it.each(modelIds())('model %s: the JSON export rebuilt in SciPy matches the CLI CSV to 1e-5 of each column', (id) => {
    const dir = mkdtempSync(join(tmpdir(), 'ldn-sim-xcheck-'));
    const spec = builtinModel(id).spec;
    const dose = String(spec.defaults?.doseMg ?? 1);
    const model = runCli(['model', id, '--json']);
    expect(model.status).toBe(0);
    writeFileSync(join(dir, 'm.json'), model.stdout);
    const sim = runCli(['simulate', '--model', id, '--dose', dose, '--at', '22:00', '--days', '3', '--hours', '96', '--step-min', '10', '--out', join(dir, 'c.csv')]);
    expect(sim.status, sim.stderr).toBe(0);
    const r = spawnSync(python(), [CHECKER, join(dir, 'm.json'), join(dir, 'c.csv'), '22:00', dose, '3', '24'], { encoding: 'utf8' });
    expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(/scipy LSODA vs CLI: .* worst/);
  }, 120_000);

  // The ldn model's two blockade calibrations (issue #13): the checker reads parameter values only, so the long
  // calibration's preset values are written into the export's parameters and the CLI runs with --blockade long.
  it.each([['long', '4.5'], ['brief', '50'], ['long', '50']])('ldn under --blockade %s at %s mg: the SciPy rebuild matches the CLI CSV to 1e-5 of each column', (blockade, dose) => {
    const dir = mkdtempSync(join(tmpdir(), 'ldn-sim-xcheck-'));
    const model = runCli(['model', 'ldn', '--json']);
    expect(model.status).toBe(0);
    const spec = JSON.parse(model.stdout) as { parameters: { name: string; value: number }[]; presets: { name: string; options: { name: string; parameters: Record<string, number> }[] }[] };
    const values = spec.presets.find((g) => g.name === 'blockade')!.options.find((o) => o.name === blockade)!.parameters;
    for (const p of spec.parameters) if (p.name in values) p.value = values[p.name]!;
    writeFileSync(join(dir, 'm.json'), JSON.stringify(spec));
    const sim = runCli(['simulate', '--model', 'ldn', '--blockade', blockade, '--dose', dose, '--at', '22:00', '--days', '3', '--hours', '192', '--step-min', '30', '--out', join(dir, 'c.csv')]);
    expect(sim.status, sim.stderr).toBe(0);
    const r = spawnSync(python(), [CHECKER, join(dir, 'm.json'), join(dir, 'c.csv'), '22:00', dose, '3', '24'], { encoding: 'utf8' });
    expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(/scipy LSODA vs CLI: .* worst/);
  }, 120_000);
});
