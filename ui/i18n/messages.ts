/**
 * Engine messages shown in the page, in the page's language. The engine stays language-free (the CLI keeps its
 * English): here its structured errors and notes are worded from the catalogue instead. `LimitError` carries its
 * field, counts and what was counted; a parameter outside its typical range is worded from the parameter itself.
 * Other engine errors (a file's syntax, a model's validation) are shown as the engine words them, in English.
 */
import { describeBounds, outsideRange } from '../../engine/model/bounds';
import type { ParameterSpec } from '../../engine/model/types';
import { LimitError, quote } from '../../engine/limits';
import { CHART_STRINGS as STRINGS } from '../chart-strings';

/** A count as the engine's limit messages write it: whole numbers grouped by thin spaces (`100 000 001`). */
function count(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e21) return x.toLocaleString('en-US').replace(/,/g, ' ');
  return String(x);
}

/** A limit error in the page's language (in English, the engine's own message). */
export function limitText(err: LimitError): string {
  return STRINGS.problems.limit(err.field, count(err.value), count(err.limit), err.what);
}

/** An error's message for the page: limit errors in the page's language, others as the engine words them. */
export function errorText(err: unknown): string {
  if (err instanceof LimitError) return limitText(err);
  return err instanceof Error ? err.message : String(err);
}

/** Why `text` is not a clock time for `field`, as parseClock (engine/dosing.ts) says it, in the page's language. */
export function clockProblem(field: string, text: string): string {
  const got = quote(text);
  return /^(\d{1,2}):(\d{2})$/.test(text.trim()) ? STRINGS.link.clockRange(field, got) : STRINGS.link.clock(field, got);
}

/**
 * The note for a parameter value outside its typical range (it runs), in the page's language; `undefined` inside
 * the range. In English it is the engine's `rangeNote`, word for word.
 */
export function rangeNoteText(p: Pick<ParameterSpec, 'name' | 'unit' | 'value' | 'bounds' | 'range'>, v: number): string | undefined {
  if (!outsideRange(p, v)) return undefined;
  return STRINGS.problems.rangeNote(p.name, v, p.unit, p.range![0], p.range![1], describeBounds(p));
}
