import { describe, expect, it } from 'vitest';
import { builtinModel } from '../../models/registry';
import { simulate } from '../../engine/simulate';
import { expand } from '../../engine/dosing';
import type { ModelView } from '../../ui/chart-config';
import { MODEL_VIEWS } from '../../ui/chart-config';
import { scenarioRequest } from '../../ui/scenario';
import {
  checkHeight, checkScenario, chartsNamed, parseControls, parseList, resultDetail, resultMetrics, selectView, toAppScenario,
} from '../../ui/widget/widget-options';
import { expectClose } from '../helpers/expect-close';
import { checkAgainstModel } from '../../ui/widget/widget-dosing';
import { themedCharts } from '../../ui/widget/line-colors';
import { widgetScenarioOf } from '../../ui/widget/ldn-embed-panel';
import { snippetAttributes } from '../../ui/widget/snippet';

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

describe('widget blockade attribute (issue #13)', () => {
  it('brief or long selects the ldn calibration (any case); anything else is reported, naming the attribute, and the default is used', () => {
    const ok = checkScenario({ dose: 4.5, time: '22:00', days: 3, model: null, compare: null, blockade: 'LONG' });
    expect(ok.problems).toEqual([]);
    expect(ok.scenario.blockade).toBe('long');
    expect(toAppScenario(ok.scenario, 'ldn').presets).toEqual({ blockade: 'long' });
    expect(toAppScenario(ok.scenario, 'one-compartment').presets).toEqual({});
    const bad = checkScenario({ dose: 4.5, time: '22:00', days: 3, model: null, compare: null, blockade: 'medium' });
    expect(bad.problems).toEqual(['blockade: expected brief or long, got "medium"; using brief']);
    expect(bad.scenario.blockade).toBeUndefined();
  });
});

// ---- issue #18: a complete widget (titration, co-medication, parameters, any preset group, line colours) ------------

