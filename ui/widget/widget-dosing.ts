/**
 * The widget's dosing and model attributes as plain data: `titration`, `comedication`, `params` and `presets`.
 * Parsing happens in two steps, because the model's spec arrives from the worker: `parseDosingAttributes` reads the
 * syntax (no model needed), `checkAgainstModel` then checks names and values against the model (drugs, parameter
 * bounds, preset groups). Every problem is one line naming the attribute; an unusable part is left out, never
 * guessed. Pure: no DOM (tested in Node, test/ui/widget-options.test.ts).
 */
import type { TitrationStep } from '../../engine/dosing';
import { describeBounds, withinBounds } from '../../engine/model/bounds';
import type { ModelSpec } from '../../engine/model/types';
import { DAYS_MAX, DOSE_MAX_MG } from '../scenario';
import { rangeNoteText } from '../i18n/messages';
import { WIDGET_STRINGS } from './widget-strings';

/** Co-medication: `amtMg` of `drug` every `everyH` hours from time 0 (`comedication="morphine:10@6"`). */
export interface Comedication {
  readonly drug: string;
  readonly amtMg: number;
  readonly everyH: number;
}

/** The dosing and model attributes, parsed. `null`/empty = not set. */
export interface DosingAttributes {
  /** Titration steps (`titration="0.5x7,1.5x7,3x7,4.5x7"`: mg × days), or `null` for daily dosing. */
  readonly titration: readonly TitrationStep[] | null;
  readonly comedication: Comedication | null;
  /** Parameter overrides by name (`params="cl_f_naltrexone_l_per_h=300,kp_brain=0.5"`). */
  readonly params: Readonly<Record<string, number>>;
  /** Preset option per preset group (`presets="hepatic=compensated-cirrhosis"`), for any group the model has. */
  readonly presets: Readonly<Record<string, string>>;
}

/** Co-medication limits (as the app's): dose 0–1000 mg, every 1–48 h. */
export const COMED_MAX_MG = 1000;
export const COMED_EVERY_H = [1, 48] as const;

/** Splits `a=1, b=2` or `a=1 b=2` into [name, value] pairs; malformed items are reported. */
function pairs(text: string, attr: string, example: string, problems: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (const item of text.split(/[\s,;]+/).filter(Boolean)) {
    const m = /^([A-Za-z_][\w-]*)=(.+)$/.exec(item);
    if (m) out.push([m[1]!, m[2]!]);
    else problems.push(WIDGET_STRINGS.problems.pair(attr, example, JSON.stringify(item)));
  }
  return out;
}

/** Reads the syntax of the four attributes. Problems name the attribute; bad parts are left out. */
export function parseDosingAttributes(input: {
  readonly titration: string | null; readonly comedication: string | null; readonly params: string | null; readonly presets: string | null;
}): { attrs: DosingAttributes; problems: string[] } {
  const problems: string[] = [];
  let titration: TitrationStep[] | null = null;
  const t = input.titration?.trim();
  if (t) {
    const steps = t.split(/[\s,]+/).filter(Boolean).map((part) => {
      const m = /^(\d+(?:\.\d+)?|\.\d+)x(\d+)$/i.exec(part);
      const amtMg = m ? Number(m[1]) : NaN;
      const days = m ? Number(m[2]) : NaN;
      return amtMg >= 0 && amtMg <= DOSE_MAX_MG && Number.isInteger(days) && days >= 1 ? { amtMg, days } : null;
    });
    const total = steps.reduce((s, x) => s + (x?.days ?? 0), 0);
    if (steps.length === 0 || steps.some((x) => x === null)) {
      problems.push(WIDGET_STRINGS.problems.titration(DOSE_MAX_MG, JSON.stringify(t)));
    } else if (total > DAYS_MAX) {
      problems.push(WIDGET_STRINGS.problems.titrationDays(total, DAYS_MAX));
    } else titration = steps as TitrationStep[];
  }
  let comedication: Comedication | null = null;
  const c = input.comedication?.trim();
  if (c && c.toLowerCase() !== 'none') {
    const m = /^([A-Za-z][\w-]*):(\d+(?:\.\d+)?|\.\d+)@(\d+(?:\.\d+)?)$/.exec(c);
    const amtMg = m ? Number(m[2]) : NaN;
    const everyH = m ? Number(m[3]) : NaN;
    if (m && amtMg > 0 && amtMg <= COMED_MAX_MG && everyH >= COMED_EVERY_H[0] && everyH <= COMED_EVERY_H[1]) {
      comedication = { drug: m[1]!.toLowerCase(), amtMg, everyH };
    } else {
      problems.push(WIDGET_STRINGS.problems.comedication(COMED_MAX_MG, COMED_EVERY_H[0], COMED_EVERY_H[1], JSON.stringify(c)));
    }
  }
  const params: Record<string, number> = {};
  for (const [name, value] of pairs(input.params ?? '', 'params', 'cl_f_naltrexone_l_per_h=300', problems)) {
    const v = Number(value);
    if (Number.isFinite(v)) params[name] = v;
    else problems.push(WIDGET_STRINGS.problems.paramNumber(name, JSON.stringify(value)));
  }
  const presets: Record<string, string> = {};
  for (const [group, option] of pairs(input.presets ?? '', 'presets', 'hepatic=compensated-cirrhosis', problems)) presets[group] = option;
  return { attrs: { titration, comedication, params, presets }, problems };
}

