import { describe, expect, it } from 'vitest';
import { builtinModel } from '../../models/registry';
import { simulate } from '../../engine/simulate';
import type { ModelView } from '../../ui/chart-config';
import { MODEL_VIEWS } from '../../ui/chart-config';
import { scenarioRequest } from '../../ui/scenario';
import {
  checkHeight, checkScenario, chartsNamed, parseControls, parseList, resultDetail, resultMetrics, selectView, toAppScenario,
} from '../../ui/widget/widget-options';
import { expectClose } from '../helpers/expect-close';

const LDN = MODEL_VIEWS['ldn']!;
const ONE = MODEL_VIEWS['one-compartment']!;
const ok = { dose: 4.5, time: '22:00', days: 3, model: null, compare: null };

describe('widget attributes', () => {
  it('a valid set of attributes becomes the scenario unchanged, with no problems', () => {
    const { scenario, problems } = checkScenario({ dose: 3, time: '8:05', days: 7, model: ' ldn ', compare: 50 });
    expect(problems).toEqual([]);
    expect(scenario).toEqual({ model: 'ldn', dose: 3, time: '08:05', days: 7, compare: 50 });
  });

  it('unusable values fall back to the defaults with one message per attribute, naming it', () => {
    const { scenario, problems } = checkScenario({ dose: Number('abc'), time: '25:00', days: 0.5, model: '', compare: 1000 });
    expect(scenario).toEqual({ model: undefined, dose: 4.5, time: '22:00', days: 3, compare: null });
    expect(problems.map((p) => p.split(':')[0])).toEqual(['dose', 'compare', 'time', 'days']);
    expect(problems[0]).toMatch(/0\.25 to 150.*NaN.*4\.5 mg/);
  });

  it('the chart height is clamped to 120–600 px and a non-number means the default', () => {
    expect([checkHeight(50), checkHeight(333.4), checkHeight(9999), checkHeight(NaN)]).toEqual([120, 333, 600, 220]);
  });

  it('lists accept commas or spaces, any case, and drop repeats', () => {
    expect(parseList(' Plasma, blockade  receptors,plasma ')).toEqual(['plasma', 'blockade', 'receptors']);
    expect(parseList(null)).toEqual([]);
  });

  it('controls keep their documented order; "none" and the empty string mean no controls; unknown names are reported', () => {
    expect(parseControls('time, dose')).toEqual({ controls: ['dose', 'time'], unknown: [] });
    expect(parseControls('none')).toEqual({ controls: [], unknown: [] });
    expect(parseControls('')).toEqual({ controls: [], unknown: [] });
    expect(parseControls('dose,speed')).toEqual({ controls: ['dose'], unknown: ['speed'] });
  });

  it("the widget scenario maps to the app's daily regimen at the given clock time", () => {
    const s = toAppScenario({ model: undefined, dose: 3, time: '08:30', days: 2, compare: 50 }, 'ldn', 50);
    expect(s).toMatchObject({ modelId: 'ldn', doseMg: 50, clockH: 8.5, days: 2, regimen: 'daily', agonist: null, params: {} });
  });
});

describe('view names choose charts from the chart configuration, not from hard-coded columns', () => {
  const ids = (v: ModelView, text: string) => selectView(v, text).charts.map((c) => c.id);

  it('for the ldn model: plasma, blockade and rebound are its plasma, blockade and adaptation charts', () => {
    expect(ids(LDN, 'plasma')).toEqual(['plasma']);
    expect(ids(LDN, 'blockade')).toEqual(['blockade']);
    expect(ids(LDN, 'rebound')).toEqual(['adaptation']);
    expect(ids(LDN, 'rebound, plasma')).toEqual(['plasma', 'adaptation']); // the model's chart order
    expect(ids(LDN, 'tlr4')).toEqual(['tlr4']); // any chart id works too
  });

  it('"all" is every chart plus the receptor diagram; "receptors" alone is the diagram', () => {
    expect(selectView(LDN, 'all')).toEqual({ charts: LDN.charts, receptors: true, unmatched: [] });
    expect(selectView(LDN, 'receptors')).toMatchObject({ charts: [], receptors: true });
  });

  it('the default view is plasma and blockade', () => {
    expect(ids(LDN, '')).toEqual(['plasma', 'blockade']);
    expect(ids(LDN, null as unknown as string)).toEqual(['plasma', 'blockade']);
  });

  it('a PK-only model shows its concentration chart for plasma and reports what it lacks, never an empty widget', () => {
    expect(ids(ONE, 'plasma')).toEqual(['conc']);
    expect(selectView(ONE, 'plasma,blockade,receptors')).toMatchObject({ receptors: false, unmatched: ['blockade', 'receptors'] });
    expect(selectView(ONE, 'rebound')).toMatchObject({ charts: [ONE.charts[0]], unmatched: ['rebound'] });
  });

  it('a model without a configuration (one chart per output) takes its first chart as "plasma"', () => {
    const fallback: ModelView = { mainDrug: 'x', charts: [{ id: 'c_out', title: 'C', unit: 'mg/L', summary: 'peak', series: [] }] };
    expect(chartsNamed(fallback, 'plasma').map((c) => c.id)).toEqual(['c_out']);
  });
});

describe('ldn-sim-result metrics', () => {
  it('the concentration peak of a single oral dose is at the Bateman tmax = ln(ka/k)/(ka − k)', () => {
    const model = builtinModel('one-compartment');
    const scenario = { model: 'one-compartment', dose: 50, time: '08:00', days: 1, compare: null };
    const req = scenarioRequest(toAppScenario(scenario, 'one-compartment'), ONE);
    const result = simulate(model, req);
    const conc = resultMetrics(result).find((m) => m.name === 'conc_mg_per_l')!;
    const p = result.meta.parameters;
    const ka = p['ka_per_h']!;
    const k = p['cl_l_per_h']! / p['v_l']!;
    const tmax = Math.log(ka / k) / (ka - k);
    expectClose(conc.peakTimeH, tmax, { atol: req.stepH / 2 + 1e-9 }, 'tmax');
    const cmax = (50 * p['f']! / p['v_l']!) * (ka / (ka - k)) * (Math.exp(-k * tmax) - Math.exp(-ka * tmax));
    expectClose(conc.peak, cmax, { rtol: 1e-3 }, 'Cmax');
    expect(conc.peakAt).toMatch(/^09:\d\d \(day 1\)$/);
    expect(conc.unit).toBe('mg/L');

    const detail = resultDetail(scenario, result, null, ONE.charts);
    expect(detail.model).toBe('one-compartment');
    expect(detail.compareMetrics).toBeNull();
    expect(detail.summaries.map((s) => s.chart)).toEqual(['conc', 'amounts']);
    expect(detail.summaries[0]!.text).toMatch(/^Peak concentration [\d.]+ ng\/mL at 09:\d\d \(day 1\)/);
    // The detail is plain data: it survives structured cloning (a host page may post it to another frame).
    expect(structuredClone(detail)).toEqual(detail);
  });
});
