import type { Expr } from './ast';

/** A compiled expression: reads its variables from `scope` (a slot per symbol). */
export type Compiled = (scope: Float64Array) => number;

/** How to resolve a symbol at compile time. */
export interface SymbolTable {
  /** Value known at compile time (parameters): folded into the closure as a constant. */
  constant(name: string): number | undefined;
  /** Slot of a value known only at run time (`t`, states, derived expressions). */
  slot(name: string): number | undefined;
}

/**
 * Turns an expression tree into plain JS closures. Closures rather than `new Function`: they run under a
 * Content-Security-Policy without `unsafe-eval` (a widget on a school's site), and `npm run bench` measures
 * them against generated code and mathjs's `evaluate` (see the README). Sub-trees that depend only on
 * constants are folded first, so per-parameter-set compilation leaves little to do in the integrator.
 */
export function compileExpr(e: Expr, symbols: SymbolTable): Compiled {
  return build(fold(e, symbols), symbols);
}

/** Evaluates a constant expression (symbols from `symbols.constant` only). */
export function evaluateConstant(e: Expr, symbols: SymbolTable): number {
  const f = fold(e, symbols);
  if (f.k !== 'num') throw new RangeError('expression is not constant');
  return f.v;
}

function applyOp(op: string, a: number, b: number): number {
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return a / b;
    default: return Math.pow(a, b);
  }
}

function applyFn(fn: string, args: number[]): number {
  switch (fn) {
    case 'exp': return Math.exp(args[0]!);
    case 'log': return Math.log(args[0]!);
    case 'log10': return Math.log10(args[0]!);
    case 'pow': return Math.pow(args[0]!, args[1]!);
    case 'sin': return Math.sin(args[0]!);
    case 'cos': return Math.cos(args[0]!);
    case 'tan': return Math.tan(args[0]!);
    case 'tanh': return Math.tanh(args[0]!);
    case 'sqrt': return Math.sqrt(args[0]!);
    case 'abs': return Math.abs(args[0]!);
    case 'min': return Math.min(...args);
    default: return Math.max(...args);
  }
}

/** Folds sub-trees that depend only on constants into numbers. */
export function fold(e: Expr, symbols: SymbolTable): Expr {
  switch (e.k) {
    case 'num': return e;
    case 'sym': {
      const v = symbols.constant(e.name);
      return v === undefined ? e : { k: 'num', v };
    }
    case 'neg': {
      const a = fold(e.a, symbols);
      return a.k === 'num' ? { k: 'num', v: -a.v } : { k: 'neg', a };
    }
    case 'bin': {
      const a = fold(e.a, symbols);
      const b = fold(e.b, symbols);
      if (a.k === 'num' && b.k === 'num') return { k: 'num', v: applyOp(e.op, a.v, b.v) };
      return { k: 'bin', op: e.op, a, b };
    }
    case 'call': {
      const args = e.args.map((x) => fold(x, symbols));
      if (args.every((x) => x.k === 'num')) {
        return { k: 'num', v: applyFn(e.fn, args.map((x) => (x as { v: number }).v)) };
      }
      return { k: 'call', fn: e.fn, args };
    }
  }
}

function build(e: Expr, symbols: SymbolTable): Compiled {
  switch (e.k) {
    case 'num': { const v = e.v; return () => v; }
    case 'sym': {
      const i = symbols.slot(e.name);
      if (i === undefined) throw new ReferenceError(`unknown symbol "${e.name}"`);
      return (s) => s[i]!;
    }
    case 'neg': { const a = build(e.a, symbols); return (s) => -a(s); }
    case 'bin': return buildBinary(e.op, e.a, e.b, symbols);
    case 'call': {
      const args = e.args.map((x) => build(x, symbols));
      const [a, b] = args as [Compiled, Compiled];
      switch (e.fn) {
        case 'exp': return (s) => Math.exp(a(s));
        case 'log': return (s) => Math.log(a(s));
        case 'log10': return (s) => Math.log10(a(s));
        case 'pow': return (s) => Math.pow(a(s), b(s));
        case 'sin': return (s) => Math.sin(a(s));
        case 'cos': return (s) => Math.cos(a(s));
        case 'tan': return (s) => Math.tan(a(s));
        case 'tanh': return (s) => Math.tanh(a(s));
        case 'sqrt': return (s) => Math.sqrt(a(s));
        case 'abs': return (s) => Math.abs(a(s));
        case 'min': return args.length === 2 ? (s) => Math.min(a(s), b(s)) : (s) => Math.min(...args.map((f) => f(s)));
        case 'max': return args.length === 2 ? (s) => Math.max(a(s), b(s)) : (s) => Math.max(...args.map((f) => f(s)));
      }
    }
  }
}

