import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli';

// Issue #13: `--blockade brief|long` selects the ldn model's calibration (a preset group, like --hepatic).
function csv(path: string): { head: string[]; rows: number[][] } {
  const [h, ...lines] = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  return { head: h!.trim().split(','), rows: lines.map((l) => l.trim().split(',').map(Number)) };
}

describe('ldn-sim --blockade', () => {
  it('long keeps a 50 mg blockade for days, brief does not; the scenario file records the choice; the CSV has mu_pet_occupancy after tlr4_inhibition', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ldn-sim-blockade-'));
    const at48 = (blockade: string) => {
      const out = join(dir, `${blockade}.csv`);
      const r = runCli(['simulate', '--dose', '50', '--days', '1', '--hours', '48', '--blockade', blockade, '--out', out, '--scenario-out', join(dir, `${blockade}.json`)]);
      expect(r.status, r.stderr).toBe(0);
      const { head, rows } = csv(out);
      expect(head.indexOf('mu_pet_occupancy'), head.join(',')).toBe(head.indexOf('tlr4_inhibition') + 1);
      expect(JSON.parse(readFileSync(join(dir, `${blockade}.json`), 'utf8')).presets.blockade).toBe(blockade);
      return rows[rows.length - 1]![head.indexOf('mu_pet_occupancy')]!;
    };
    expect(at48('long')).toBeGreaterThan(0.55);
    expect(at48('brief')).toBeLessThan(0.1);
  });

  it('an unknown option exits with status 2 and names the valid ones', () => {
    const r = runCli(['simulate', '--blockade', 'medium', '--days', '1']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--blockade: expected one of brief, long, got "medium"/);
  });
});
