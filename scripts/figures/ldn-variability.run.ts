/**
 * Recomputes the derived numbers quoted in the `variability` sources of models/ldn.ts and in docs/model.md
 * ("Between-subject variability"): the model's population spreads after 100 mg against Bertolotti 1997, the PK
 * part of the 5 mg PET spread (which sets kp_brain's CV against Rabiner 2011) and the 6β-naltrexol half-lives the
 * entries imply. Prints only. Run: `npx vitest run --config scripts/figures/vitest.config.ts scripts/figures/ldn-variability`.
 */
import { it } from 'vitest';
import { builtinModel } from '../../models/registry';
import { simulatePopulationChunk, type PopulationRequest } from '../../engine/population';
import type { VariabilitySpec } from '../../engine/model/types';
import { ldn } from '../../models/ldn';

const model = builtinModel('ldn');
const declared = ldn.variability!;
const without = (...names: string[]) => declared.filter((v) => !names.includes(v.parameter));
const mean = (a: number[]) => a.reduce((s, x) => s + x, 0) / a.length;
const sd = (a: number[]) => { const m = mean(a); return Math.sqrt(a.reduce((s, x) => s + (x - m) ** 2, 0) / (a.length - 1)); };
const cv = (a: number[]) => sd(a) / mean(a);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const quantile = (a: number[], p: number) => { const s = [...a].sort((x, y) => x - y); const h = (s.length - 1) * p; const i = Math.floor(h); return s[i]! + (h - i) * ((s[Math.min(i + 1, s.length - 1)]! - s[i]!)); };

/** Per-subject statistics of a single dose: AUC0–24 of both analytes, 2-h ratio, peak mu blockade within 8 h. */
function population(variability: readonly VariabilitySpec[], doseMg: number, n: number) {
  const stepH = 0.05;
  const req: PopulationRequest = { events: [{ timeH: 0, drug: 'naltrexone', amtMg: doseMg }], endH: 24, stepH, n, seed: 1, variability, solver: { rtol: 1e-8, atol: 1e-12 } };
  const c = simulatePopulationChunk(model, req, 0, n);
  const col = (name: string) => c.columns.find((x) => x.name === name)!.values;
  const [nx, nl, mu] = [col('naltrexone_plasma_ng_per_ml'), col('naltrexol_plasma_ng_per_ml'), col('mu_blockade')];
  const nT = c.timeH.length;
  const auc = (v: Float64Array, s: number) => { let a = 0; for (let i = 1; i < nT; i++) a += 0.5 * stepH * (v[i * n + s]! + v[(i - 1) * n + s]!); return a; };
  const i2 = Math.round(2 / stepH), i8 = Math.round(8 / stepH);
  const out = { aucN: [] as number[], aucM: [] as number[], ratio2h: [] as number[], lnOddsPeak: [] as number[], redraws: c.redraws, parameters: c.parameters };
  for (let s = 0; s < n; s++) {
    out.aucN.push(auc(nx, s)); out.aucM.push(auc(nl, s));
    out.ratio2h.push(nl[i2 * n + s]! / nx[i2 * n + s]!);
    let m = 0; for (let i = 0; i <= i8; i++) m = Math.max(m, mu[i * n + s]!);
    out.lnOddsPeak.push(Math.log(m / (1 - m)));
  }
  return out;
}

it('prints the derivations of the ldn variability', () => {
  const n = 4000;
  const lines: string[] = [];
  // Bertolotti 1997, 100 mg, n = 7: CVs 97/200, 730/2467, 4.8/10.9.
  for (const [label, vars] of [['declared', declared], ['without v_app_naltrexol_l', without('v_app_naltrexol_l')]] as const) {
    const p = population(vars, 100, n);
    lines.push(`100 mg, ${label}: naltrexone AUC0–24 mean ${mean(p.aucN).toFixed(0)} CV ${pct(cv(p.aucN))} (Bertolotti 200, 48.5%); ` +
      `6β-naltrexol AUC0–24 mean ${mean(p.aucM).toFixed(0)} CV ${pct(cv(p.aucM))} (2467, 29.6%); 2-h ratio mean ${mean(p.ratio2h).toFixed(2)} ` +
      `CV ${pct(cv(p.ratio2h))} (10.9, 44.0%); redraws per subject ${vars.map((v, k) => `${v.parameter} ${pct(p.redraws[k]! / n)}`).join(', ')}`);
    if (label === 'declared') {
      // 6β-naltrexol half-life of each subject: ln 2 · V/fm / (CL/fm).
      const kc = vars.findIndex((v) => v.parameter === 'cl_app_naltrexol_l_per_h'), kv = vars.findIndex((v) => v.parameter === 'v_app_naltrexol_l');
      const th = Array.from({ length: n }, (_, s) => Math.LN2 * p.parameters[s * vars.length + kv]! / p.parameters[s * vars.length + kc]!);
      lines.push(`  6β-naltrexol t½ 5th / 50th / 95th percentile: ${[0.05, 0.5, 0.95].map((q) => quantile(th, q).toFixed(1)).join(' / ')} h`);
    }
  }
  // Rabiner 2011, 5 mg: 43, 46, 58% → SD of ln odds; the PK part with kp_brain fixed; the remainder is kp_brain's ω.
  const pet = [0.43, 0.46, 0.58].map((o) => Math.log(o / (1 - o)));
  const pk = population(without('kp_brain'), 5, n);
  const sdPk = sd(pk.lnOddsPeak);
  const omega = Math.sqrt(sd(pet) ** 2 - sdPk ** 2);
  lines.push(`5 mg PET: SD ln odds published ${sd(pet).toFixed(3)}; PK entries alone ${sdPk.toFixed(3)}; kp_brain ω ${omega.toFixed(3)} → CV ${pct(Math.sqrt(Math.expm1(omega ** 2)))}`);
  const all = population(declared, 5, n);
  lines.push(`5 mg, declared: SD ln odds ${sd(all.lnOddsPeak).toFixed(3)}; peak mu blockade 5th / 50th / 95th percentile ` +
    [0.05, 0.5, 0.95].map((q) => pct(1 / (1 + Math.exp(-quantile(all.lnOddsPeak, q))))).join(' / ') + ' (Rabiner: 43, 46, 58%)');
  for (const dose of [2, 15, 50]) {
    const d = population(declared, dose, 1000);
    lines.push(`${dose} mg, declared: peak mu blockade 5th / 50th / 95th percentile ` +
      [0.05, 0.5, 0.95].map((q) => pct(1 / (1 + Math.exp(-quantile(d.lnOddsPeak, q))))).join(' / '));
  }
  console.log(lines.join('\n'));
}, 600_000);
