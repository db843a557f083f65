/**
 * A model's student-facing text in the page's language. Models are plain, language-free data (models/, English);
 * each language's catalogue may carry a table of their translations (`models`, e.g. ui/i18n/models-es.ts, loaded
 * with the Spanish catalogue), keyed by model id, kind and name. Every entry keeps the English it translates, and
 * is used only while the model's own text is still exactly that English: a custom model (a researcher's JSON) or a
 * text changed since it was translated shows the model's own words. Sources and citations are never translated.
 * See docs/translating.md, "Model texts".
 */
import type { ModelSpec } from '../../engine/model/types';
import { catalogue, language } from './runtime';

/** One translated text: the model's English source and its translation in one or more languages. */
export type ModelTextEntry = { readonly en: string } & { readonly [lang: string]: string };

/** The kinds of named texts of a model (a preset option is named `group/option`, e.g. `hepatic/none`). */
export type ModelTextKind = 'parameter' | 'output' | 'preset' | 'group' | 'dose' | 'dosedState' | 'state' | 'expression';

/** The translated texts of one model. */
export interface ModelTextTable {
  readonly title?: ModelTextEntry;
  readonly description?: ModelTextEntry;
  readonly parameter?: Readonly<Record<string, ModelTextEntry>>;
  readonly output?: Readonly<Record<string, ModelTextEntry>>;
  /** Preset options, by `group/option`. */
  readonly preset?: Readonly<Record<string, ModelTextEntry>>;
  /** Preset groups, by group name. */
  readonly group?: Readonly<Record<string, ModelTextEntry>>;
  /** Doses, by drug. */
  readonly dose?: Readonly<Record<string, ModelTextEntry>>;
  /** Dosed states (`cmt`), by state. */
  readonly dosedState?: Readonly<Record<string, ModelTextEntry>>;
  readonly state?: Readonly<Record<string, ModelTextEntry>>;
  readonly expression?: Readonly<Record<string, ModelTextEntry>>;
}

/** A language's model texts, by model id (the `models` entry of its catalogue). */
export type ModelTexts = Readonly<Record<string, ModelTextTable>>;

/**
 * The model's own (English) text of a kind and name, or `undefined` when the model has none (an optional label) or
 * no such item. `title` and `description` take no name.
 */
export function modelSourceText(spec: ModelSpec, kind: ModelTextKind | 'title' | 'description', name = ''): string | undefined {
  switch (kind) {
    case 'title': return spec.title;
    case 'description': return spec.description;
    case 'parameter': return spec.parameters.find((p) => p.name === name)?.label;
    case 'output': return spec.outputs.find((o) => o.name === name)?.label;
    case 'state': return spec.states.find((s) => s.name === name)?.label;
    case 'expression': return spec.expressions.find((e) => e.name === name)?.label;
    case 'dose': return spec.doses.find((d) => d.drug === name)?.label;
    case 'dosedState': return spec.dosedStates?.find((d) => d.state === name)?.label;
    case 'group': return spec.presets?.find((g) => g.name === name)?.label;
    case 'preset': {
      const cut = name.indexOf('/');
      return spec.presets?.find((g) => g.name === name.slice(0, cut))?.options.find((o) => o.name === name.slice(cut + 1))?.label;
    }
  }
}

/** The model texts of the page's language (none in English, or when its catalogue has none). */
function texts(): ModelTexts | undefined {
  return (catalogue(language()) as { models?: ModelTexts }).models;
}

/**
 * A model's text in the page's language, falling back to the model's own English (and to `undefined` when the
 * model has no such text, e.g. an output without a label: callers keep their `?? o.name`).
 * @example modelText(spec, 'parameter', 'kp_brain'); modelText(spec, 'preset', 'hepatic/none'); modelText(spec, 'title')
 */
export function modelText(spec: ModelSpec, kind: 'title' | 'description'): string;
export function modelText(spec: ModelSpec, kind: 'parameter' | 'group' | 'preset', name: string): string;
export function modelText(spec: ModelSpec, kind: ModelTextKind, name: string): string | undefined;
export function modelText(spec: ModelSpec, kind: ModelTextKind | 'title' | 'description', name = ''): string | undefined {
  const english = modelSourceText(spec, kind, name);
  if (english === undefined) return kind === 'parameter' || kind === 'group' || kind === 'preset' ? name : undefined;
  const table = texts()?.[spec.id];
  if (!table) return english;
  const entry = kind === 'title' || kind === 'description' ? table[kind] : table[kind]?.[name];
  // Only the English this entry translates: a custom model reusing the id, or a text edited since, keeps its own.
  return entry && entry.en === english ? entry[language()] ?? english : english;
}

/** A preset option's text in the page's language (`modelText(spec, 'preset', 'group/option')`). */
export function presetText(spec: ModelSpec, group: string, option: string): string {
  return modelText(spec, 'preset', `${group}/${option}`);
}
