import type { ModelSpec } from '../engine/model/types';
import type { SimulationResult } from '../engine/result';
import { LINE, SERIES_COLORS, SERIES_DASHES } from './palette';
import { CHART_STRINGS as STRINGS } from './chart-strings';
import { modelText } from './i18n/model-text';

/** One line on a chart: a result column and how to draw it. */
export interface SeriesConfig {
  /** Result column name, e.g. `mu_blockade`. */
  readonly column: string;
  /** Legend label; default: the column's label from the model. */
  readonly label?: string;
  /** Stroke colour. */
  readonly color: string;
  /** SVG dash pattern; '' for solid. */
  readonly dash: string;
}

/** How a chart summarises its results in words (see `summary.ts`). */
export type SummaryKind = 'peak' | 'blockade' | 'rebound';

/** One chart: which columns it shows and how. Knows nothing about drawing. */
export interface ChartConfig {
  readonly id: string;
  readonly title: string;
  readonly series: readonly SeriesConfig[];
  /** Unit shown on the axis; `%` scales fractions by 100. */
  readonly unit: string;
  /** Multiply values by this for display (100 for fractions shown as %). Default 1. */
  readonly scale?: number;
  /** A reference line (e.g. 1 = baseline for relative levels), in column units. */
  readonly baseline?: number;
  /** Fixed y domain in column units; default: from the data (and 0). */
  readonly yDomain?: readonly [number, number];
  /** Offer a logarithmic y axis (a switch on the chart), e.g. to read 4.5 and 50 mg concentrations together. */
  readonly logScale?: boolean;
  readonly summary: SummaryKind;
}

/** Which columns the receptor diagram reads; missing ones are treated as absent. */
export interface ReceptorColumns {
  readonly blockade: string;
  readonly naltrexone?: string;
  readonly naltrexol?: string;
  /**
   * Weights per unit of plasma concentration used to split the total blockade between naltrexone and
   * 6β-naltrexol in the picture (the model reports the total only), from the run's parameter values.
   */
  readonly splitWeights?: (params: Readonly<Record<string, number>>) => readonly [number, number];
  /** Parameter holding the fraction of mu receptors bound by endogenous opioids at baseline. */
  readonly endorphinOccupancyParam?: string;
  readonly endorphin?: string;
  readonly density?: string;
  readonly agonistOccupancy?: string;
}

/** The view of one model: its main drug, its optional agonist and its charts. */
export interface ModelView {
  /** Drug dosed by the dose slider. */
  readonly mainDrug: string;
  /** Agonist drug for the co-medication control, when the model has one. */
  readonly agonistDrug?: string;
  readonly charts: readonly ChartConfig[];
  readonly receptor?: ReceptorColumns;
}

/**
 * The chart configuration table, per model id. A model not listed here gets one chart per output
 * (`fallbackView`), so a researcher's model plots without any code change.
 */
