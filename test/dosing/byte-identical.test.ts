import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli';

// SHA-256 of the CLI's CSV for existing event files and regimens, recorded from a run of the OLD code, built with
// `npm run build:node`: one-compartment at 466841d, before the dosing records of issue #16 were added; ldn (version
// 2.0.0, whose outputs issue #13 changed) at the merge of #13, also before #16. The new dosing path must leave these
// results byte-identical.
const CASES: readonly [string, string][] = [
  ['simulate --events test/fixtures/events/ldn-morphine.csv --step-min 30', 'cd37c295981b8337bd69b02788aae600376a02c7dc939d81c6dedebe9a200923'],
  ['simulate --model one-compartment --events test/fixtures/events/one-compartment.csv --hours 60 --step-min 7', 'adf495ac59917fe3276a73f5531f093f628199a1e74130ad1cc0dc4efe0d9fbb'],
  ['simulate --events test/fixtures/events/ldn-titration.csv --step-min 60', '67d1e1b4fe032605b177569135669632d073d50541370dfa36f0c90f5f40b2ba'],
  ['simulate --dose 4.5 --at 22:00 --days 3', 'd80eb930824b42edd4255a0f58d51c904e3e7c54e2316f31df12865d5c959ebf'],
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
