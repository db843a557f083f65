/** The command line applies the shared limits: exit status 2, one line naming the flag or file and the limit, nothing written. */
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli';

describe('ldn-sim refuses input over the shared limits (exit 2, nothing written)', () => {
  it('doses, rows, files (events, NONMEM data sets, observations), nesting, sweep points and population size', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ldn-sim-limits-'));
    const events = join(dir, 'e.csv');
    writeFileSync(events, 'time_h,drug,amt_mg,ii_h,addl\n0,naltrexone,4.5,0.001,100000000\n');
    const big = join(dir, 'big.csv');
    writeFileSync(big, 'time_h,drug,amt_mg,ii_h,addl\n' + '0,naltrexone,1,,\n'.repeat(70_000));
    const deep = join(dir, 'deep.json');
    writeFileSync(deep, '['.repeat(100_000) + ']'.repeat(100_000));
    const out = join(dir, 'out.csv');
    const cases: [string[], RegExp][] = [
      [['simulate', '--events', events, '--out', out], /^ldn-sim: --events .*e\.csv: 100 000 001 doses after expanding addl; at most 50 000 are allowed$/],
      [['simulate', '--dose', '4.5', '--days', '100000000', '--out', out], /^ldn-sim: --days: 100 000 000 daily doses; at most 50 000 are allowed$/],
      [['simulate', '--dose', '4.5', '--hours', '190000', '--step-min', '6', '--out', out], /^ldn-sim: step: 1 900 001 rows requested .*at most 200 000 are allowed$/],
      [['simulate', '--events', big, '--out', out], /^ldn-sim: --events .*big\.csv: 1 190 029 bytes; at most 1 048 576 are allowed$/],
      [['simulate', '--model-file', deep, '--dose', '1', '--out', out], /^ldn-sim: --model-file .*deep\.json: 100 000 levels of nesting; at most 20 are allowed$/],
      [['simulate', '--scenario', deep, '--out', out], /^ldn-sim: --scenario .*deep\.json: 100 000 levels of nesting/],
      [['sweep', '--vary', 'dose=0..1/100000000', '--metric', 'max:mu_blockade', '--out', out], /^ldn-sim: --vary dose: 100 000 000 points; at most 10 000 are allowed$/],
      [['simulate', '--nonmem', big, '--out', out], /^ldn-sim: --nonmem .*big\.csv: 1 190 029 bytes; at most 1 048 576 are allowed$/],
      [['fit', '--observations', big, '--estimate', 'kp_brain', '--out', join(dir, 'fit.json')], /^ldn-sim: --observations .*big\.csv: 1 190 029 bytes; at most 1 048 576 are allowed$/],
      [['population', '--n', '5000', '--days', '28', '--threads', '1', '--out', out], /^ldn-sim: --n: 73 975 000 values to store/],
    ];
    for (const [args, msg] of cases) {
      const r = runCli(args, { cwd: dir });
      expect(r.status, `${args.join(' ')} → ${r.stderr}`).toBe(2);
      expect(r.stderr.trim()).toMatch(msg);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(existsSync(out)).toBe(false);
    }
    expect(readdirSync(dir).sort()).toEqual(['big.csv', 'deep.json', 'e.csv']);
  });
});
