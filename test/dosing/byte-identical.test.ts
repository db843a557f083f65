import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli';

// SHA-256 of the CLI's CSV for existing event files and regimens, recorded from a run of the OLD code (branch
// i16 at 466841d, before the dosing records of issue #16 were added, built with `npm run build:node`). The new
// dosing path must leave these results byte-identical.
const CASES: readonly [string, string][] = [
  ['simulate --events test/fixtures/events/ldn-morphine.csv --step-min 30', 'f7c8801015c39c54135b9ec73f52376576fc0d513b9ce7a6776baa31fbdde792'],
  ['simulate --model one-compartment --events test/fixtures/events/one-compartment.csv --hours 60 --step-min 7', 'adf495ac59917fe3276a73f5531f093f628199a1e74130ad1cc0dc4efe0d9fbb'],
  ['simulate --events test/fixtures/events/ldn-titration.csv --step-min 60', '940891eefe93b750acf92c74934f5c141384735177ac82b185710162611bfec5'],
  ['simulate --dose 4.5 --at 22:00 --days 3', '1e57ebd6b032bf559abab396b9c6224442e332ef96a20938b79fe6da4a1649bf'],
  ['simulate --model one-compartment --dose 50 --days 2 --param tlag_h=0.5', '993f4b17affb187aa4e0565c8312d5e7e9434928615f0fc12e78c64860391f16'],
];

describe('existing event files give byte-identical CSV (hashes from the code before issue #16)', () => {
  for (const [args, sha] of CASES) {
    it(args, () => {
      const r = runCli(args.split(' '));
      expect(r.status, r.stderr).toBe(0);
      expect(createHash('sha256').update(r.stdout).digest('hex')).toBe(sha);
    });
  }
});
