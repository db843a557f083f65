import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, LimitError } from '../../engine/limits';
import { checkPopulation } from '../../engine/input-limits';
import { rangeNote } from '../../engine/model/bounds';
import { modelSpec } from '../../models/registry';
import { evidenceMarks } from '../../ui/evidence-marks';
import { errorText, limitText, rangeNoteText } from '../../ui/i18n/messages';
import { loadCatalogue, setLanguage } from '../../ui/i18n/runtime';
import { decodeScenario, defaultScenario } from '../../ui/scenario';
import { readHash } from '../../ui/app/url-state';
import { checkScenario, type WidgetInput } from '../../ui/widget/widget-options';
import { checkAgainstModel, parseDosingAttributes } from '../../ui/widget/widget-dosing';

// Issue #15: messages shown in the page (engine limits and range notes, link problems, widget attribute problems,
// evidence labels) follow the page's language; in English they are exactly the engine's words, as before.
const ldn = modelSpec('ldn');
const widgetInput: WidgetInput = { dose: 4.5, time: '22:00', days: 3, model: null, compare: null };

// The Spanish catalogue is its own chunk (loaded only for Spanish pages): load it before switching.
beforeAll(() => loadCatalogue('es'));

describe('engine messages and page problems in the language of the page', () => {
  afterEach(() => setLanguage('en'));

  it('English: limit errors and range notes are the engine\'s own messages, word for word', () => {
    const err = new LimitError('n', 123456, 10000, 'subjects');
    expect(limitText(err)).toBe(err.message);
    expect(errorText(new RangeError('x: expected y'))).toBe('x: expected y');
    let pop: unknown;
    try { checkPopulation(500, 24 * 400, 0.1, 9); } catch (e) { pop = e; }
    expect(pop).toBeInstanceOf(LimitError);
    expect(errorText(pop)).toBe((pop as Error).message);
    const p = ldn.parameters.find((x) => x.range && x.range[0] > 0)!;
    const v = p.range![0] / 2;
    expect(rangeNoteText(p, v)).toBe(rangeNote(p, v));
    expect(rangeNoteText(p, p.value)).toBeUndefined();
  });

  it('Spanish: limits, range notes, link problems, widget attribute problems and evidence labels', () => {
    setLanguage('es');
    expect(limitText(new LimitError('n', 123456, 10000, 'subjects'))).toBe('n: 123 456 sujetos; se admiten como máximo 10 000');
    let pop: unknown;
    try { checkPopulation(500, 24 * 400, 0.1, 9); } catch (e) { pop = e; }
    expect(errorText(pop)).toMatch(/^n: [\d ]+ valores que guardar \(500 sujetos × 96001 tiempos × 9 salidas; use menos sujetos o un paso más grueso\); se admiten como máximo [\d ]+$/);
    const p = ldn.parameters.find((x) => x.range && x.range[0] > 0 && !Number.isInteger(x.range[0] / 2))!;
    expect(rangeNoteText(p, p.range![0] / 2)).toMatch(new RegExp(`^${p.name} = \\d+,\\d+ .* está fuera de su intervalo típico \\[.*\\] .*\\(dentro de sus límites, .*\\); se calcula$`));

    const link = decodeScenario(new URLSearchParams('dose=x&at=25:00&every=36&ss=2&morphine=bad&p.nope=1&titration=1x999'), [ldn], 'ldn');
    expect(link.problems).toEqual([
      expect.stringMatching(/^dose: se esperaba un número de \d+(,\d+)? a \d+, se recibió "x"$/),
      'at: se esperaba HH:MM con HH de 00 a 23 y MM de 00 a 59, se recibió "25:00"',
      expect.stringMatching(/^titration: el paso 1 dura 999 días; se admiten como máximo \d+$/),
      'morphine: se esperaba DOSIS@HORAS como 10@6, se recibió "bad"',
      'every: se esperaba uno de 0, 24, 48 (horas entre dosis; 0 = una sola dosis), se recibió "36"',
      'ss: se esperaba 1 (empezar en estado estacionario) o 0, se recibió "2"',
      'p.nope: el modelo "ldn" no tiene ese parámetro',
    ]);
    const long = decodeScenario(new URLSearchParams(`dose=${'9'.repeat(LIMITS.linkChars)}`), [ldn], 'ldn');
    expect(long.problems).toEqual([expect.stringMatching(/^link: [\d ]+ caracteres; se admiten como máximo [\d ]+$/)]);
    expect(readHash('#pin.dose=x&pin.model=ldn', [ldn], 'ldn').problems).toEqual([expect.stringMatching(/^fijado: dose: se esperaba un número/)]);

    const w = checkScenario({ ...widgetInput, dose: -1, days: 0.5, time: '7 pm', blockade: 'forever' });
    expect(w.problems).toEqual([
      expect.stringMatching(/^dose: se esperaba una dosis en mg de \S+ a \S+, se recibió -1; se usan 4,5 mg$/),
      'time: se esperaba una hora HH:MM (p. ej. 22:00), se recibió "7 pm"; se usa 22:00',
      expect.stringMatching(/^days: se esperaba un número entero de días de 1 a \d+, se recibió 0.5; se usa \d+$/),
      'blockade: se esperaba brief o long, se recibió "forever"; se usa brief',
    ]);
    const parsed = parseDosingAttributes({ titration: 'x', comedication: 'bad', params: 'a=b nope', presets: 'hepatic=moon' });
    expect(parsed.problems).toEqual([
      expect.stringMatching(/^titration: se esperaban pasos MGxDÍAS .*se recibió "x"; dosis diaria$/),
      expect.stringMatching(/^comedication: se esperaba FÁRMACO:MG@HORAS .*se recibió "bad"; se omite$/),
      'params: se esperaban elementos NOMBRE=VALOR como cl_f_naltrexone_l_per_h=300, se recibió "nope"',
      'params: a: se esperaba un número, se recibió "b"; se omite',
    ]);
    const checked = checkAgainstModel(parsed.attrs, ldn, 'naltrexone');
    expect(checked.problems).toEqual([expect.stringMatching(/^presets: hepatic: se esperaba uno de .*, se recibió "moon"$/)]);

    const marks = evidenceMarks({ ...defaultScenario('ldn'), doseMg: 50, days: 7, intervalH: 0 });
    expect(marks.find((m) => m.id === 'lee-50mg-48h')!.label).toMatch(/^ocupación mu de \d+\s%–\d+\s% 48 h tras 50 mg \(Lee 1988, valor derivado\)$/);
  });
});

