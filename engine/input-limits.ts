/**
 * The input limits (engine/limits.ts) as checked on what is read at run time: a population's and a sweep's size,
 * text, file and JSON sizes, strings, expressions and a model's size. Apart from engine/limits.ts so that the app's
 * first screen, which checks only links, doses and titrations, does not load them (issue #18).
 */
import { LIMITS, LimitError, checkLimit, gridRows, type LimitName } from './limits';

/** Checks a population's size: subjects, and subjects × grid times × outputs stored for the percentiles. */
export function checkPopulation(n: number, endH: number, stepH: number, outputs: number, field = 'n'): void {
  checkLimit('subjects', field, n, 'subjects');
  const values = n * gridRows(endH, stepH) * outputs;
  if (values > LIMITS.populationValues) {
    throw new LimitError(field, values, LIMITS.populationValues,
      `values to store (${n} subjects × ${gridRows(endH, stepH)} grid times × ${outputs} outputs; use fewer subjects or a coarser step)`);
  }
}

/** Checks a sweep's number of grid points (the product of the axes' lengths). */
export function checkSweepCells(axisLengths: readonly number[], field = 'sweep'): void {
  const cells = axisLengths.reduce((a, b) => a * b, 1);
  checkLimit('sweepCells', field, cells, 'grid points');
}

/** Checks a text's size in bytes (UTF-8) before it is parsed. `field` names the file. */
export function checkTextSize(text: string, field: string): void {
  // UTF-16 length ≤ UTF-8 bytes ≤ 3 × length: the exact count only when it matters.
  if (text.length * 3 <= LIMITS.fileBytes) return;
  checkLimit('fileBytes', field, utf8Bytes(text), 'bytes');
}

/**
 * The length of `text` encoded as UTF-8 (what `TextEncoder` would give, lone surrogates as U+FFFD: 3 bytes), counted
 * without building the encoding: a megabyte of text is counted in milliseconds, with nothing allocated (the browser
 * fuzz test saw `TextEncoder.encode` of a 1 MB model text take up to 185 ms of the page's main thread).
 */
export function utf8Bytes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) { n += 4; i++; }
    else n += 3;
  }
  return n;
}

/** Checks a file's size in bytes from its metadata (a browser `File`, `fs.statSync`), before reading it. */
export function checkFileSize(bytes: number, field: string): void {
  checkLimit('fileBytes', field, bytes, 'bytes');
}

/**
 * The deepest nesting of `[` and `{` in JSON text, found by one scan that skips strings (no parsing, no
 * recursion), so a file of a million `[` is refused before `JSON.parse` builds it.
 */
export function jsonDepth(text: string): number {
  let depth = 0, max = 0, inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 /* [ */ || c === 123 /* { */) { if (++depth > max) max = depth; }
    else if (c === 93 /* ] */ || c === 125 /* } */) depth--;
  }
  return max;
}

/**
 * Parses JSON text after checking its size and nesting depth.
 * @param field names the file in messages, e.g. `scenario s.json`.
 * @throws LimitError over a limit; RangeError naming `field` when the text is not JSON.
 */
export function parseJsonLimited(text: string, field: string): unknown {
  checkTextSize(text, field);
  checkLimit('jsonDepth', field, jsonDepth(text), 'levels of nesting');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new RangeError(`${field}: not valid JSON: ${(err as Error).message}`);
  }
}

/** Checks one string's length. */
export function checkString(value: unknown, field: string, name: LimitName = 'stringChars'): void {
  if (typeof value === 'string') checkLimit(name, field, value.length, 'characters');
}

/** Checks a model expression's length and parenthesis depth before it is parsed. */
export function checkExpression(src: unknown, field: string): void {
  if (typeof src !== 'string') return;
  checkLimit('expressionChars', field, src.length, 'characters in an expression');
  let depth = 0, max = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (c === 40) { if (++depth > max) max = depth; } else if (c === 41) depth--;
  }
  checkLimit('expressionDepth', field, max, 'levels of parentheses');
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);

/**
 * Checks a model's size before it is validated and parsed: the number of named items, every expression's
 * length and depth, and every string's length. Cheap (one pass over the spec); shapes it does not expect are
 * left to the model validator, which names what was expected.
 */
export function checkModelSize(input: unknown, field = 'model'): void {
  if (!isObj(input)) return;
  const at = (k: string) => (field ? `${field}.${k}` : k);
  const lists = ['parameters', 'states', 'expressions', 'outputs', 'doses'] as const;
  const items = lists.reduce((n, k) => n + arr(input[k]).length, 0) + (isObj(input.odes) ? Object.keys(input.odes).length : 0);
  checkLimit('modelItems', field || 'model', items, 'named items (parameters, states, expressions, outputs, doses)');
  const exprs: [unknown, string][] = [
    ...arr(input.expressions).map((e, i): [unknown, string] => [isObj(e) ? e.expr : undefined, at(`expressions[${i}].expr`)]),
    ...arr(input.outputs).map((e, i): [unknown, string] => [isObj(e) ? e.expr : undefined, at(`outputs[${i}].expr`)]),
    ...arr(input.states).map((e, i): [unknown, string] => [isObj(e) ? e.initial : undefined, at(`states[${i}].initial`)]),
    ...arr(input.doses).flatMap((e, i): [unknown, string][] => (isObj(e) ? [[e.bioavailability, at(`doses[${i}].bioavailability`)], [e.lag_h, at(`doses[${i}].lag_h`)]] : [])),
    ...(isObj(input.odes) ? Object.entries(input.odes).map(([k, v]): [unknown, string] => [v, at(`odes.${k}`)]) : []),
  ];
  for (const [src, where] of exprs) checkExpression(src, where);
  // Every string anywhere in the spec (bounded by the item count and the JSON depth of the file it came from).
  const walk = (x: unknown, where: string, depth: number): void => {
    if (typeof x === 'string') { checkString(x, where || 'model'); return; }
    if (depth > LIMITS.jsonDepth) throw new LimitError(where || 'model', depth, LIMITS.jsonDepth, 'levels of nesting');
    if (Array.isArray(x)) x.forEach((v, i) => walk(v, `${where}[${i}]`, depth + 1));
    else if (isObj(x)) for (const [k, v] of Object.entries(x)) { checkString(k, `${where || 'model'} key`); walk(v, where ? `${where}.${k}` : k, depth + 1); }
  };
  walk(input, field, 0);
}
