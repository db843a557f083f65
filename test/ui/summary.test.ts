import { describe, expect, it } from 'vitest';
import type { SimulationResult } from '../../engine/result';
import { MODEL_VIEWS, chartsFor, fallbackView } from '../../ui/chart-config';
import { clockAt, formatValue } from '../../ui/format';
import { phaseAt } from '../../ui/phases';
import { receptorStateAt } from '../../ui/receptor-state';
import { summarizeChart } from '../../ui/summary';
import { oneCompartment } from '../../models/one-compartment';

/**
 * A synthetic ldn-like day on a 6-minute grid, dose at 22:00: blockade rises to 60% at 1 h, decays with a
 * 3 h half-life; opioid tone dips to 0.5 during the blockade and overshoots to 1.2 at 18 h.
 */
function ldnDay(): SimulationResult {
  const n = 241;
  const timeH = Float64Array.from({ length: n }, (_, i) => i * 0.1);
  const blockade = timeH.map((t) => (t < 1 ? 0.6 * t : 0.6 * 0.5 ** ((t - 1) / 3)));
  const tone = timeH.map((t) => 1 - 0.5 * Math.exp(-(((t - 2) / 2) ** 2)) + 0.2 * Math.exp(-(((t - 18) / 3) ** 2)));
  const ntx = timeH.map((t) => 1.2 * t * Math.exp(1 - t));
  const nol = timeH.map((t) => 10 * (1 - Math.exp(-t)) * Math.exp(-t / 12));
  const col = (name: string, values: Float64Array) => ({ name, unit: '1', label: name, values });
  return {
    timeH,
    columns: [
      col('naltrexone_plasma_ng_per_ml', ntx), col('naltrexol_plasma_ng_per_ml', nol), col('mu_blockade', blockade),
      col('kappa_blockade', blockade.map((b) => b * 0.6)), col('endorphin_rel', tone.map(() => 1)), col('mu_density_rel', tone.map(() => 1.1)),
      col('opioid_tone_rel', tone), col('tlr4_inhibition', ntx.map((c) => c * 1e-4)),
    ],
    meta: { modelId: 'ldn', modelVersion: '1', parameters: { endo_mu_occupancy_baseline: 0.1 }, presets: {}, events: [{ timeH: 0, drug: 'naltrexone', amtMg: 4.5 }],
      startClockH: 22, solver: { rtol: 1e-9, atol: [], maxSteps: 1 } as unknown as SimulationResult['meta']['solver'], stats: { segments: 1, steps: 1, accepted: 1, rejected: 0, evaluations: 1 }, diagnostics: [], ok: true },
  };
}

const view = MODEL_VIEWS['ldn']!;

describe('chart summaries', () => {
  it('the blockade summary gives the peak and its clock time, and when it cleared below 10%', () => {
    const blockade = chartsFor(view, ldnDay()).find((c) => c.id === 'blockade')!;
    const text = summarizeChart(blockade, ldnDay());
    // Peak 60% at 1 h = 23:00; below 10% when 0.6·0.5^((t−1)/3) < 0.1 → t > 1 + 3·log2(6) = 8.75 h → 06:48 (grid 06:48).
    expect(text).toMatch(/^Peak mu blockade 60% at 23:00 \(day 1\); cleared below 10% by 06:48 \(day 2\)\./);
    expect(text).toMatch(/Kappa blockade peaks at 36%/);
  });

  it('the rebound summary gives the trough and the rebound peak above baseline', () => {
    const c = chartsFor(view, ldnDay()).find((x) => x.id === 'adaptation')!;
    const text = summarizeChart(c, ldnDay());
    expect(text).toMatch(/^Opioid tone is lowest at 0\.5× at 00:00 \(day 2\); the rebound peaks at 1\.2× at 16:00 \(day 2\)/);
  });

  it('agonist series are dropped when the result has no agonist columns', () => {
    const charts = chartsFor(view, ldnDay());
    expect(charts.flatMap((c) => c.series.map((s) => s.column))).not.toContain('agonist_mu_occupancy');
    expect(charts.map((c) => c.id)).toEqual(['plasma', 'blockade', 'adaptation', 'tlr4']);
  });

  it('an unknown model gets one chart per output', () => {
    const v = fallbackView({ ...oneCompartment, id: 'custom' });
    expect(v.charts.map((c) => c.series[0]!.column)).toEqual(oneCompartment.outputs.map((o) => o.name));
    expect(v.mainDrug).toBe('drug');
  });

  it('formats values with units and clock times with the calendar day', () => {
    expect(formatValue(52.4, '%')).toBe('52%');
    expect(formatValue(0.0271, '%')).toBe('0.027%');
    expect(formatValue(1.234, 'ng/mL')).toBe('1.23 ng/mL');
    expect(clockAt(9.5, 22)).toBe('07:30 (day 2)');
  });
});