describe('Research tab choices in the language of the page', () => {
  afterEach(() => setLanguage('en'));

  it('metric and axis names come from the catalogue (English as before; Spanish translated, the model\'s own output labels inside)', async () => {
    const { axisChoices, metricChoices } = await import('../../ui/research/research-model');
    const en = metricChoices(ldn).map((m) => m.label);
    expect(en).toContain('Hours of ≥ 50% mu blockade in the sleep window 23:00–07:00');
    expect(axisChoices(ldn, 4.5).slice(0, 2).map((a) => a.label)).toEqual(['Dose', 'Dosing clock time']);
    setLanguage('es');
    const es = metricChoices(ldn).map((m) => m.label);
    expect(es).toContain('Horas de bloqueo mu ≥ 50 % en la ventana de sueño 23:00–07:00');
    expect(es.filter((l) => /^(Peak|AUC) of /.test(l))).toEqual([]);
    expect(axisChoices(ldn, 4.5).slice(0, 2).map((a) => a.label)).toEqual(['Dosis', 'Hora de la toma']);
  });
});

describe('clock-time problems', () => {
  afterEach(() => setLanguage('en'));
  it('say what parseClock says in English (format or range), and translate', async () => {
    const { parseClock } = await import('../../engine/dosing');
    const { clockProblem } = await import('../../ui/i18n/messages');
    for (const text of ['7 pm', '25:99', '']) {
      let msg = '';
      try { parseClock(text, 'at'); } catch (e) { msg = (e as Error).message; }
      expect(clockProblem('at', text)).toBe(msg);
    }
    setLanguage('es');
    expect(clockProblem('time', '25:99')).toBe('time: se esperaba HH:MM con HH de 00 a 23 y MM de 00 a 59, se recibió "25:99"');
  });
});
