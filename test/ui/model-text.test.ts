import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MODELS } from '../../models/index';
import type { ModelSpec } from '../../engine/model/types';
import { LANGUAGES, catalogue, loadCatalogue, setLanguage, type Lang } from '../../ui/i18n/runtime';
import { modelSourceText, modelText, presetText, type ModelTextKind, type ModelTexts } from '../../ui/i18n/model-text';
import { metricChoices, axisChoices } from '../../ui/research/research-model';
import { fallbackView } from '../../ui/chart-config';

/** Every student-facing text of a model, as `[kind, name, english]` (title and description have no name). */
function modelTexts(spec: ModelSpec): [ModelTextKind | 'title' | 'description', string, string][] {
  const out: [ModelTextKind | 'title' | 'description', string, string][] = [['title', '', spec.title], ['description', '', spec.description]];
  for (const p of spec.parameters) out.push(['parameter', p.name, p.label]);
  for (const o of spec.outputs) if (o.label) out.push(['output', o.name, o.label]);
  for (const g of spec.presets ?? []) {
    out.push(['group', g.name, g.label]);
    for (const o of g.options) out.push(['preset', `${g.name}/${o.name}`, o.label]);
  }
  for (const d of spec.doses) if (d.label) out.push(['dose', d.drug, d.label]);
  for (const d of spec.dosedStates ?? []) if (d.label) out.push(['dosedState', d.state, d.label]);
  for (const s of spec.states) if (s.label) out.push(['state', s.name, s.label]);
  for (const e of spec.expressions) if (e.label) out.push(['expression', e.name, e.label]);
  return out;
}

/** What a language's table lacks or has stale for one model, one line each ("parameter kp_brain: missing"). */
function problems(spec: ModelSpec, texts: ModelTexts | undefined, lang: Lang): string[] {
  const table = texts?.[spec.id];
  const out: string[] = [];
  const wanted = modelTexts(spec);
  for (const [kind, name, english] of wanted) {
    const where = `${kind}${name ? ` ${name}` : ''}`;
    const entry = kind === 'title' || kind === 'description' ? table?.[kind] : table?.[kind]?.[name];
    if (!entry) out.push(`${where}: missing`);
    else if (entry.en !== english) out.push(`${where}: the English changed (model: "${english}", translated: "${entry.en}")`);
    else if (!entry[lang]?.trim()) out.push(`${where}: no ${lang} text`);
  }
  for (const [kind, names] of Object.entries(table ?? {})) {
    if (kind === 'title' || kind === 'description') continue;
    for (const name of Object.keys(names as object)) {
      if (!wanted.some(([k, n]) => k === kind && n === name)) out.push(`${kind} ${name}: extra (the model has no such text)`);
    }
  }
  return out;
}

