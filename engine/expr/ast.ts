/** Expression tree of the model language: a small, JSON-serialisable subset of mathjs syntax. */
export type Expr =
  | { readonly k: 'num'; readonly v: number }
  | { readonly k: 'sym'; readonly name: string }
  | { readonly k: 'neg'; readonly a: Expr }
  | { readonly k: 'bin'; readonly op: BinaryOp; readonly a: Expr; readonly b: Expr }
  | { readonly k: 'call'; readonly fn: FunctionName; readonly args: readonly Expr[] };

export type BinaryOp = '+' | '-' | '*' | '/' | '^';

/** Functions allowed in model expressions, with their arity (`-1`: two or more). */
export const FUNCTIONS = {
  exp: 1, log: 1, log10: 1, sqrt: 1, abs: 1, min: -1, max: -1, pow: 2,
  // Periodic inputs, e.g. a circadian rhythm: sin(2 * pi * (t - 4) / 24).
  sin: 1, cos: 1, tan: 1, tanh: 1,
} as const;
export type FunctionName = keyof typeof FUNCTIONS;

/** Names of all symbols an expression reads, in first-use order. */
export function symbolsOf(e: Expr, out: string[] = []): string[] {
  switch (e.k) {
    case 'num': break;
    case 'sym': if (!out.includes(e.name)) out.push(e.name); break;
    case 'neg': symbolsOf(e.a, out); break;
    case 'bin': symbolsOf(e.a, out); symbolsOf(e.b, out); break;
    case 'call': e.args.forEach((x) => symbolsOf(x, out)); break;
  }
  return out;
}