describe('phases and receptors', () => {
  it('names absorption right after the dose, blockade at the peak, clearance on the way down, rebound when tone is above baseline, then baseline', () => {
    const r = ldnDay();
    expect(phaseAt(r, view, 1)).toBe('blockade');
    // 5 h: blockade 0.6·0.5^(4/3) = 24%, falling: clearance. 7 h: 15% with receptor density at 1.1: rebound.
    expect(phaseAt(r, view, 5)).toBe('clearance');
    expect(phaseAt(r, view, 7)).toBe('rebound');
    expect(phaseAt(r, view, 18)).toBe('rebound');
    expect(phaseAt(r, view, 0)).toBe('absorption');
    // Nothing raised and the blocker gone: baseline.
    const flat = { ...r, columns: r.columns.map((c) => (c.name === 'mu_density_rel' || c.name === 'opioid_tone_rel' ? { ...c, values: c.values.map(() => 1) } : c)) };
    expect(phaseAt(flat, view, 24)).toBe('baseline');
    expect(phaseAt(flat, view, 7)).toBe('clearance');
  });

  it('the receptor picture splits the blockade between naltrexone and 6β-naltrexol and counts endorphin-bound receptors', () => {
    const s = receptorStateAt(ldnDay(), view, 1)!;
    expect(s.naltrexone + s.naltrexol).toBeCloseTo(0.6, 6);
    expect(s.naltrexone).toBeGreaterThan(s.naltrexol);
    expect(s.density).toBeCloseTo(1.1);
    // Competitive binding: endorphins take e0/(1−e0)·E/(1+…) of the free 40%: 0.4·(1/9)/(1+1/9) = 0.04.
    expect(s.endorphin).toBeCloseTo(0.04, 6);
    const baseline = receptorStateAt(ldnDay(), view, 24)!;
    expect(baseline.endorphin).toBeGreaterThan(0.05);
  });
});

describe('blockade summary with daily doses', () => {
  it('describes the first dosing interval, then the highest blockade of the whole run', () => {
    // Two daily doses at 22:00: blockade 0.4·e^(−t/4) after each (the second adds to what is left).
    const n = 481;
    const timeH = Float64Array.from({ length: n }, (_, i) => i * 0.1);
    const b = timeH.map((t) => 0.4 * Math.exp(-t / 4) + (t >= 24 ? 0.4 * Math.exp(-(t - 24) / 4) : 0));
    const r = {
      timeH,
      columns: [{ name: 'mu_blockade', unit: 'fraction', label: 'mu', values: b }],
      meta: { events: [{ timeH: 0, drug: 'naltrexone', amtMg: 4.5, iiH: 24, addl: 1 }], startClockH: 22, parameters: {} },
    } as unknown as SimulationResult;
    const cfg = chartsFor(view, r).find((c) => c.id === 'blockade')!;
    // 0.4·e^(−t/4) < 0.1 once t > 4·ln 4 = 5.545 h → grid 5.6 h = 03:36 (day 2).
    expect(summarizeChart(cfg, r)).toBe('After the first dose, peak mu blockade 40% at 22:00 (day 1); cleared below 10% by 03:36 (day 2). Highest over the whole run 40% at 22:00 (day 2).');
  });
});
