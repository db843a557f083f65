/**
 * Generates the validation figures of docs/model.md (docs/img/ldn-*.svg) from the engine and the `ldn` model.
 * Run: `npx vitest run --config scripts/figures/vitest.config.ts`. Published figures are drawn as markers with
 * their citation in the legend; model curves as lines.
 */
import { writeFileSync, mkdirSync, readFileSync, existsSync } from 'node:fs';
import { it } from 'vitest';
import { builtinModel } from '../../models/registry';
import { simulate, type SimulationRequest } from '../../engine/simulate';
import { daily, combine, type DoseEvent } from '../../engine/dosing';
import { column } from '../../engine/result';
import { svgChart, type Series } from './svg';
import { ldn } from '../../models/ldn';
import { leeRange } from '../../models/ldn-evidence';

const OUT = new URL('../../docs/img/', import.meta.url);
const model = builtinModel('ldn');
const C = { blue: '#1f5fa8', orange: '#d55e00', green: '#009e73', purple: '#7b3294', grey: '#555555', red: '#c0392b' };
const run = (events: DoseEvent[], endH: number, stepH: number, extra: Partial<SimulationRequest> = {}) => {
  const r = simulate(model, { events, endH, stepH, ...extra });
  if (!r.meta.ok) throw new Error(r.meta.diagnostics.join('; '));
  return r;
};
const one = (amtMg: number, drug = 'naltrexone', timeH = 0): DoseEvent[] => [{ timeH, drug, amtMg }];
const write = (name: string, svg: string) => writeFileSync(new URL(name, OUT), svg);
const pct = (a: Float64Array) => Array.from(a, (v) => 100 * v);

/** Rewrites the parameter and variability tables of docs/model.md (between their markers) from models/ldn.ts. */
function parameterTable(): void {
  const file = new URL('../model.md', OUT);
  if (!existsSync(file)) return;
  const cell = (x: string) => x.replace(/\|/g, '\\|');
  const rows = ldn.parameters.map((p) => `| \`${p.name}\` | ${p.value} | ${p.unit} | ${p.range ? `${p.range[0]}–${p.range[1]}` : ''} | ` +
    `${cell(p.label)} | ${p.assumption ? '*assumption* — ' : ''}${cell(p.source)} |`);
  const table = ['| name | value | unit | range | meaning | source |', '|---|---|---|---|---|---|', ...rows].join('\n');
  const vrows = (ldn.variability ?? []).map((v) => `| \`${v.parameter}\` | ${v.cvPercent}% | ${v.assumption ? '*assumption* — ' : ''}${cell(v.source)} |`);
  const vtable = ['| parameter | CV | source |', '|---|---|---|', ...vrows].join('\n');
  const md = readFileSync(file, 'utf8');
  const out = md.replace(/<!-- params:start -->[\s\S]*<!-- params:end -->/, `<!-- params:start -->\n${table}\n<!-- params:end -->`)
    .replace(/<!-- variability:start -->[\s\S]*<!-- variability:end -->/, `<!-- variability:start -->\n${vtable}\n<!-- variability:end -->`);
  writeFileSync(file, out);
}