/**
 * Checks parsed attributes against a model: co-medication drugs the model doses (not its main drug), parameters it
 * has with values within their physical bounds, preset groups and options it has. Returns what can run, the
 * problems (naming the attribute; those parts are left out) and notes for values outside a parameter's typical
 * range (they run).
 */
export function checkAgainstModel(attrs: DosingAttributes, spec: ModelSpec, mainDrug: string):
  { attrs: DosingAttributes; problems: string[]; notes: string[] } {
  const problems: string[] = [];
  const notes: string[] = [];
  let comedication = attrs.comedication;
  if (comedication) {
    const drugs = [...new Set(spec.doses.map((d) => d.drug))].filter((d) => d !== mainDrug);
    if (!drugs.includes(comedication.drug)) {
      problems.push(drugs.length
        ? WIDGET_STRINGS.problems.noDrug(spec.id, JSON.stringify(comedication.drug), drugs.join(', '))
        : WIDGET_STRINGS.problems.noComedication(spec.id));
      comedication = null;
    }
  }
  const params: Record<string, number> = {};
  for (const [name, v] of Object.entries(attrs.params)) {
    const p = spec.parameters.find((x) => x.name === name);
    if (!p) { problems.push(WIDGET_STRINGS.problems.noParam(spec.id, name)); continue; }
    if (!withinBounds(p, v)) { problems.push(WIDGET_STRINGS.problems.paramBounds(name, describeBounds(p), p.unit, v)); continue; }
    const note = rangeNoteText(p, v);
    if (note) notes.push(note);
    params[name] = v;
  }
  const presets: Record<string, string> = {};
  const groups = spec.presets ?? [];
  for (const [group, option] of Object.entries(attrs.presets)) {
    const g = groups.find((x) => x.name === group);
    if (!g) {
      problems.push(WIDGET_STRINGS.problems.noGroup(spec.id, group, groups.map((x) => x.name).join(', ')));
    } else if (!g.options.some((o) => o.name === option)) {
      problems.push(WIDGET_STRINGS.problems.noOption(group, g.options.map((o) => o.name).join(', '), JSON.stringify(option)));
    } else presets[group] = option;
  }
  return { attrs: { ...attrs, comedication, params, presets }, problems, notes };
}

/** The attributes written back as text (for the Embed panel's snippet and the `scenario` property). */
export function formatDosingAttributes(a: DosingAttributes): { titration?: string; comedication?: string; params?: string; presets?: string } {
  const fmt = (x: number) => String(Number(x.toPrecision(10)));
  return {
    ...(a.titration ? { titration: a.titration.map((s) => `${fmt(s.amtMg)}x${s.days}`).join(',') } : {}),
    ...(a.comedication ? { comedication: `${a.comedication.drug}:${fmt(a.comedication.amtMg)}@${fmt(a.comedication.everyH)}` } : {}),
    ...(Object.keys(a.params).length ? { params: Object.entries(a.params).map(([k, v]) => `${k}=${fmt(v)}`).join(',') } : {}),
    ...(Object.keys(a.presets).length ? { presets: Object.entries(a.presets).map(([k, v]) => `${k}=${v}`).join(',') } : {}),
  };
}