/** Slot index of a symbol leaf, or undefined for anything else. */
function slotOf(e: Expr, symbols: SymbolTable): number | undefined {
  if (e.k !== 'sym') return undefined;
  const i = symbols.slot(e.name);
  if (i === undefined) throw new ReferenceError(`unknown symbol "${e.name}"`);
  return i;
}

// Leaves read the scope directly: most nodes of a model's tree have a symbol or a constant as an operand, and
// an indirect call per leaf was most of the evaluation time (the closures are megamorphic, so V8 cannot
// inline them).
function buildLeafBinary(op: string, ea: Expr, eb: Expr, symbols: SymbolTable): Compiled | undefined {
  const i = slotOf(ea, symbols);
  const j = slotOf(eb, symbols);
  if (i !== undefined && j !== undefined) {
    switch (op) {
      case '+': return (s) => s[i]! + s[j]!;
      case '-': return (s) => s[i]! - s[j]!;
      case '*': return (s) => s[i]! * s[j]!;
      case '/': return (s) => s[i]! / s[j]!;
      default: return (s) => Math.pow(s[i]!, s[j]!);
    }
  }
  if (i !== undefined && eb.k === 'num') {
    const c = eb.v;
    switch (op) {
      case '+': return (s) => s[i]! + c;
      case '-': return (s) => s[i]! - c;
      case '*': return (s) => s[i]! * c;
      case '/': return (s) => s[i]! / c;
      default: return (s) => Math.pow(s[i]!, c);
    }
  }
  if (j !== undefined && ea.k === 'num') {
    const c = ea.v;
    switch (op) {
      case '+': return (s) => c + s[j]!;
      case '-': return (s) => c - s[j]!;
      case '*': return (s) => c * s[j]!;
      case '/': return (s) => c / s[j]!;
      default: return (s) => Math.pow(c, s[j]!);
    }
  }
  if (i !== undefined) {
    const b = build(eb, symbols);
    switch (op) {
      case '+': return (s) => s[i]! + b(s);
      case '-': return (s) => s[i]! - b(s);
      case '*': return (s) => s[i]! * b(s);
      case '/': return (s) => s[i]! / b(s);
      default: return (s) => Math.pow(s[i]!, b(s));
    }
  }
  if (j !== undefined) {
    const a = build(ea, symbols);
    switch (op) {
      case '+': return (s) => a(s) + s[j]!;
      case '-': return (s) => a(s) - s[j]!;
      case '*': return (s) => a(s) * s[j]!;
      case '/': return (s) => a(s) / s[j]!;
      default: return (s) => Math.pow(a(s), s[j]!);
    }
  }
  return undefined;
}

// Specialised closures for the common shapes (slot op constant, constant op slot) save a call per node.
function buildBinary(op: string, ea: Expr, eb: Expr, symbols: SymbolTable): Compiled {
  const leaf = buildLeafBinary(op, ea, eb, symbols);
  if (leaf) return leaf;
  // Every power is Math.pow (no x·x or sqrt shortcuts), so closures and generated code (codegen.ts) perform
  // the same operations and give bit-identical results.
  if (eb.k === 'num') {
    const a = build(ea, symbols);
    const c = eb.v;
    switch (op) {
      case '+': return (s) => a(s) + c;
      case '-': return (s) => a(s) - c;
      case '*': return (s) => a(s) * c;
      case '/': { const r = c; return (s) => a(s) / r; }
    }
  }
  if (ea.k === 'num') {
    const c = ea.v;
    const b = build(eb, symbols);
    switch (op) {
      case '+': return (s) => c + b(s);
      case '-': return (s) => c - b(s);
      case '*': return (s) => c * b(s);
      case '/': return (s) => c / b(s);
      case '^': return (s) => Math.pow(c, b(s));
    }
  }
  const a = build(ea, symbols);
  const b = build(eb, symbols);
  switch (op) {
    case '+': return (s) => a(s) + b(s);
    case '-': return (s) => a(s) - b(s);
    case '*': return (s) => a(s) * b(s);
    case '/': return (s) => a(s) / b(s);
    default: return (s) => Math.pow(a(s), b(s));
  }
}
