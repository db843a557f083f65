/**
 * MathML (Core) from the model's expression trees (engine/expr): what the Model tab shows, so the equations a
 * reader sees are the ones that run. Pure: strings in, strings out, no DOM. Symbols keep their model names
 * (`ka_naltrexone_per_h`), so every one can be found in the parameter table; division becomes a fraction, powers
 * superscripts, `sqrt` a radical, `abs` bars, and parentheses appear only where precedence needs them.
 *
 * @example equationMathML('k', parseExpr('cl / v')) // '<math display="block"><mrow><mi>k</mi><mo>=</mo><mfrac>…'
 */
import type { Expr } from '../engine/expr/ast';

/** Escapes text for XML content and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Binding strength: sums 1, products 2, unary minus 3, powers 4, atoms (numbers, names, calls, fractions) 5. */
function precedence(e: Expr): number {
  if (e.k === 'bin') return e.op === '+' || e.op === '-' ? 1 : e.op === '*' ? 2 : e.op === '/' ? 5 : 4;
  if (e.k === 'neg') return 3;
  if (e.k === 'num' && e.v < 0) return 3;
  return 5;
}

const paren = (inner: string) => `<mrow><mo>(</mo>${inner}<mo>)</mo></mrow>`;

function number(v: number): string {
  if (!Number.isFinite(v)) return `<mi>${v > 0 ? '∞' : v < 0 ? '−∞' : 'NaN'}</mi>`;
  const s = String(Math.abs(v));
  const sign = v < 0 ? '<mo>−</mo>' : '';
  const m = /^(\d+(?:\.\d+)?)e([+-]\d+)$/.exec(s);
  if (!m) return v < 0 ? `<mrow>${sign}<mn>${s}</mn></mrow>` : `<mn>${s}</mn>`;
  const exp = Number(m[2]);
  return `<mrow>${sign}<mn>${m[1]}</mn><mo>×</mo><msup><mn>10</mn><mn>${exp < 0 ? `−${-exp}` : exp}</mn></msup></mrow>`;
}

/** A child, in parentheses when it binds less tightly than `min`. */
function wrap(e: Expr, min: number): string {
  const inner = exprToMathML(e);
  return precedence(e) < min ? paren(inner) : inner;
}

/** The base of a power: in parentheses unless it is a name, a non-negative number or a plain function call. */
function base(e: Expr): string {
  const inner = exprToMathML(e);
  const atomic = e.k === 'sym' || (e.k === 'num' && e.v >= 0 && !/e/.test(String(e.v))) || (e.k === 'call' && !['pow', 'exp', 'abs'].includes(e.fn));
  return atomic ? inner : paren(inner);
}

/** The MathML of an expression (a fragment: one element, to be placed inside `<math>`). */
export function exprToMathML(e: Expr): string {
  switch (e.k) {
    case 'num': return number(e.v);
    case 'sym': return e.name === 'pi' ? '<mi>π</mi>' : `<mi>${escapeXml(e.name)}</mi>`;
    case 'neg': return `<mrow><mo>−</mo>${wrap(e.a, 4)}</mrow>`;
    case 'bin': {
      switch (e.op) {
        case '+': return `<mrow>${wrap(e.a, 1)}<mo>+</mo>${wrap(e.b, 2)}</mrow>`;
        // a − (b + c) and a − (−b) keep their parentheses.
        case '-': return `<mrow>${wrap(e.a, 1)}<mo>−</mo>${wrap(e.b, 2)}</mrow>`;
        case '*': return `<mrow>${wrap(e.a, 2)}<mo>·</mo>${wrap(e.b, 3)}</mrow>`;
        case '/': return `<mfrac>${exprToMathML(e.a)}${exprToMathML(e.b)}</mfrac>`;
        case '^': return `<msup>${base(e.a)}${exprToMathML(e.b)}</msup>`;
      }
      break;
    }
    case 'call': {
      const args = e.args.map((a) => exprToMathML(a));
      switch (e.fn) {
        case 'sqrt': return `<msqrt>${args[0]}</msqrt>`;
        case 'abs': return `<mrow><mo>|</mo>${args[0]}<mo>|</mo></mrow>`;
        case 'pow': return `<msup>${base(e.args[0]!)}${args[1]}</msup>`;
        case 'exp': return `<msup><mi>e</mi>${args[0]}</msup>`;
        case 'log': return `<mrow><mi>ln</mi><mo>&#x2061;</mo>${paren(args[0]!)}</mrow>`;
        case 'log10': return `<mrow><msub><mi>log</mi><mn>10</mn></msub><mo>&#x2061;</mo>${paren(args[0]!)}</mrow>`;
        default: return `<mrow><mi>${e.fn}</mi><mo>&#x2061;</mo>${paren(args.join('<mo>,</mo>'))}</mrow>`;
      }
    }
  }
  throw new Error(`mathml: unknown expression node ${JSON.stringify(e)}`);
}

/** `lhs = expr` as a block `<math>` element; `lhs` is already MathML (see {@link nameMathML}, {@link derivativeMathML}). */
export function equationMathML(lhs: string, e: Expr, label?: string): string {
  const aria = label ? ` aria-label="${escapeXml(label)}"` : '';
  return `<math display="block"${aria}><mrow>${lhs}<mo>=</mo>${exprToMathML(e)}</mrow></math>`;
}

/** A symbol name as MathML. */
export function nameMathML(name: string): string {
  return `<mi>${escapeXml(name)}</mi>`;
}

/** d(state)/dt as MathML. */
export function derivativeMathML(state: string): string {
  return `<mfrac><mrow><mi mathvariant="normal">d</mi><mi>${escapeXml(state)}</mi></mrow><mrow><mi mathvariant="normal">d</mi><mi>t</mi></mrow></mfrac>`;
}
