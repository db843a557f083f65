/**
 * Closed-form steady states for linear models (docs/dosing.md): when every ODE is affine in the states and does
 * not read the time, dy/dt = A·y + b, the state after one dosing interval is an affine map of the state before it,
 * y(t) = Φ·y(t − ii) + c, built exactly from matrix exponentials (piecewise between the interval's inputs), and
 * the steady state is the fixed point y = (I − Φ)⁻¹·c. A constant infusion r gives A·y + b + r = 0.
 */
import type { Expr } from './expr/ast';
import type { CompiledModel } from './model/compile';
import type { PreparedModel } from './model/load';
import type { RunInput } from './records';

type Degree = 0 | 1 | 2; // 0 constant, 1 affine in the states, 2 anything else (or reads the time)

/**
 * Whether a model is linear time-invariant: every ODE is affine in the states (through its expressions), with
 * coefficients of parameters only, and nothing reads the time `t`. Decided from the expression trees, so a
 * model that merely happens to behave linearly for some values is not taken for linear.
 */
export function isLinearModel(model: PreparedModel): boolean {
  const states = new Set(model.spec.states.map((s) => s.name));
  const exprIndex = new Map(model.spec.expressions.map((x, i) => [x.name, i]));
  const memo = new Map<number, Degree>();
  const degree = (e: Expr): Degree => {
    switch (e.k) {
      case 'num': return 0;
      case 'sym': {
        if (e.name === 't') return 2;
        if (states.has(e.name)) return 1;
        const i = exprIndex.get(e.name);
        if (i === undefined) return 0; // a parameter or constant
        if (!memo.has(i)) memo.set(i, degree(model.expressions[i]!));
        return memo.get(i)!;
      }
      case 'neg': return degree(e.a);
      case 'bin': {
        const a = degree(e.a);
        const b = degree(e.b);
        if (e.op === '+' || e.op === '-') return Math.max(a, b) as Degree;
        if (e.op === '*') return a === 0 ? b : b === 0 ? a : 2;
        if (e.op === '/') return b === 0 ? a : 2;
        return a === 0 && b === 0 ? 0 : 2; // '^'
      }
      case 'call': return e.args.every((x) => degree(x) === 0) ? 0 : 2;
    }
  };
  return model.odes.every((e) => degree(e) <= 1);
}

/** A dense n×n matrix, row-major. */
type Mat = Float64Array<ArrayBufferLike>[];

const zeros = (n: number): Mat => Array.from({ length: n }, () => new Float64Array(n));
const identity = (n: number): Mat => { const m = zeros(n); for (let i = 0; i < n; i++) m[i]![i] = 1; return m; };
function mul(a: Mat, b: Mat): Mat {
  const n = a.length;
  const c = zeros(n);
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) { const x = a[i]![k]!; if (x !== 0) for (let j = 0; j < n; j++) c[i]![j]! += x * b[k]![j]!; }
  return c;
}

/** Solves M·x = v by Gaussian elimination with partial pivoting; undefined when M is singular. */
function solve(m: Mat, v: Float64Array): Float64Array | undefined {
  const n = m.length;
  const a = m.map((r) => Float64Array.from(r));
  const x = Float64Array.from(v);
  const scale = Math.max(...a.map((r) => Math.max(...r.map(Math.abs))));
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[p]![c]!)) p = r;
    if (!(Math.abs(a[p]![c]!) > 1e-13 * scale)) return undefined;
    [a[c], a[p]] = [a[p]!, a[c]!];
    [x[c], x[p]] = [x[p]!, x[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = a[r]![c]! / a[c]![c]!;
      if (f === 0) continue;
      for (let j = c; j < n; j++) a[r]![j]! -= f * a[c]![j]!;
      x[r]! -= f * x[c]!;
    }
  }
  for (let c = n - 1; c >= 0; c--) {
    let s = x[c]!;
    for (let j = c + 1; j < n; j++) s -= a[c]![j]! * x[j]!;
    x[c] = s / a[c]![c]!;
  }
  return x;
}

/**
 * e^M by scaling and squaring with the [6/6] Padé approximant (Moler & Van Loan 2003, "Nineteen dubious ways",
 * method 3): M is halved until its norm is ≤ 0.5, where the approximant's relative error is below 1e-15.
 */
export function expm(m: Mat): Mat {
  const n = m.length;
  const norm = Math.max(...m.map((r) => r.reduce((s, x) => s + Math.abs(x), 0)));
  const s = norm > 0.5 ? Math.ceil(Math.log2(norm / 0.5)) : 0;
  const a = m.map((r) => r.map((x) => x / 2 ** s));
  const q = 6;
  let c = 0.5;
  let x: Mat = a;
  const num = identity(n);
  const den = identity(n);
  for (let k = 1; k <= q; k++) {
    if (k > 1) { c = (c * (q - k + 1)) / (k * (2 * q - k + 1)); x = mul(a, x); }
    const sign = k % 2 === 0 ? 1 : -1;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) { num[i]![j]! += c * x[i]![j]!; den[i]![j]! += sign * c * x[i]![j]!; }
  }
  // e^A ≈ den⁻¹·num, column by column.
  const cols = Array.from({ length: n }, (_, j) => solve(den, Float64Array.from(num, (r) => r[j]!))!);
  let e = zeros(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) e[i]![j] = cols[j]![i]!;
  for (let k = 0; k < s; k++) e = mul(e, e);
  return e;
}

