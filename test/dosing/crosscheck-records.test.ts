import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli';

// An independent implementation of the record semantics in Python (test/tools/crosscheck_records.py): SciPy
// LSODA between events, steady states by brute force (80 intervals before), from the exported model alone.
const CHECKER = fileURLToPath(new URL('../tools/crosscheck_records.py', import.meta.url));

const CASES: readonly [string, string, string][] = [
  ['two-compartment', 'ss 1 IV infusion every 12 h with 1 addl, oral doses every 6 h, a reset, an oral zero-order input at a rate, evid 4', [
    'time_h,drug,amt_mg,ii_h,addl,cmt,rate,dur_h,ss,evid',
    '0,drug,100,12,1,central_mg,,2,1,', '3,drug,30,6,3,,,,,', '14,drug,0,,,,,,,3', '15,drug,40,,,depot_mg,8,,,', '20,drug,25,,,central_mg,,,,4'].join('\n')],
  ['one-compartment', 'ss 1 oral with a lag longer than the interval (tlag_h 3.5, ii 3), IV infusions overlapping, evid 2', [
    'time_h,drug,amt_mg,ii_h,addl,cmt,rate,dur_h,ss,evid',
    '0,drug,20,3,2,,,,1,', '4,drug,0,,,,,,,2', '10,drug,50,,,central_mg,20,,,', '11,drug,30,,,central_mg,,4,,'].join('\n')],
  ['two-compartment', 'constant infusions to steady state: ss 1 oral by the route, a bolus, ss 2 IV on top, a reset, evid 4', [
    'time_h,drug,amt_mg,ii_h,addl,cmt,rate,dur_h,ss,evid',
    '0,drug,0,0,,,10,,1,', '3,drug,40,,,central_mg,,,,', '8,drug,0,,,central_mg,4,,2,', '20,drug,0,,,,,,,3', '24,drug,25,,,central_mg,,,,4'].join('\n')],
];

describe('dosing records vs an independent SciPy implementation (test/tools/crosscheck_records.py; 1e-6 of each column)', () => {
  for (const [model, title, events] of CASES) {
    it(`${model}: ${title}`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'ldn-sim-xrec-'));
      const m = runCli(['model', model, '--json']);
      expect(m.status).toBe(0);
      writeFileSync(join(dir, 'm.json'), m.stdout);
      writeFileSync(join(dir, 'e.csv'), `${events}\n`);
      const params = model === 'one-compartment' ? ['--param', 'tlag_h=3.5', '--param', 'f=0.7'] : [];
      const sim = runCli(['simulate', '--model', model, '--events', join(dir, 'e.csv'), '--hours', '30', '--step-min', '30', ...params, '--out', join(dir, 'c.csv')]);
      expect(sim.status, sim.stderr).toBe(0);
      if (params.length) {
        // The checker reads parameter values from the export: put the run's values in.
        const spec = JSON.parse(m.stdout) as { parameters: { name: string; value: number }[] };
        for (const p of spec.parameters) if (p.name === 'tlag_h') p.value = 3.5; else if (p.name === 'f') p.value = 0.7;
        writeFileSync(join(dir, 'm.json'), JSON.stringify(spec));
      }
      const r = spawnSync('python3', [CHECKER, join(dir, 'm.json'), join(dir, 'e.csv'), join(dir, 'c.csv')], { encoding: 'utf8' });
      expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
      expect(r.stdout).toMatch(/records: scipy LSODA vs CLI: worst/);
    }, 120_000);
  }
});
