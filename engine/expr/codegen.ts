import type { Expr } from './ast';

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A JS identifier for a model symbol: `$` + the name, so no model name can clash with a JS keyword. */
export function jsName(name: string): string {
  if (!IDENT.test(name)) throw new RangeError(`codegen: "${name}" is not a valid model symbol`);
  return `$${name}`;
}

function literal(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '(-Infinity)';
  return v < 0 || Object.is(v, -0) ? `(${String(v)})` : String(v);
}

const FN: Record<string, string> = {
  exp: 'Math.exp', log: 'Math.log', log10: 'Math.log10', sqrt: 'Math.sqrt', abs: 'Math.abs', min: 'Math.min', max: 'Math.max',
  pow: 'Math.pow', sin: 'Math.sin', cos: 'Math.cos', tan: 'Math.tan', tanh: 'Math.tanh',
};

/**
 * JS source for an expression whose constants are already folded (see `fold`): symbols become `$name`
 * variables, `^` becomes `Math.pow`. Only numbers, validated names and a fixed set of operators and `Math`
 * functions reach the output, so the source cannot carry anything a model author wrote verbatim.
 * @param replaced sub-trees (by identity) to emit as the given JS instead, e.g. a slot of precomputed values.
 */
export function toJs(e: Expr, replaced?: ReadonlyMap<Expr, string>): string {
  const r = replaced?.get(e);
  if (r !== undefined) return r;
  const js = (x: Expr) => toJs(x, replaced);
  switch (e.k) {
    case 'num': return literal(e.v);
    case 'sym': return jsName(e.name);
    case 'neg': return `(-${js(e.a)})`;
    case 'bin': return e.op === '^' ? `Math.pow(${js(e.a)}, ${js(e.b)})` : `(${js(e.a)} ${e.op} ${js(e.b)})`;
    case 'call': {
      const fn = FN[e.fn];
      if (!fn) throw new RangeError(`codegen: unknown function ${e.fn}`);
      return `${fn}(${e.args.map(js).join(', ')})`;
    }
  }
}
