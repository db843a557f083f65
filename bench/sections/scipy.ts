import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinModel } from '../../models/registry';
import { column } from '../../engine/result';
import { resolveParameters, simulate } from '../../engine/simulate';
import type { BenchSection, SectionResult } from '../section';
import { fmtMs } from '../timing';
import { dayCourse } from './simulate';

const SCRIPT = 'scipy_one_compartment.py';

/** bench/scipy_one_compartment.py, whether this runs from build/bench.js or from the sources. */
function scriptPath(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [resolve(here, '..', 'bench', SCRIPT), resolve(here, SCRIPT), resolve(here, '..', SCRIPT), resolve(process.cwd(), 'bench', SCRIPT)];
  return candidates.find((p) => existsSync(p));
}

/**
 * SciPy's LSODA on the same one-compartment day (same tolerances, same 5-min output grid), run by python3 if
 * it is installed: the ratio is the "≥ 20× faster than the usual Python route" claim of the README.
 */
export const scipySection: BenchSection = {
  id: 'scipy',
  title: 'Against SciPy (solve_ivp LSODA, rtol 1e-9, atol 1e-12, t_eval on the 5-min grid)',
  run(ctx): SectionResult {
    const skip = (why: string): SectionResult => ({ figures: {}, lines: [`skipped: ${why}`], notes: [`scipy comparison skipped: ${why}`] });
    const script = scriptPath();
    if (!script) return skip(`${SCRIPT} not found next to the bench`);
    const ours = ctx.figures['one_compartment_day_ms'];
    if (ours === undefined) return skip('the simulate section did not run (one_compartment_day_ms missing)');

    const model = builtinModel('one-compartment');
    const { values: p } = resolveParameters(model);
    if (p['tlag_h'] !== 0) return skip('the script models no absorption lag, and the default tlag_h is not 0');
    const course = dayCourse(model);
    const dose = course.events[0]!.amtMg;
    const args = [script, '--dose-mg', dose, '--f', p['f'], '--ka-per-h', p['ka_per_h'], '--cl-l-per-h', p['cl_l_per_h'], '--v-l', p['v_l'],
      '--end-h', course.endH, '--step-min', course.stepH * 60, '--warmup', ctx.reps(3, 1), '--reps', ctx.reps(30, 3)].map(String);
    const python = process.env['PYTHON'] ?? 'python3';
    const run = spawnSync(python, args, { encoding: 'utf8', timeout: 300_000 });
    if (run.error) return skip(`${python} not available (${(run.error as NodeJS.ErrnoException).code ?? run.error.message})`);
    if (run.status !== 0) {
      const err = run.stderr.trim().split('\n').pop() ?? '';
      return skip(/ModuleNotFoundError|ImportError/.test(run.stderr) ? `numpy/scipy not installed for ${python} (${err})` : `${python} ${SCRIPT} failed: ${err}`);
    }
    const py = JSON.parse(run.stdout) as { median_ms: number; min_ms: number; p95_ms: number; max_ms: number; n: number; rows: number; peak_conc_mg_per_l: number; final_conc_mg_per_l: number; scipy: string; python: string };

    // Same problem? Compare the curves' peak and final concentration.
    const r = simulate(model, course);
    const c = column(r, 'conc_mg_per_l');
    const peak = Math.max(...c);
    const notes: string[] = [];
    const dPeak = Math.abs(peak - py.peak_conc_mg_per_l) / peak;
    const dFinal = Math.abs(c[c.length - 1]! - py.final_conc_mg_per_l) / peak;
    if (py.rows !== r.timeH.length || dPeak > 1e-6 || dFinal > 1e-6) {
      notes.push(`scipy: results differ from ldn-sim (rows ${py.rows} vs ${r.timeH.length}, peak rel. diff ${dPeak.toExponential(2)}, final ${dFinal.toExponential(2)})`);
    }
    const speedup = py.median_ms / ours;
    const oursGenerated = ctx.figures['one_compartment_day_generated_ms'];
    const speedupGenerated = oursGenerated === undefined ? undefined : py.median_ms / oursGenerated;
    return {
      figures: {
        scipy_one_compartment_day_ms: py.median_ms, speedup_vs_scipy: speedup,
        ...(speedupGenerated === undefined ? {} : { speedup_vs_scipy_generated: speedupGenerated }),
      },
      stats: { scipy_one_compartment_day_ms: { n: py.n, min: py.min_ms, median: py.median_ms, p95: py.p95_ms, max: py.max_ms } },
      lines: [
        `${`SciPy ${py.scipy} (Python ${py.python}) LSODA, one-compartment 24 h`.padEnd(54)} median ${fmtMs(py.median_ms).padStart(10)}   min ${fmtMs(py.min_ms).padStart(10)}   p95 ${fmtMs(py.p95_ms).padStart(10)}   n ${py.n}`,
        `${'ldn-sim one-compartment 24 h'.padEnd(54)} median ${fmtMs(ours).padStart(10)}`,
        `speed-up: scipy_ms / ldn-sim_ms = ${speedup.toFixed(1)}× with closures (pages, widget)${speedup >= 20 ? '' : '  BELOW TARGET of ≥ 20×'}`,
        ...(speedupGenerated === undefined ? [] : [
          `${'ldn-sim one-compartment 24 h, generated JS (CLI)'.padEnd(54)} median ${fmtMs(oursGenerated!).padStart(10)}`,
          `speed-up: scipy_ms / ldn-sim_ms = ${speedupGenerated.toFixed(1)}× with generated JS (CLI, app)${speedupGenerated >= 20 ? '' : '  BELOW TARGET of ≥ 20×'}`,
        ]),
        `same curve: peak ${peak.toPrecision(6)} mg/L, relative difference ${dPeak.toExponential(1)} (final ${dFinal.toExponential(1)})`,
      ],
      notes,
    };
  },
};