export const MODEL_VIEWS: Readonly<Record<string, ModelView>> = {
  ldn: {
    mainDrug: 'naltrexone',
    agonistDrug: 'morphine',
    charts: [
      {
        id: 'plasma', get title() { return STRINGS.charts.plasma; }, unit: 'ng/mL', summary: 'peak', logScale: true,
        series: [
          { column: 'naltrexone_plasma_ng_per_ml', get label() { return STRINGS.series.naltrexone; }, color: LINE.vermillion, dash: '' },
          { column: 'naltrexol_plasma_ng_per_ml', get label() { return STRINGS.series.naltrexol; }, color: LINE.orange, dash: '7 3' },
          { column: 'agonist_plasma_ng_per_ml', get label() { return STRINGS.series.morphine; }, color: LINE.purple, dash: '2 3' },
        ],
      },
      {
        id: 'blockade', get title() { return STRINGS.blockade.blockadeTitle; }, unit: '%', scale: 100, yDomain: [0, 1], summary: 'blockade',
        series: [
          { column: 'mu_blockade', get label() { return STRINGS.series.muBlockade; }, color: LINE.blue, dash: '' },
          { column: 'mu_pet_occupancy', get label() { return STRINGS.blockade.petSeries; }, color: LINE.ink, dash: '1 3' },
          { column: 'kappa_blockade', get label() { return STRINGS.series.kappaBlockade; }, color: LINE.sky, dash: '7 3' },
          { column: 'agonist_mu_occupancy', get label() { return STRINGS.series.muMorphine; }, color: LINE.purple, dash: '2 3' },
        ],
      },
      {
        id: 'adaptation', get title() { return STRINGS.charts.adaptation; }, unit: '× baseline', baseline: 1, summary: 'rebound',
        series: [
          { column: 'opioid_tone_rel', get label() { return STRINGS.series.tone; }, color: LINE.ink, dash: '' },
          { column: 'endorphin_rel', get label() { return STRINGS.series.endorphin; }, color: LINE.green, dash: '7 3' },
          { column: 'mu_density_rel', get label() { return STRINGS.series.density; }, color: LINE.blue, dash: '2 3' },
        ],
      },
      {
        id: 'tlr4', get title() { return STRINGS.blockade.tlr4Title; }, unit: '%', scale: 100, summary: 'peak',
        series: [{ column: 'tlr4_inhibition', get label() { return STRINGS.series.tlr4; }, color: LINE.purple, dash: '' }],
      },
    ],
    receptor: {
      blockade: 'mu_blockade',
      naltrexone: 'naltrexone_plasma_ng_per_ml',
      naltrexol: 'naltrexol_plasma_ng_per_ml',
      endorphin: 'endorphin_rel',
      density: 'mu_density_rel',
      agonistOccupancy: 'agonist_mu_occupancy',
      // Unbound concentration / Ki, times relative brain access (the model's own parameters).
      splitWeights: (p) => [
        (p['fu_naltrexone'] ?? 0.79) / ((p['mw_naltrexone_base'] ?? 341.41) * (p['ki_naltrexone_mu_nm'] ?? 1)),
        ((p['fu_naltrexol'] ?? 0.79) * (p['kp_naltrexol_rel'] ?? 0.1)) / ((p['mw_naltrexol'] ?? 343.42) * (p['ki_naltrexol_mu_nm'] ?? 2.12)),
      ],
      endorphinOccupancyParam: 'endo_mu_occupancy_baseline',
    },
  },
  'one-compartment': {
    mainDrug: 'drug',
    charts: [
      {
        id: 'conc', get title() { return STRINGS.charts.conc; }, unit: 'ng/mL', scale: 1000, summary: 'peak', logScale: true,
        series: [{ column: 'conc_mg_per_l', get label() { return STRINGS.series.concentration; }, color: LINE.vermillion, dash: '' }],
      },
      {
        id: 'amounts', get title() { return STRINGS.charts.amounts; }, unit: 'mg', summary: 'peak',
        series: [
          { column: 'amount_gut_mg', get label() { return STRINGS.series.gut; }, color: LINE.orange, dash: '7 3' },
          { column: 'amount_central_mg', get label() { return STRINGS.series.body; }, color: LINE.blue, dash: '' },
          { column: 'amount_eliminated_mg', get label() { return STRINGS.series.eliminated; }, color: LINE.green, dash: '2 3' },
        ],
      },
    ],
  },
};

/** One chart per output, for a model without a configuration. The first dose's drug is the main drug. */
export function fallbackView(spec: ModelSpec): ModelView {
  return {
    mainDrug: spec.doses[0]?.drug ?? 'drug',
    charts: spec.outputs.map((o, i) => ({
      id: o.name,
      get title() { return modelText(spec, 'output', o.name) ?? o.name; },
      unit: o.unit,
      summary: 'peak' as const,
      series: [{ column: o.name, get label() { return modelText(spec, 'output', o.name) ?? o.name; }, color: SERIES_COLORS[i % SERIES_COLORS.length]!, dash: SERIES_DASHES[0]! }],
    })),
  };
}

/** The view for a model: its configured view, or the fallback. */
export function viewFor(spec: ModelSpec): ModelView {
  return MODEL_VIEWS[spec.id] ?? fallbackView(spec);
}

/**
 * The charts to draw for a result: each configured chart keeps only the series whose column the result has
 * (agonist columns appear only when an agonist is dosed), and charts left empty are dropped.
 */
export function chartsFor(view: ModelView, result: SimulationResult | null): ChartConfig[] {
  if (!result) return [...view.charts];
  const names = new Set(result.columns.map((c) => c.name));
  return view.charts
    .map((c) => ({ ...c, series: c.series.filter((s) => names.has(s.column)) }))
    .filter((c) => c.series.length > 0);
}