describe('model texts in the page language (ui/i18n/model-text.ts)', () => {
  beforeAll(() => Promise.all(LANGUAGES.map(loadCatalogue)));
  afterEach(() => setLanguage('en'));

  for (const lang of LANGUAGES.filter((l) => l !== 'en')) {
    for (const spec of MODELS) {
      it(`${lang}: every student-facing text of the built-in model "${spec.id}" is translated from its current English`, () => {
        const texts = (catalogue(lang) as { models?: ModelTexts }).models;
        expect(problems(spec, texts, lang), `${lang}: translate these in ui/i18n/models-${lang}.ts`).toEqual([]);
      });
    }
  }

  it('the check itself reports a missing text, a stale English, an untranslated entry and an extra entry', () => {
    const spec = MODELS.find((m) => m.id === 'one-compartment')!;
    const texts: ModelTexts = {
      'one-compartment': {
        title: { en: spec.title, es: 'Un compartimento' },
        description: { en: 'old words', es: 'palabras' },
        parameter: { f: { en: spec.parameters.find((p) => p.name === 'f')!.label, es: ' ' }, gone: { en: 'x', es: 'y' } },
      },
    };
    const found = problems(spec, texts, 'es');
    expect(found).toContain(`description: the English changed (model: "${spec.description}", translated: "old words")`);
    expect(found).toContain('parameter f: no es text');
    expect(found).toContain('parameter ka_per_h: missing');
    expect(found).toContain('parameter gone: extra (the model has no such text)');
    expect(found.some((l) => l.startsWith('title'))).toBe(false);
  });

  it('in Spanish, ldn\'s parameter, output, preset, group and title read in Spanish; in English, the model\'s own words', () => {
    const ldn = MODELS.find((m) => m.id === 'ldn')!;
    setLanguage('es');
    expect(modelText(ldn, 'output', 'naltrexone_plasma_ng_per_ml')).toBe('Naltrexona plasmática');
    expect(modelText(ldn, 'parameter', 'ki_naltrexone_mu_nm')).toBe('Ki de la naltrexona en los receptores mu');
    expect(modelText(ldn, 'group', 'hepatic')).toBe('Función hepática');
    expect(presetText(ldn, 'hepatic', 'compensated-cirrhosis')).toBe('Cirrosis compensada');
    expect(presetText(ldn, 'blockade', 'brief')).toBe('Hipótesis de la LDN (breve; datos en ratones)');
    expect(modelText(ldn, 'output', 'tlr4_inhibition')).toContain('hipótesis');
    expect(modelText(ldn, 'title')).toMatch(/^Naltrexona en dosis bajas/);
    setLanguage('en');
    expect(modelText(ldn, 'output', 'naltrexone_plasma_ng_per_ml')).toBe('Plasma naltrexone');
    expect(presetText(ldn, 'hepatic', 'compensated-cirrhosis')).toBe('Compensated cirrhosis');
    expect(modelText(ldn, 'title')).toBe(ldn.title);
  });

  it('a custom model keeps its own text, even under a built-in id; a missing optional label stays undefined', () => {
    const ldn = MODELS.find((m) => m.id === 'ldn')!;
    const custom: ModelSpec = {
      ...ldn,
      title: 'My naltrexone',
      parameters: ldn.parameters.map((p) => (p.name === 'kp_brain' ? { ...p, label: 'Brain factor (mine)' } : p)),
      outputs: ldn.outputs.map((o) => (o.name === 'mu_blockade' ? { ...o, label: undefined } : o)),
    };
    const other: ModelSpec = { ...custom, id: 'my-model' };
    setLanguage('es');
    expect(modelText(custom, 'title')).toBe('My naltrexone');
    expect(modelText(custom, 'parameter', 'kp_brain')).toBe('Brain factor (mine)');
    expect(modelText(custom, 'output', 'mu_blockade')).toBeUndefined();
    // Texts the custom model left as the built-in's English are still translated (they are the same words).
    expect(modelText(custom, 'parameter', 'fu_naltrexone')).toBe('Fracción libre de naltrexona en el plasma');
    expect(modelText(other, 'parameter', 'fu_naltrexone')).toBe('Unbound fraction of naltrexone in plasma');
    expect(modelSourceText(other, 'preset', 'hepatic/none')).toBe('Healthy liver');
  });

  it('the Research tab\'s metric and axis names and a model without a chart view use the Spanish labels', () => {
    const ldn = MODELS.find((m) => m.id === 'ldn')!;
    const two = MODELS.find((m) => m.id === 'two-compartment')!;
    setLanguage('es');
    const labels = metricChoices(ldn).map((m) => m.label);
    // The metric names of the issue: "Máximo de naltrexona plasmática", not "Máximo de Plasma naltrexone".
    expect(labels, labels.join(' | ')).toContain('Máximo de naltrexona plasmática');
    expect(labels).toContain('Máximo de inhibición de TLR4 por la naltrexona (hipótesis; IC50 in vitro)');
    expect(labels[0]).toBe('Máximo del bloqueo mu');
    expect(labels.some((l) => l.includes('Plasma naltrexone'))).toBe(false);
    expect(axisChoices(ldn, 4.5).find((a) => a.name === 'kp_naltrexol_rel')?.label).toBe('Penetración cerebral del 6β-naltrexol respecto a la naltrexona');
    const view = fallbackView(two);
    expect(view.charts.map((c) => c.title)).toContain('Cantidad en el compartimento periférico');
    expect(view.charts[0]!.series[0]!.label).toBe('Concentración plasmática');
  });
});
