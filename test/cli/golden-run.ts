import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GOLDEN_CASES, GOLDEN_EVENTS_CSV } from './golden-cases';
import { runCli } from './run-cli';

const sha = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);

/** Runs every golden case; returns name → {status, stdout hash, scenario hash} (stderr on failure). */
export function runGolden(): Record<string, { status: number; stdout: string; scenario?: string; stderr?: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'ldn-sim-golden-'));
  try {
    const events = join(dir, 'events.csv');
    writeFileSync(events, GOLDEN_EVENTS_CSV);
    const out: Record<string, { status: number; stdout: string; scenario?: string; stderr?: string }> = {};
    GOLDEN_CASES.forEach((c, i) => {
      const s = join(dir, `${i}.scenario.json`);
      const args = c.args.map((a) => (a === '$EVENTS' ? events : a));
      const r = runCli(c.scenario ? [...args, '--scenario-out', s] : args);
      out[c.name] = { status: r.status, stdout: sha(r.stdout), ...(c.scenario && r.status === 0 ? { scenario: sha(readFileSync(s, 'utf8')) } : {}), ...(r.status ? { stderr: r.stderr } : {}) };
    });
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