it('writes the ldn figures and the parameter and variability tables', () => {
  parameterTable();
  mkdirSync(OUT, { recursive: true });

  // 1. PK after 50 mg against the published means.
  const r50 = run(one(50), 48, 0.05);
  write('ldn-pk-50mg.svg', svgChart({
    title: 'Plasma levels after one 50 mg tablet (naltrexone HCl)', xLabel: 'hours after the dose', yLabel: 'ng/mL',
    series: [
      { name: 'naltrexone (model)', x: r50.timeH, y: column(r50, 'naltrexone_plasma_ng_per_ml'), color: C.blue },
      { name: '6β-naltrexol (model)', x: r50.timeH, y: column(r50, 'naltrexol_plasma_ng_per_ml'), color: C.orange, dash: '6 3' },
    ],
    markers: [
      { name: 'Cmax naltrexone 13.3 (Meyer 1984)', points: [{ x: 1, y: 13.3 }], color: C.blue },
      { name: 'Cmax 6β-naltrexol 108 (PI)', points: [{ x: 1, y: 108 }], color: C.orange, shape: 'square' },
    ],
  }));

  // 2. Dose–occupancy against PET.
  const doses = [0.5, 0.75, 1, 1.5, 2, 3, 4.5, 5, 7, 10, 15, 20, 30, 50, 75, 100];
  const peakOf = (blockade: string) => doses.map((d) => Math.max(...column(run(one(d), 8, 0.05, { presets: { blockade } }), 'mu_pet_occupancy')) * 100);
  const peaks = peakOf('brief');
  const peaksLong = peakOf('long');
  const pet = [[2, 27], [5, 43], [5, 46], [5, 58], [15, 61], [50, 92], [50, 98]] as const;
  write('ldn-pet-occupancy.svg', svgChart({
    title: 'Peak PET-read mu occupancy within 8 h of one dose vs PET', xLabel: 'dose, mg naltrexone HCl (log scale)', yLabel: 'mu occupancy, %',
    xLog: true, xRange: [0.5, 100], yRange: [0, 100],
    series: [{ name: 'model, brief', x: doses, y: peaks, color: C.blue }, { name: 'model, long', x: doses, y: peaksLong, color: C.green, dash: '6 3' }],
    markers: [{ name: 'PET (Rabiner 2011)', points: pet.map(([x, y]) => ({ x, y, lo: y - 15, hi: Math.min(100, y + 15) })), color: C.orange }],
  }));

  // 3. Duration after 50 mg under both calibrations, against Lee 1988 (derived from its 72–108 h half-time).
  const after50 = (blockade: string) => run(one(50), 170, 0.25, { presets: { blockade } });
  const base = after50('brief');
  const longRun = after50('long');
  const naltrexone = column(base, 'naltrexone_plasma_ng_per_ml');
  const peakN = Math.max(...naltrexone);
  write('ldn-50mg-duration.svg', svgChart({
    title: 'After one 50 mg dose: the two calibrations vs human PET', xLabel: 'hours after the dose', yLabel: '% (occupancy) or % of peak (plasma)',
    yRange: [0, 100],
    series: [
      { name: 'PET-read occupancy, long', x: longRun.timeH, y: pct(column(longRun, 'mu_pet_occupancy')), color: C.green },
      { name: 'PET-read occupancy, brief', x: base.timeH, y: pct(column(base, 'mu_pet_occupancy')), color: C.blue, dash: '8 3' },
      { name: 'plasma naltrexone, % of peak', x: base.timeH, y: Array.from(naltrexone, (v) => (100 * v) / peakN), color: C.orange, dash: '6 3' },
    ],
    markers: [{
      name: 'Lee 1988 (derived from the 72–108 h half-time)',
      points: [48, 72, 168].map((h) => { const [lo, hi] = leeRange(h); return { x: h, y: 50 * (lo + hi), lo: 100 * lo, hi: 100 * hi }; }),
      color: C.red, shape: 'square',
    }],
  }));

  // 4. LDN 4.5 mg at 22:00 for 28 days: first days and last days.
  const days = 28;
  const ldn = run(daily({ drug: 'naltrexone', amtMg: 4.5, days }), 24 * days, 0.1, { startClockH: 22 });
  const slice = (name: string, fromH: number, toH: number): { x: number[]; y: number[] } => {
    const x: number[] = [];
    const y: number[] = [];
    const c = column(ldn, name);
    ldn.timeH.forEach((t, i) => { if (t >= fromH && t <= toH) { x.push(t - fromH); y.push(c[i]!); } });
    return { x, y };
  };
  const panel = (fromH: number, label: string) => {
    const s = (name: string, title: string, color: string, dash?: string, scale = 1): Series => {
      const d = slice(name, fromH, fromH + 72);
      return { name: title, x: d.x, y: d.y.map((v) => v * scale), color, ...(dash ? { dash } : {}) };
    };
    // sleep windows 23:00–07:00 = 1–9 h after each 22:00 dose
    const bands = [0, 1, 2].map((k) => ({ from: 24 * k + 1, to: 24 * k + 9, label: 'sleep 23:00–07:00' }));
    return svgChart({
      title: `4.5 mg at 22:00 daily, ${label}`, xLabel: 'hours since the first 22:00 dose shown', yLabel: 'fraction / relative to baseline',
      yRange: [0, 1.3], bands,
      series: [
        s('mu_blockade', 'mu blockade', C.blue),
        s('opioid_tone_rel', 'opioid tone', C.red, '6 3'),
        s('mu_density_rel', 'mu receptor density', C.green, '2 3'),
        s('endorphin_rel', 'endorphin level', C.purple, '8 3 2 3'),
      ],
    });
  };
  write('ldn-daily-first-days.svg', panel(0, 'days 1–3'));
  write('ldn-daily-steady-state.svg', panel(24 * (days - 3), `days ${days - 2}–${days}`));

  // 5. Standard dose 50 mg daily.
  const std = run(daily({ drug: 'naltrexone', amtMg: 50, days: 14 }), 24 * 21, 0.25);
  write('ldn-50mg-daily.svg', svgChart({
    title: '50 mg daily for 14 days, then stopped', xLabel: 'days', yLabel: 'fraction / relative to baseline', yRange: [0, 2],
    series: [
      { name: 'mu blockade', x: Array.from(std.timeH, (t) => t / 24), y: column(std, 'mu_blockade'), color: C.blue },
      { name: 'opioid tone', x: Array.from(std.timeH, (t) => t / 24), y: column(std, 'opioid_tone_rel'), color: C.red, dash: '6 3' },
      { name: 'mu receptor density', x: Array.from(std.timeH, (t) => t / 24), y: column(std, 'mu_density_rel'), color: C.green, dash: '2 3' },
    ],
  }));

  // 6. Hepatic presets.
  const hep = ['none', 'compensated-cirrhosis', 'decompensated-cirrhosis'].map((h) => run(one(50), 24, 0.05, { presets: { hepatic: h } }));
  write('ldn-hepatic.svg', svgChart({
    title: 'Plasma naltrexone after 50 mg by liver function', xLabel: 'hours after the dose', yLabel: 'ng/mL',
    series: [
      { name: 'healthy', x: hep[0]!.timeH, y: column(hep[0]!, 'naltrexone_plasma_ng_per_ml'), color: C.blue },
      { name: 'compensated cirrhosis (×5)', x: hep[1]!.timeH, y: column(hep[1]!, 'naltrexone_plasma_ng_per_ml'), color: C.orange, dash: '6 3' },
      { name: 'decompensated (×10)', x: hep[2]!.timeH, y: column(hep[2]!, 'naltrexone_plasma_ng_per_ml'), color: C.red, dash: '2 3' },
    ],
  }));

  // 7. Morphine 30 mg every 6 h for 14 days, then 50 mg naltrexone after 6 h, 1 day or 7 days.
  const morphine: DoseEvent[] = [{ timeH: 0, drug: 'morphine', amtMg: 30, iiH: 6, addl: 4 * 14 - 1 }];
  const last = 6 * (4 * 14 - 1);
  const series: Series[] = [];
  const colors = [C.red, C.orange, C.blue];
  [0.25, 1, 7].forEach((d, k) => {
    const t0 = last + 24 * d;
    const r = run(combine(morphine, one(50, 'naltrexone', t0)), t0 + 12, 0.1);
    const x: number[] = [];
    const occ: number[] = [];
    const tone: number[] = [];
    r.timeH.forEach((t, i) => { if (t >= t0 - 2) { x.push(t - t0); occ.push(column(r, 'agonist_mu_occupancy')[i]!); tone.push(column(r, 'opioid_tone_rel')[i]!); } });
    const label = d < 1 ? '6 h' : `${d} d`;
    series.push({ name: `agonist occupancy, ${label}`, x, y: occ, color: colors[k]! });
    series.push({ name: `opioid tone, ${label}`, x, y: tone, color: colors[k]!, dash: '6 3' });
  });
  write('ldn-agonist-washout.svg', svgChart({
    title: '50 mg naltrexone after 2 weeks of morphine 30 mg q6h', xLabel: 'hours after the naltrexone dose (given 6 h, 1 d or 7 d after the last morphine)',
    yLabel: 'fraction / relative to baseline', yRange: [0, 1.1], width: 900, series,
  }));
});
