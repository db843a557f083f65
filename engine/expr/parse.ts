import { FUNCTIONS, type Expr, type FunctionName } from './ast';

/**
 * Parses a model expression. The language is the subset of mathjs syntax that the model format allows:
 * numbers, names, `+ - * / ^`, unary minus, parentheses and `exp log log10 sqrt abs min max pow sin cos tan tanh`, with mathjs's
 * precedence (`^` binds tighter than unary minus and is right-associative: `-2^2 = -4`, `2^3^2 = 512`).
 *
 * Why not mathjs's own parser at run time: it alone is 85 kB gzip in the browser bundle (measured with
 * vite, `create({ parseDependencies })`), more than the embeddable widget's whole budget; the subset needs
 * ~150 lines. mathjs stays the reference: `test/engine/expr.test.ts` checks this parser against mathjs's
 * `evaluate` on every built-in model expression and on random expressions.
 *
 * `functions` (name → arity; `-1`: two or more) replaces the model language's functions, for other small languages
 * over the same syntax (the lesson answer expressions of engine/lesson/expr.ts). Default: `FUNCTIONS`.
 */
export function parseExpr(src: string, functions: Readonly<Record<string, number>> = FUNCTIONS): Expr {
  return new Parser(src, functions).parseAll();
}

/** A syntax error, with the 0-based column where it was found. */
export class ExprSyntaxError extends SyntaxError {
  constructor(message: string, readonly source: string, readonly column: number) {
    super(`${message} at column ${column + 1} of "${source}"`);
    this.name = 'ExprSyntaxError';
  }
}

type Token =
  | { t: 'num'; v: number; at: number }
  | { t: 'name'; v: string; at: number }
  | { t: 'op'; v: string; at: number }
  | { t: 'end'; at: number };

const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') { i++; continue; }
    const rest = src.slice(i);
    const num = NUMBER.exec(rest);
    if (num) {
      out.push({ t: 'num', v: Number(num[0]), at: i });
      i += num[0].length;
      continue;
    }
    const name = NAME.exec(rest);
    if (name) {
      out.push({ t: 'name', v: name[0], at: i });
      i += name[0].length;
      continue;
    }
    if ('+-*/^(),'.includes(ch)) {
      out.push({ t: 'op', v: ch, at: i });
      i++;
      continue;
    }
    throw new ExprSyntaxError(`unexpected character ${JSON.stringify(ch)} (allowed: numbers, names, + - * / ^ ( ) ,)`, src, i);
  }
  out.push({ t: 'end', at: src.length });
  return out;
}

class Parser {
  private readonly tokens: Token[];
  private pos = 0;
  constructor(private readonly src: string, private readonly functions: Readonly<Record<string, number>>) {
    this.tokens = tokenize(src);
  }

  parseAll(): Expr {
    if (this.peek().t === 'end') throw new ExprSyntaxError('empty expression', this.src, 0);
    const e = this.sum();
    const tok = this.peek();
    if (tok.t !== 'end') {
      const hint = tok.t === 'op' && tok.v === ')' ? 'unbalanced ")"' : `unexpected ${describe(tok)} (missing operator? write 2*x, not 2x)`;
      throw new ExprSyntaxError(hint, this.src, tok.at);
    }
    return e;
  }

  private peek(): Token { return this.tokens[this.pos]!; }
  private next(): Token { return this.tokens[this.pos++]!; }
  private isOp(v: string): boolean { const t = this.peek(); return t.t === 'op' && t.v === v; }

  private sum(): Expr {
    let a = this.product();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.next() as { v: '+' | '-' };
      a = { k: 'bin', op: op.v, a, b: this.product() };
    }
    return a;
  }

  private product(): Expr {
    let a = this.unary();
    while (this.isOp('*') || this.isOp('/')) {
      const op = this.next() as { v: '*' | '/' };
      a = { k: 'bin', op: op.v, a, b: this.unary() };
    }
    return a;
  }

  // mathjs: unary minus binds looser than ^ (so -2^2 = -(2^2)), tighter than * and /.
  private unary(): Expr {
    if (this.isOp('-')) { this.next(); return { k: 'neg', a: this.unary() }; }
    if (this.isOp('+')) { this.next(); return this.unary(); }
    return this.power();
  }

  // Right-associative; the exponent may carry its own unary sign (2^-1).
  private power(): Expr {
    const base = this.atom();
    if (this.isOp('^')) {
      this.next();
      return { k: 'bin', op: '^', a: base, b: this.unary() };
    }
    return base;
  }

  private atom(): Expr {
    const tok = this.next();
    if (tok.t === 'num') return { k: 'num', v: tok.v };
    if (tok.t === 'name') {
      if (this.isOp('(')) return this.call(tok.v, tok.at);
      return { k: 'sym', name: tok.v };
    }
    if (tok.t === 'op' && tok.v === '(') {
      const e = this.sum();
      if (!this.isOp(')')) throw new ExprSyntaxError('expected ")"', this.src, this.peek().at);
      this.next();
      return e;
    }
    throw new ExprSyntaxError(`expected a number, a name or "(" but found ${describe(tok)}`, this.src, tok.at);
  }

  private call(name: string, at: number): Expr {
    if (!Object.hasOwn(this.functions, name)) {
      throw new ExprSyntaxError(`unknown function ${name}() (allowed: ${Object.keys(this.functions).join(', ')})`, this.src, at);
    }
    const fn = name as FunctionName;
    this.next(); // (
    const args: Expr[] = [];
    if (!this.isOp(')')) {
      args.push(this.sum());
      while (this.isOp(',')) { this.next(); args.push(this.sum()); }
    }
    if (!this.isOp(')')) throw new ExprSyntaxError(`expected "," or ")" in ${name}()`, this.src, this.peek().at);
    this.next();
    const arity = this.functions[fn]!;
    if (arity > 0 && args.length !== arity) throw new ExprSyntaxError(`${name}() takes ${arity} argument${arity === 1 ? '' : 's'}, got ${args.length}`, this.src, at);
    if (arity === -1 && args.length < 2) throw new ExprSyntaxError(`${name}() takes 2 or more arguments, got ${args.length}`, this.src, at);
    return { k: 'call', fn, args };
  }
}

function describe(tok: Token): string {
  switch (tok.t) {
    case 'end': return 'the end of the expression';
    case 'num': return `number ${tok.v}`;
    case 'name': return `name "${tok.v}"`;
    case 'op': return `"${tok.v}"`;
  }
}