/** A and b of dy/dt = A·y + b for the read states (`idx`), from the compiled right-hand side (exact for affine). */
function linearise(compiled: CompiledModel, idx: readonly number[]): { a: Mat; b: Float64Array } {
  const n = compiled.n;
  const y = new Float64Array(n);
  const f0 = new Float64Array(n);
  compiled.rhs(0, y, f0);
  const a = zeros(idx.length);
  const f = new Float64Array(n);
  idx.forEach((sj, j) => {
    y.fill(0);
    y[sj] = 1;
    compiled.rhs(0, y, f);
    idx.forEach((si, i) => { a[i]![j] = f[si]! - f0[si]!; });
  });
  return { a, b: Float64Array.from(idx, (si) => f0[si]!) };
}

/** The state indices the steady state is solved for: those an equation reads (others keep no steady state). */
const readIndices = (n: number, readStates?: readonly boolean[]) => Array.from({ length: n }, (_, i) => i).filter((i) => readStates?.[i] !== false);

/**
 * The steady state just before `t` of the inputs of one dosing interval [from, t) repeated for ever (the same
 * inputs `periodicSteadyState` integrates), in closed form. Returns undefined when I − Φ is singular (no unique
 * steady state, e.g. a state that only accumulates).
 */
export function linearPeriodicSteadyState(inputs: readonly RunInput[], from: number, t: number, compiled: CompiledModel,
  readStates?: readonly boolean[]): Float64Array | undefined {
  const idx = readIndices(compiled.n, readStates);
  const m = idx.length;
  const pos = new Map(idx.map((si, i) => [si, i]));
  const { a, b } = linearise(compiled, idx);
  // The interval map y ↦ Φ·y + c, composed piece by piece: a bolus adds to c; between inputs, with the
  // augmented matrix [[A, v], [0, 0]]·Δ (v = b + rates), e^(A·Δ) and ∫ e^(A·u)·v du come from one exponential.
  let phi = identity(m);
  let c = new Float64Array(m);
  let rates = new Float64Array(m);
  let at = from;
  const advance = (to: number) => {
    const dt = to - at;
    if (dt <= 0) return;
    const aug = zeros(m + 1);
    for (let i = 0; i < m; i++) { for (let j = 0; j < m; j++) aug[i]![j] = a[i]![j]! * dt; aug[i]![m] = (b[i]! + rates[i]!) * dt; }
    const e = expm(aug);
    const ePart = e.slice(0, m).map((r) => r.slice(0, m));
    phi = mul(ePart, phi);
    const next = new Float64Array(m);
    for (let i = 0; i < m; i++) { let s = e[i]![m]!; for (let j = 0; j < m; j++) s += ePart[i]![j]! * c[j]!; next[i] = s; }
    c = next;
    at = to;
  };
  for (const x of inputs) {
    advance(x.timeH);
    if (x.op === undefined) { const i = pos.get(x.state); if (i !== undefined) c[i]! += x.amount; continue; }
    if (x.op.kind !== 'rates') return undefined;
    const r = x.op.rates;
    rates = r ? Float64Array.from(idx, (si) => r[si]!) : new Float64Array(m);
  }
  advance(t);
  const iMinusPhi = phi.map((row, i) => row.map((v, j) => (i === j ? 1 : 0) - v));
  const ys = solve(iMinusPhi, c);
  return ys && expandTo(ys, idx, compiled);
}

/** The steady state of a constant zero-order input `rates` (per state), in closed form: A·y + b + r = 0. */
export function linearInfusionSteadyState(rates: Float64Array, compiled: CompiledModel, readStates?: readonly boolean[]): Float64Array | undefined {
  const idx = readIndices(compiled.n, readStates);
  const { a, b } = linearise(compiled, idx);
  const ys = solve(a, Float64Array.from(idx, (si, i) => -(b[i]! + rates[si]!)));
  return ys && expandTo(ys, idx, compiled);
}

/** A full state vector: the solved states, the others at their initial values. */
function expandTo(ys: Float64Array, idx: readonly number[], compiled: CompiledModel): Float64Array | undefined {
  if (!ys.every(Number.isFinite)) return undefined;
  const y = Float64Array.from(compiled.y0);
  idx.forEach((si, i) => { y[si] = ys[i]!; });
  return y;
}
