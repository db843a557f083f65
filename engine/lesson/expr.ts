/**
 * Answer expressions: the model language's syntax (engine/expr/parse.ts) over a simulation result. Numbers, the
 * names of earlier values, `+ - * / ^`, the model language's functions, and functions of a result column:
 *
 * | function | value |
 * |---|---|
 * | `peak(col)` / `lowest(col)` | largest / smallest value |
 * | `tpeak(col)` | hours from time 0 to the (first) largest value |
 * | `clockpeak(col)` | clock time of the largest value, hours of the day (0–24) |
 * | `at(col, h)` | value at `h` hours (linear interpolation) |
 * | `final(col)` | value at the end of the run |
 * | `hours_above(col, x)` | hours the column spends above `x` |
 * | `hours_above_in(col, x, from, to)` | hours above `x` inside the daily clock window `from`–`to` (hours of the day) |
 * | `first_below_after_peak(col, x)` | hours from time 0 until the column, after its peak, first falls below `x` (the end of the run if never) |
 * | `first_below_after(col, x, h)` | hours from time 0 until the column, from `h` hours on, first falls below `x` (the end of the run if never) |
 * | `auc(col)` / `auc_in(col, from, to)` | trapezoidal area, whole run / inside the daily clock window |
 * | `thalf(col)` | apparent terminal half-life, h (engine/metrics.ts) |
 * | `gt(a, b)`, `lt(a, b)`, `between(x, lo, hi)` | 1 when true, else 0 (for answer choices) |
 */
import { parseExpr } from '../expr/parse';
import { FUNCTIONS, type Expr } from '../expr/ast';
import { intervalsAbove, terminalHalfLife, trapezoid, windowIntervals } from '../metrics';
import type { SimulationResult } from '../result';

/** Functions of a result column (first argument: a column name), with their arity. */
export const COLUMN_FUNCTIONS = {
  peak: 1, lowest: 1, tpeak: 1, clockpeak: 1, at: 2, final: 1, hours_above: 2, hours_above_in: 4,
  first_below_after_peak: 2, first_below_after: 3, auc: 1, auc_in: 3, thalf: 1,
} as const;
/** Comparisons giving 1 or 0. */
export const TEST_FUNCTIONS = { gt: 2, lt: 2, between: 3 } as const;
/** Every function of the answer language. */
export const ANSWER_FUNCTIONS: Readonly<Record<string, number>> = { ...FUNCTIONS, ...COLUMN_FUNCTIONS, ...TEST_FUNCTIONS };

/** Parses an answer expression (throws `ExprSyntaxError` naming the column). */
export function parseAnswer(src: string): Expr {
  return parseExpr(src, ANSWER_FUNCTIONS);
}

/** The result columns and the named values an expression uses: for validation without a run. */
export function referencesOf(e: Expr, out = { columns: new Set<string>(), values: new Set<string>() }): { columns: Set<string>; values: Set<string> } {
  switch (e.k) {
    case 'num': break;
    case 'sym': if (e.name !== 'pi') out.values.add(e.name); break;
    case 'neg': referencesOf(e.a, out); break;
    case 'bin': referencesOf(e.a, out); referencesOf(e.b, out); break;
    case 'call': {
      const [first, ...rest] = e.args;
      if (Object.hasOwn(COLUMN_FUNCTIONS, e.fn)) {
        if (first?.k === 'sym') out.columns.add(first.name);
        else out.values.add(`(${e.fn}() needs a column name as its first argument)`);
        rest.forEach((x) => referencesOf(x, out));
      } else e.args.forEach((x) => referencesOf(x, out));
    }
  }
  return out;
}

function valueAtTime(t: Float64Array, y: Float64Array, h: number): number {
  const n = t.length;
  if (h <= t[0]!) return y[0]!;
  if (h >= t[n - 1]!) return y[n - 1]!;
  let lo = 0; let hi = n - 1;
  while (hi - lo > 1) { const mid = (lo + hi) >> 1; if (t[mid]! <= h) lo = mid; else hi = mid; }
  const f = (h - t[lo]!) / (t[hi]! - t[lo]!);
  return y[lo]! + f * (y[hi]! - y[lo]!);
}

function argmax(y: Float64Array): number {
  let i = 0;
  for (let k = 1; k < y.length; k++) if (y[k]! > y[i]!) i = k;
  return i;
}