describe('widget dosing and model attributes (titration, comedication, params, presets)', () => {
  const ldnSpec = builtinModel('ldn').spec;

  it('parses each attribute; a titration sets the days to the schedule\'s total; a plain widget\'s scenario keeps its five fields', () => {
    const { scenario, problems } = checkScenario({
      ...ok, titration: '0.5x7, 1.5x7 3x7,4.5x7', comedication: 'morphine:10@6',
      params: 'cl_f_naltrexone_l_per_h=300 kp_brain=0.5', presets: 'hepatic=compensated-cirrhosis',
    });
    expect(problems).toEqual([]);
    expect(scenario).toEqual({
      model: undefined, dose: 4.5, time: '22:00', days: 28, compare: null,
      titration: [{ amtMg: 0.5, days: 7 }, { amtMg: 1.5, days: 7 }, { amtMg: 3, days: 7 }, { amtMg: 4.5, days: 7 }],
      comedication: { drug: 'morphine', amtMg: 10, everyH: 6 },
      params: { cl_f_naltrexone_l_per_h: 300, kp_brain: 0.5 },
      presets: { hepatic: 'compensated-cirrhosis' },
    });
    expect(Object.keys(checkScenario(ok).scenario)).toEqual(['model', 'dose', 'time', 'days', 'compare']);
  });

  it('bad syntax is reported once per attribute, naming it, and that part is left out', () => {
    const { scenario, problems } = checkScenario({ ...ok, titration: '1x7,2xx', comedication: 'morphine 10 every 6', params: 'ka=fast nope', presets: 'hepatic' });
    expect(scenario.titration).toBeUndefined();
    expect(scenario.comedication).toBeUndefined();
    expect(scenario.params).toBeUndefined();
    expect(problems.map((p) => p.split(':')[0])).toEqual(['comedication', 'params', 'params', 'presets', 'titration'].sort((a, b) => ['titration', 'comedication', 'params', 'presets'].indexOf(a) - ['titration', 'comedication', 'params', 'presets'].indexOf(b)));
    expect(checkScenario({ ...ok, titration: '1x30,2x30' }).problems).toEqual(['titration: the steps add up to 60 days, at most 56; dosing daily']);
  });

  it('against the model: unknown drugs, parameters, groups and options are named; values outside the bounds are refused; outside the typical range they run with a note', () => {
    const attrs = {
      titration: null, comedication: { drug: 'aspirin', amtMg: 1, everyH: 6 },
      params: { cl_f_naltrexone_l_per_h: 3000, fu_naltrexone: 1.5, nope: 1 }, presets: { hepatic: 'bad', colour: 'red' },
    };
    const r = checkAgainstModel(attrs, ldnSpec, 'naltrexone');
    expect(r.attrs.comedication).toBeNull();
    expect(r.attrs.params).toEqual({ cl_f_naltrexone_l_per_h: 3000 });
    expect(r.attrs.presets).toEqual({});
    expect(r.problems).toEqual([
      'comedication: model "ldn" has no drug "aspirin"; expected one of morphine, codeine, tramadol, hydrocodone',
      'params: fu_naltrexone: expected a number in [0, 1] (fraction), got 1.5; left out',
      'params: model "ldn" has no parameter nope',
      'presets: hepatic: expected one of none, compensated-cirrhosis, decompensated-cirrhosis, got "bad"',
      'presets: model "ldn" has no preset group colour (groups: blockade, hepatic)',
    ]);
    expect(r.notes).toEqual(['cl_f_naltrexone_l_per_h = 3000 L/h is outside its typical range [150, 1500] L/h (within its bounds, > 0); it runs']);
    expect(checkAgainstModel({ ...attrs, comedication: { drug: 'morphine', amtMg: 1, everyH: 6 } }, builtinModel('one-compartment').spec, 'drug').problems[0])
      .toBe('comedication: model "one-compartment" takes no co-medication');
  });

  it('preset groups are generic: a group the model gains (a colleague\'s `blockade`) works with no widget code', () => {
    const spec = { ...ldnSpec, presets: [...(ldnSpec.presets ?? []), { name: 'blockade', label: 'Blockade', default: 'brief', options: [
      { name: 'brief', label: 'Brief', parameters: {}, source: 'test' }, { name: 'long', label: 'Long', parameters: { kp_brain: 0.5 }, source: 'test' }] }] };
    const parsed = checkScenario({ ...ok, presets: 'blockade=long,hepatic=none' }).scenario;
    const r = checkAgainstModel({ titration: null, comedication: null, params: {}, presets: parsed.presets! }, spec, 'naltrexone');
    expect(r.problems).toEqual([]);
    expect(r.attrs.presets).toEqual({ blockade: 'long', hepatic: 'none' });
  });

  it('the scenario becomes the request the app would send: titration doses, the co-medication drug every interval, parameters and presets', () => {
    const s = checkScenario({ ...ok, titration: '0.5x2,1.5x1', comedication: 'codeine:30@8', params: 'kp_brain=0.5', presets: 'hepatic=compensated-cirrhosis' }).scenario;
    const req = scenarioRequest(toAppScenario(s, 'ldn'), LDN);
    expect(req.endH).toBe(72);
    const doses = expand(req.events).map((e) => `${e.drug} ${e.amtMg} mg at ${e.timeH} h`);
    expect(doses.filter((d) => d.startsWith('naltrexone'))).toEqual(['naltrexone 0.5 mg at 0 h', 'naltrexone 0.5 mg at 24 h', 'naltrexone 1.5 mg at 48 h']);
    expect(doses.filter((d) => d.startsWith('codeine'))).toEqual(Array.from({ length: 9 }, (_, i) => `codeine 30 mg at ${8 * i} h`));
    expect(req.params).toEqual({ kp_brain: 0.5 });
    expect(req.presets).toEqual({ hepatic: 'compensated-cirrhosis' });
    // The comparison run doses daily at its own dose, with the same co-medication and model settings.
    const cmp = scenarioRequest(toAppScenario(s, 'ldn', 50, true), LDN);
    expect(cmp.events.filter((e) => e.drug === 'naltrexone').every((e) => e.amtMg === 50)).toBe(true);
    expect(cmp.events.some((e) => e.drug === 'codeine')).toBe(true);
  });

  it('line colours: --ldn-sim-line-<column> replaces a series colour; an unsafe or empty value is ignored', () => {
    const charts = selectView(LDN, 'plasma').charts;
    const props: Record<string, string> = { '--ldn-sim-line-naltrexone_plasma_ng_per_ml': ' #8b0000 ', '--ldn-sim-line-naltrexol_plasma_ng_per_ml': 'url(x)' };
    const themed = themedCharts(charts, (p) => props[p] ?? '');
    const byCol = Object.fromEntries(themed[0]!.series.map((x) => [x.column, x.color]));
    expect(byCol['naltrexone_plasma_ng_per_ml']).toBe('#8b0000');
    expect(byCol['naltrexol_plasma_ng_per_ml']).toBe(charts[0]!.series.find((x) => x.column === 'naltrexol_plasma_ng_per_ml')!.color);
    expect(themedCharts(charts, () => '')).toEqual(charts);
  });

  it('the Embed panel carries everything over: the snippet round-trips through the widget\'s attributes', () => {
    const app = { ...toAppScenario(checkScenario({ ...ok, titration: '1x3,2x4', comedication: 'tramadol:50@12', params: 'kp_brain=0.5', presets: 'hepatic=compensated-cirrhosis' }).scenario, 'ldn') };
    const { scenario, dropped } = widgetScenarioOf(app, null);
    expect(dropped).toEqual([]);
    const attrs = Object.fromEntries(snippetAttributes({ scenario }).map(([k, v]) => [k, v === true ? '' : v]));
    expect(attrs).toEqual({ model: 'ldn', dose: '4.5', time: '22:00', titration: '1x3,2x4', comedication: 'tramadol:50@12', params: 'kp_brain=0.5', presets: 'hepatic=compensated-cirrhosis' });
    const back = checkScenario({ ...ok, model: attrs.model!, titration: attrs.titration!, comedication: attrs.comedication!, params: attrs.params!, presets: attrs.presets! });
    expect(back.problems).toEqual([]);
    expect(scenarioRequest(toAppScenario(back.scenario, 'ldn'), LDN)).toEqual(scenarioRequest(app, LDN));
  });
});
