import { describe, expect, it } from 'vitest';
import { parseExpr } from '../../engine/expr/parse';
import { compileExpr } from '../../engine/expr/compile';
import { MODELS } from '../../models/index';
import { derivativeMathML, equationMathML, escapeXml, exprToMathML, nameMathML } from '../../ui/mathml';
import { randomExpr, rng } from '../helpers/random-expr';

// The MathML is checked against the truth it must show: a small reader of the generated MathML (written here,
// independent of ui/mathml.ts) evaluates it as a person reading the rendered formula would (fractions, powers,
// radicals, bars, operators by precedence, parentheses), and the value must equal the expression's own.

interface Node { tag: string; kids: Node[]; text: string }

/** Parses the generated MathML (elements, text, character references) into a tree. */
function parseXml(src: string): Node {
  const root: Node = { tag: '#root', kids: [], text: '' };
  const stack = [root];
  const re = /<(\/?)([a-z]+)([^>]*)>|([^<]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(src))) {
    if (m[4] !== undefined) { stack[stack.length - 1]!.text += m[4].replace(/&#x2061;/g, '\u2061').replace(/&amp;/g, '&').replace(/&lt;/g, '<'); continue; }
    if (m[1]) { const done = stack.pop()!; if (done.tag !== m[2]) throw new Error(`</${m[2]}> closes <${done.tag}>`); continue; }
    const n: Node = { tag: m[2]!, kids: [], text: '' };
    stack[stack.length - 1]!.kids.push(n);
    stack.push(n);
  }
  if (stack.length !== 1) throw new Error('unclosed element');
  return root.kids[0]!;
}

type Scope = Record<string, number>;

/** The items of a row as a reader sees them: an `<mrow>` groups nothing visible, so nested rows are flattened. */
function flatten(items: Node[]): Node[] {
  return items.flatMap((n) => (n.tag === 'mrow' ? flatten(n.kids) : [n]));
}

/** Evaluates a row of operands and operators with the usual precedence: unary −, then ·/×, then + and −. */
function evalRow(row: Node[], scope: Scope): number {
  const items = flatten(row);
  let i = 0;
  const peek = () => items[i];
  const isOp = (n: Node | undefined, ...ops: string[]) => n?.tag === 'mo' && ops.includes(n.text);
  const expect = (op: string) => { if (!isOp(items[i++], op)) throw new Error(`expected ${op} at ${i - 1}`); };
  // Every product is written with an explicit ·, so a bar after an operand closes and a bar before one opens.
  const primary = (): number => {
    const n = items[i++]!;
    if (!n) throw new Error('missing operand');
    if (isOp(n, '(')) { const v = sum(); expect(')'); return v; }
    if (isOp(n, '|')) { const v = sum(); expect('|'); return Math.abs(v); }
    if (isOp(peek(), '\u2061')) { // function application: f ⁡ (args)
      i++;
      expect('(');
      const args = [sum()];
      while (isOp(peek(), ',')) { i++; args.push(sum()); }
      expect(')');
      const fn = n.tag === 'msub' ? 'log10' : n.text;
      const f: Record<string, (...a: number[]) => number> = { ln: Math.log, log10: Math.log10, min: Math.min, max: Math.max, sin: Math.sin, cos: Math.cos, tan: Math.tan, tanh: Math.tanh };
      if (!f[fn]) throw new Error(`unknown function ${fn}`);
      return f[fn]!(...args);
    }
    return evalNode(n, scope);
  };
  const unary = (): number => (isOp(peek(), '−') ? (i++, -unary()) : primary());
  const product = (): number => { let v = unary(); while (isOp(peek(), '·', '×')) { i++; v *= unary(); } return v; };
  function sum(): number { let v = product(); while (isOp(peek(), '+', '−')) { const op = items[i++]!.text; const w = product(); v = op === '+' ? v + w : v - w; } return v; }
  const v = sum();
  if (i !== items.length) throw new Error(`unread items from ${i}: ${items.slice(i).map((n) => n.tag + n.text).join(' ')}`);
  return v;
}

function evalNode(n: Node, scope: Scope): number {
  switch (n.tag) {
    case 'math': case 'mrow': return evalRow(n.kids, scope);
    case 'mn': return Number(n.text.replace('−', '-'));
    case 'mi': if (n.text === 'π') return Math.PI; if (n.text === 'e') return Math.E; if (!(n.text in scope)) throw new Error(`unknown ${n.text}`); return scope[n.text]!;
    case 'mfrac': return evalNode(n.kids[0]!, scope) / evalNode(n.kids[1]!, scope);
    case 'msup': return evalNode(n.kids[0]!, scope) ** evalNode(n.kids[1]!, scope);
    case 'msqrt': return Math.sqrt(evalRow(n.kids, scope));
    default: throw new Error(`unexpected <${n.tag}>`);
  }
}

const readMathML = (xml: string, scope: Scope) => evalNode(parseXml(xml), scope);

function valueOf(src: string, scope: Scope): number {
  const names = Object.keys(scope);
  return compileExpr(parseExpr(src), { constant: (n) => scope[n], slot: () => undefined })(new Float64Array(0)) + 0 * names.length;
}

function same(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  return a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}


describe('MathML from expression trees (ui/mathml.ts)', () => {
  it('draws a division as a fraction, a power as a superscript and keeps parentheses only where needed', () => {
    expect(exprToMathML(parseExpr('cl / v'))).toBe('<mfrac><mi>cl</mi><mi>v</mi></mfrac>');
    expect(exprToMathML(parseExpr('a * (b + c)'))).toBe('<mrow><mi>a</mi><mo>·</mo><mrow><mo>(</mo><mrow><mi>b</mi><mo>+</mo><mi>c</mi></mrow><mo>)</mo></mrow></mrow>');
    expect(exprToMathML(parseExpr('a * b + c'))).toBe('<mrow><mrow><mi>a</mi><mo>·</mo><mi>b</mi></mrow><mo>+</mo><mi>c</mi></mrow>');
    expect(exprToMathML(parseExpr('x ^ 2'))).toBe('<msup><mi>x</mi><mn>2</mn></msup>');
    expect(exprToMathML(parseExpr('sqrt(x)'))).toBe('<msqrt><mi>x</mi></msqrt>');
    expect(exprToMathML(parseExpr('2 * pi'))).toBe('<mrow><mn>2</mn><mo>·</mo><mi>π</mi></mrow>');
  });

  it.each([
    ['-2^2', -4], ['2^3^2', 512], ['(2^3)^2', 64], ['1 - -1', 2], ['8 / 4 / 2', 1], ['a - (b - c)', 1 - (2 - 3)], ['(-2)^2', 4],
    ['1e-3 * 2', 0.002], ['exp(1) * log(x)', Math.E * Math.log(1.5)], ['log10(1000) + pow(2, 10)', 1027], ['abs(-a) * max(a, b, c)', 3],
  ])('%s reads back as %d', (src, expected) => {
    const scope = { a: 1, b: 2, c: 3, x: 1.5 };
    expect(readMathML(exprToMathML(parseExpr(src)), scope)).toBeCloseTo(expected, 12);
  });

  it('2000 random expressions read back from their MathML to the value the engine computes (rel. 1e-9)', () => {
    const r = rng(4242);
    let compared = 0;
    for (let i = 0; i < 2000; i++) {
      const src = randomExpr(r, 4);
      const s = { x: r() * 4 - 2, y: r() * 4 - 2, z_2: r() * 4 };
      const want = valueOf(src, s);
      if (!Number.isFinite(want) || Math.abs(want) > 1e12) continue;
      const got = readMathML(exprToMathML(parseExpr(src)), s);
      if (!same(got, want)) throw new Error(`${src}: MathML reads ${got}, the engine computes ${want}\n${exprToMathML(parseExpr(src))}`);
      compared++;
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('every equation of every built-in model becomes MathML that reads back to its value', () => {
    for (const m of Object.values(MODELS)) {
      for (const e of [...m.expressions, ...m.outputs]) {
        const tree = parseExpr(String(e.expr));
        const xml = equationMathML(nameMathML(e.name), tree, e.name);
        expect(xml.startsWith(`<math display="block" aria-label="${e.name}"><mrow><mi>${e.name}</mi><mo>=</mo>`)).toBe(true);
        const scope: Scope = {};
        const names = new Set<string>();
        const walk = (x: ReturnType<typeof parseExpr>): void => { if (x.k === 'sym') names.add(x.name); else if (x.k === 'neg') walk(x.a); else if (x.k === 'bin') { walk(x.a); walk(x.b); } else if (x.k === 'call') x.args.forEach(walk); };
        walk(tree);
        let k = 0;
        for (const n of names) scope[n] = 0.3 + 0.17 * ++k;
        scope['pi'] = Math.PI;
        expect(same(readMathML(exprToMathML(tree), scope), valueOf(String(e.expr), scope)), `${m.id} ${e.name}`).toBe(true);
      }
    }
  });

  it('escapes text and writes d(state)/dt as a fraction', () => {
    expect(escapeXml('a<b & "c"')).toBe('a&lt;b &amp; &quot;c&quot;');
    expect(derivativeMathML('gut_mg')).toBe('<mfrac><mrow><mi mathvariant="normal">d</mi><mi>gut_mg</mi></mrow><mrow><mi mathvariant="normal">d</mi><mi>t</mi></mrow></mfrac>');
  });
});