/**
 * Evaluates an answer expression over a result, with `values` (earlier named values) as symbols.
 * @throws RangeError naming an unknown value or column.
 */
export function evaluateAnswer(e: Expr, result: SimulationResult, values: Readonly<Record<string, number>>): number {
  const t = result.timeH;
  const ev = (x: Expr): number => evaluateAnswer(x, result, values);
  switch (e.k) {
    case 'num': return e.v;
    case 'sym': {
      if (e.name === 'pi') return Math.PI;
      const v = values[e.name];
      if (v === undefined) {
        const isColumn = result.columns.some((c) => c.name === e.name);
        throw new RangeError(isColumn
          ? `"${e.name}" is a column: use it inside a function such as peak(${e.name})`
          : `unknown value "${e.name}" (values so far: ${Object.keys(values).join(', ') || 'none'})`);
      }
      return v;
    }
    case 'neg': return -ev(e.a);
    case 'bin': {
      const a = ev(e.a); const b = ev(e.b);
      switch (e.op) { case '+': return a + b; case '-': return a - b; case '*': return a * b; case '/': return a / b; default: return a ** b; }
    }
    case 'call': {
      const fn: string = e.fn;
      if (Object.hasOwn(COLUMN_FUNCTIONS, fn)) {
        const first = e.args[0]!;
        if (first.k !== 'sym') throw new RangeError(`${fn}(): expected a column name as the first argument`);
        const col = result.columns.find((c) => c.name === first.name);
        if (!col) throw new RangeError(`${fn}(): no column "${first.name}" in this run; columns: ${result.columns.map((c) => c.name).join(', ')}`);
        const y = col.values;
        const a = e.args.slice(1).map(ev);
        const start = result.meta.startClockH;
        const end = t[t.length - 1]!;
        switch (fn) {
          case 'peak': return y[argmax(y)]!;
          case 'lowest': { let m = Infinity; for (const v of y) m = Math.min(m, v); return m; }
          case 'tpeak': return t[argmax(y)]!;
          case 'clockpeak': return (start + t[argmax(y)]!) % 24;
          case 'at': return valueAtTime(t, y, a[0]!);
          case 'final': return y[y.length - 1]!;
          case 'hours_above': return intervalsAbove(t, y, a[0]!).reduce((s, [p, q]) => s + q - p, 0);
          case 'hours_above_in': {
            const win = windowIntervals({ startClockH: a[1]!, endClockH: a[2]! }, start, end);
            let s = 0;
            for (const [p, q] of intervalsAbove(t, y, a[0]!)) for (const [u, w] of win) s += Math.max(0, Math.min(q, w) - Math.max(p, u));
            return s;
          }
          case 'first_below_after_peak':
          case 'first_below_after': {
            let from = argmax(y);
            if (fn === 'first_below_after') { from = 0; while (from < t.length - 1 && t[from]! < a[1]!) from++; }
            for (let i = from; i < y.length; i++) {
              if (y[i]! < a[0]!) {
                if (i === 0) return t[0]!;
                const f = (y[i - 1]! - a[0]!) / (y[i - 1]! - y[i]!);
                return t[i - 1]! + f * (t[i]! - t[i - 1]!);
              }
            }
            return end;
          }
          case 'auc': return trapezoid(t, y);
          case 'auc_in': return windowIntervals({ startClockH: a[0]!, endClockH: a[1]! }, start, end).reduce((s, [p, q]) => s + trapezoid(t, y, p, q), 0);
          default: return terminalHalfLife(t, y) ?? NaN;
        }
      }
      const a = e.args.map(ev);
      switch (fn) {
        case 'gt': return a[0]! > a[1]! ? 1 : 0;
        case 'lt': return a[0]! < a[1]! ? 1 : 0;
        case 'between': return a[0]! >= a[1]! && a[0]! <= a[2]! ? 1 : 0;
        case 'exp': return Math.exp(a[0]!);
        case 'log': return Math.log(a[0]!);
        case 'log10': return Math.log10(a[0]!);
        case 'sqrt': return Math.sqrt(a[0]!);
        case 'abs': return Math.abs(a[0]!);
        case 'pow': return a[0]! ** a[1]!;
        case 'sin': return Math.sin(a[0]!);
        case 'cos': return Math.cos(a[0]!);
        case 'tan': return Math.tan(a[0]!);
        case 'tanh': return Math.tanh(a[0]!);
        case 'min': return Math.min(...a);
        default: return Math.max(...a);
      }
    }
  }
}
