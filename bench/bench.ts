/**
 * `npm run bench [-- --json] [-- --quick] [-- --only simulate,expr]`: timings of the engine, the expression
 * evaluation options and a comparison with SciPy. Every figure is a median after warm-up; min, p95 and n are
 * shown beside it. Section code lives in `bench/sections/` (see `bench/sections/index.ts`).
 *
 * `--json` prints exactly one JSON object on stdout: the flat headline figures (e.g. `one_compartment_day_ms`,
 * `ldn_day_ms`, `speedup_vs_scipy`), then `stats` (n/min/median/p95/max per timing), `notes` and `meta`.
 * Timings are never asserted in tests; they depend on the machine.
 */
import { cpus } from 'node:os';
import { SECTIONS } from './sections/index';
import type { BenchContext } from './section';
import type { Timing } from './timing';

const USAGE = `usage: npm run bench -- [--json] [--quick] [--only ID[,ID...]]
  --json    print one JSON object on stdout and nothing else
  --quick   few repetitions (rough figures; for tests of the report)
  --only    run these sections only: ${SECTIONS.map((s) => s.id).join(', ')}`;

export async function main(argv: readonly string[]): Promise<number> {
  let json = false;
  let quick = false;
  let only: string[] | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') json = true;
    else if (a === '--quick') quick = true;
    else if (a === '--only' || a.startsWith('--only=')) {
      const v = a === '--only' ? argv[++i] : a.slice('--only='.length);
      only = (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      const unknown = only.filter((id) => !SECTIONS.some((s) => s.id === id));
      if (unknown.length || only.length === 0) {
        process.stderr.write(`bench: --only: unknown section ${unknown.join(', ') || '(none given)'}; expected one of ${SECTIONS.map((s) => s.id).join(', ')}\n`);
        return 2;
      }
    } else if (a === '--help' || a === '-h') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    } else {
      process.stderr.write(`bench: unknown option ${JSON.stringify(a)}\n${USAGE}\n`);
      return 2;
    }
  }

  const figures: Record<string, number> = {};
  const stats: Record<string, Timing> = {};
  const notes: string[] = [];
  const ctx: BenchContext = { quick, figures, reps: (full, q) => (quick ? q : full) };
  const say = (s: string) => { if (!json) process.stdout.write(`${s}\n`); };
  const started = performance.now();

  say(`ldn-sim bench${quick ? ' (--quick: rough figures)' : ''}: Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}`);
  for (const section of SECTIONS) {
    if (only && !only.includes(section.id)) continue;
    say(`\n## ${section.title}`);
    const r = await section.run(ctx);
    Object.assign(figures, r.figures);
    Object.assign(stats, r.stats ?? {});
    notes.push(...(r.notes ?? []));
    for (const line of r.lines) say(line);
  }
  if (notes.length) {
    say('\nNotes:');
    for (const n of notes) say(`- ${n}`);
  }
  const meta = {
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    quick,
    date: new Date().toISOString(),
    total_s: (performance.now() - started) / 1000,
  };
  if (json) process.stdout.write(`${JSON.stringify({ ...figures, stats, notes, meta }, null, 2)}\n`);
  else say(`\ndone in ${meta.total_s.toFixed(1)} s`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`bench: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  return 1;
});
