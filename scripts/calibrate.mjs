#!/usr/bin/env node
// `npm run calibrate`: reruns the calibration of the `ldn` model through `ldn-sim fit` (docs/fitting.md) and
// checks that it reproduces the values in models/ldn.ts within the tolerances of models/data/ldn-calibration.json.
// Prints one line per parameter; exit status 1 if any value is outside its tolerance. Needs the built CLI
// (`npm run build:node`, run by the npm script).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const DATA = join(ROOT, 'models', 'data');
const BIN = join(ROOT, 'bin', 'ldn-sim.js');
const manifest = JSON.parse(readFileSync(join(DATA, 'ldn-calibration.json'), 'utf8'));

const cli = (args) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  if (r.status !== 0) {
    process.stderr.write(`ldn-sim ${args.join(' ')}\n${r.stderr}`);
    process.exit(r.status ?? 1);
  }
  return r;
};
const model = JSON.parse(cli(['model', manifest.model, '--json']).stdout);
// The model's value of a parameter under the step's presets (e.g. the `long` blockade calibration's own values).
const valueOf = (name, presets = {}) => {
  for (const [group, option] of Object.entries(presets)) {
    const opt = model.presets.find((g) => g.name === group).options.find((o) => o.name === option);
    if (name in opt.parameters) return opt.parameters[name];
  }
  return model.parameters.find((p) => p.name === name).value;
};
const dir = mkdtempSync(join(tmpdir(), 'ldn-sim-calibrate-'));
let bad = 0;
try {
  for (const step of manifest.steps) {
    const out = join(dir, 'fit.json');
    const args = ['fit', '--model', manifest.model, '--observations', join(DATA, step.observations), '--estimate', step.estimate.join(','),
      '--error', step.error, '--out', out];
    for (const [k, v] of Object.entries({ ...(step.params ?? {}), ...step.start })) args.push('--param', `${k}=${v}`);
    for (const [k, v] of Object.entries(step.presets ?? {})) args.push(`--${k}`, v);
    const started = Date.now();
    const r = cli(args);
    const fit = JSON.parse(readFileSync(out, 'utf8'));
    console.log(`\n${step.name} (${step.observations}, ${fit.n_observations} observations, objective ${fit.objective.toPrecision(4)}, ` +
      `${fit.convergence.reason}, ${fit.convergence.model_evaluations} model runs, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    if (r.stderr) process.stdout.write(r.stderr.replace(/^/gm, '  '));
    for (const e of fit.estimates) {
      const model = valueOf(e.name, step.presets);
      const dev = (e.estimate - model) / model;
      const tol = step.tolerance[e.name];
      const ok = Math.abs(dev) <= tol;
      if (!ok) bad++;
      const ci = e.ci95_lower === null ? 'no CI' : `95% CI ${e.ci95_lower.toPrecision(3)}–${e.ci95_upper.toPrecision(3)}`;
      console.log(`  ${ok ? 'ok ' : 'BAD'} ${e.name.padEnd(26)} fit ${e.estimate.toPrecision(4).padStart(8)} ${e.unit.padEnd(4)} (${ci})  model ${String(model).padStart(6)}  ` +
        `${(100 * dev).toFixed(1).padStart(5)}% (tolerance ±${100 * tol}%)`);
    }
    for (const res of fit.residuals) {
      console.log(`      ${res.output.padEnd(36)} ${String(res.group).padEnd(6)} observed ${String(res.observed).padStart(6)}  fitted ${res.predicted.toPrecision(4).padStart(7)}`);
    }
    if (step.checks) {
      // Must-hold figures, not fitted: evaluated at this step's fitted values (`fit --evaluate`).
      const checkArgs = ['fit', '--model', manifest.model, '--observations', join(DATA, step.checks.observations), '--estimate', step.estimate.join(','),
        '--evaluate', '--out', out];
      for (const [k, v] of Object.entries(step.params ?? {})) checkArgs.push('--param', `${k}=${v}`);
      for (const e of fit.estimates) checkArgs.push('--param', `${e.name}=${e.estimate}`);
      for (const [k, v] of Object.entries(step.presets ?? {})) checkArgs.push(`--${k}`, v);
      cli(checkArgs);
      const checked = JSON.parse(readFileSync(out, 'utf8'));
      console.log(`  must hold (${step.checks.observations}, not fitted, at the fitted values):`);
      checked.residuals.forEach((res, i) => {
        const [lo, hi] = step.checks.ranges[i];
        const ok = (lo === null || res.predicted >= lo) && (hi === null || res.predicted <= hi);
        if (!ok) bad++;
        console.log(`  ${ok ? 'ok ' : 'BAD'} ${res.output.padEnd(36)} ${String(res.group).padEnd(6)} ${res.predicted.toPrecision(4).padStart(7)} in [${lo ?? '−∞'}, ${hi ?? '∞'}]`);
      });
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(bad ? `\n${bad} value(s) outside their tolerance or range: the model no longer reproduces its calibration` : '\nevery calibrated value is reproduced within its tolerance, every must-hold figure within its range');
process.exit(bad ? 1 : 0);
