import { FUNCTIONS, symbolsOf, type Expr } from '../expr/ast';
import { parseExpr, ExprSyntaxError } from '../expr/parse';
import { LimitError, quote } from '../limits';
import { checkModelSize } from '../input-limits';
import type { ExprSource, ModelSpec, ParameterBounds } from './types';
import { BOUND_KEYS, describeBounds, withinBounds } from './bounds';

/** A model that failed validation. The message names the model, the field and the offending expression. */
export class ModelError extends Error {
  constructor(readonly modelId: string, readonly field: string, detail: string) {
    super(`model "${modelId}": ${field}: ${detail}`);
    this.name = 'ModelError';
  }
}

/** A validated model with every expression parsed once. Plain data: safe to send to a worker. */
export interface PreparedModel {
  readonly spec: ModelSpec;
  readonly initial: readonly Expr[];
  readonly expressions: readonly Expr[];
  /** One per state, in state order. */
  readonly odes: readonly Expr[];
  readonly outputs: readonly Expr[];
  readonly doses: readonly { readonly bioavailability: Expr; readonly lag: Expr }[];
  /** `spec.dosedStates` parsed, in order (empty when the model declares none). */
  readonly dosedStates?: readonly PreparedDosedState[];
}

/** A dosed state's expressions (`DosedStateSpec`), parsed. */
export interface PreparedDosedState {
  readonly state: string;
  readonly bioavailability: Expr;
  readonly lag: Expr;
  readonly rate?: Expr;
  readonly dur?: Expr;
}

/** Symbols the engine defines; models may not redefine them. */
export const RESERVED = ['t', 'pi', 'e', ...Object.keys(FUNCTIONS)] as const;
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

function toExpr(src: ExprSource | undefined, fallback: number, modelId: string, field: string): Expr {
  if (src === undefined) return { k: 'num', v: fallback };
  if (typeof src === 'number') {
    if (!Number.isFinite(src)) throw new ModelError(modelId, field, `expected a finite number, got ${src}`);
    return { k: 'num', v: src };
  }
  if (typeof src !== 'string') throw new ModelError(modelId, field, `expected an expression string or a number, got ${quote(src)}`);
  try {
    return parseExpr(src);
  } catch (err) {
    if (err instanceof ExprSyntaxError) throw new ModelError(modelId, field, err.message);
    throw err;
  }
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function requireArray(spec: Record<string, unknown>, key: string, id: string): unknown[] {
  const v = spec[key];
  if (!Array.isArray(v)) throw new ModelError(id, key, `expected an array, got ${v === undefined ? 'nothing' : JSON.stringify(v).slice(0, 60)}`);
  return v;
}

function requireString(obj: Record<string, unknown>, key: string, id: string, field: string): string {
  const v = obj[key];
  if (typeof v !== 'string' || v.trim() === '') throw new ModelError(id, `${field}.${key}`, `expected a non-empty string, got ${quote(v)}`);
  return v;
}

/**
 * Validates a model and parses its expressions, failing at load time rather than halfway through an
 * integration: every symbol is defined exactly once, names are valid, expressions only use what is defined
 * before them (no cycles), every state has an ODE, units and sources are declared, doses enter existing
 * states, and bioavailability and lag depend on parameters only.
 *
 * Accepts `unknown` so that a researcher's JSON file gets the same checks as a built-in model.
 * @throws ModelError naming the model, the field (e.g. `expressions[2] "kout"`) and what was expected.
 */
export function prepareModel(input: unknown): PreparedModel {
  if (!isObject(input)) throw new ModelError('?', 'model', 'expected a JSON object');
  const id = typeof input.id === 'string' && input.id ? input.id.slice(0, 100) : '?';
  try { checkModelSize(input, ''); } catch (err) { if (err instanceof LimitError) throw new ModelError(id, err.field, err.message.slice(err.field.length + 2)); throw err; }
  requireString(input, 'id', id, 'model');
  if (typeof input.version !== 'string') throw new ModelError(id, 'version', `expected a version string such as "1.0.0", got ${quote(input.version)}`);
  const spec = input as unknown as ModelSpec;

  const defined = new Map<string, string>(); // name -> where
  const define = (name: unknown, where: string) => {
    if (typeof name !== 'string' || !NAME_RE.test(name)) {
      throw new ModelError(id, where, `expected a name of letters, digits and _ (not starting with a digit), got ${quote(name)}`);
    }
    if ((RESERVED as readonly string[]).includes(name)) throw new ModelError(id, where, `"${name}" is reserved (reserved: ${RESERVED.join(', ')})`);
    const prev = defined.get(name);
    if (prev) throw new ModelError(id, where, `"${name}" is already defined by ${prev}`);
    defined.set(name, where);
  };

  const params = requireArray(input, 'parameters', id);
  const paramNames = new Set<string>();
  params.forEach((p, i) => {
    const where = `parameters[${i}]`;
    if (!isObject(p)) throw new ModelError(id, where, 'expected an object {name, value, unit, label, source}');
    define(p.name, `${where} "${String(p.name)}"`);
    const w = `${where} "${String(p.name)}"`;
    if (typeof p.value !== 'number' || !Number.isFinite(p.value)) throw new ModelError(id, `${w}.value`, `expected a finite number, got ${quote(p.value)}`);
    requireString(p, 'unit', id, w);
    requireString(p, 'source', id, w);
    if (p.label !== undefined && typeof p.label !== 'string') throw new ModelError(id, `${w}.label`, 'expected a string');
    if (p.range !== undefined) {
      const r = p.range;
      if (!Array.isArray(r) || r.length !== 2 || !r.every((x) => typeof x === 'number' && Number.isFinite(x)) || r[0] > r[1]) {
        throw new ModelError(id, `${w}.range`, `expected [min, max] with min <= max, got ${quote(r)}`);
      }
      if (p.value < r[0] || p.value > r[1]) throw new ModelError(id, `${w}.value`, `expected a value within its range [${r[0]}, ${r[1]}], got ${p.value}`);
    }
    if (p.bounds !== undefined) {
      const b = p.bounds;
      const bad = !isObject(b) || Object.entries(b).some(([k, x]) => !(BOUND_KEYS as readonly string[]).includes(k) || typeof x !== 'number' || !Number.isFinite(x))
        || (b.minimum !== undefined && b.exclusiveMinimum !== undefined) || (b.maximum !== undefined && b.exclusiveMaximum !== undefined);
      if (bad) {
        throw new ModelError(id, `${w}.bounds`, `expected {minimum?, exclusiveMinimum?, maximum?, exclusiveMaximum?} with finite numbers (one lower and one upper at most), got ${quote(b)}`);
      }
    }
    const bp = { value: p.value as number, bounds: p.bounds as ParameterBounds | undefined };
    if (!withinBounds(bp, p.value as number)) throw new ModelError(id, `${w}.value`, `expected a value within its bounds (${describeBounds(bp)}), got ${p.value}`);
    if (Array.isArray(p.range) && !(p.range as number[]).every((x) => withinBounds(bp, x))) {
      throw new ModelError(id, `${w}.range`, `expected a typical range within the bounds (${describeBounds(bp)}), got ${quote(p.range)}`);
    }
    paramNames.add(p.name as string);
  });

  const states = requireArray(input, 'states', id);
  if (states.length === 0) throw new ModelError(id, 'states', 'expected at least one state');
  states.forEach((s, i) => {
    const where = `states[${i}]`;
    if (!isObject(s)) throw new ModelError(id, where, 'expected an object {name, unit, initial}');
    define(s.name, `${where} "${String(s.name)}"`);
    requireString(s, 'unit', id, `${where} "${String(s.name)}"`);
    if (s.atol !== undefined && !(typeof s.atol === 'number' && s.atol > 0)) throw new ModelError(id, `${where}.atol`, `expected a number > 0, got ${quote(s.atol)}`);
    if (s.nonNegative !== undefined && typeof s.nonNegative !== 'boolean') throw new ModelError(id, `${where}.nonNegative`, `expected true or false, got ${quote(s.nonNegative)}`);
  });
  const stateNames = states.map((s) => (s as { name: string }).name);

  // Everything a symbol may refer to, with the position at which it becomes available.
  const avail = new Set<string>(['t', 'pi', 'e', ...paramNames, ...stateNames]);
  const paramsOnly = new Set<string>(['pi', 'e', ...paramNames]);
  const checkSymbols = (e: Expr, allowed: Set<string>, field: string, src: ExprSource, later?: Map<string, number>) => {
    for (const name of symbolsOf(e)) {
      if (allowed.has(name)) continue;
      if (later?.has(name)) throw new ModelError(id, field, `"${name}" is used before it is defined (expressions are evaluated in order; a cycle or a wrong order) in "${String(src)}"`);
      const kind = defined.get(name);
      if (kind) throw new ModelError(id, field, `"${name}" (${kind}) may not be used here in "${String(src)}"`);
      throw new ModelError(id, field, `unknown symbol "${name}" in "${String(src)}"`);
    }
  };

  const initial = states.map((s, i) => {
    const st = s as { name: string; initial?: ExprSource };
    const field = `states[${i}] "${st.name}".initial`;
    if (st.initial === undefined) throw new ModelError(id, field, 'expected a number or an expression of parameters');
    const e = toExpr(st.initial, 0, id, field);
    checkSymbols(e, paramsOnly, field, st.initial);
    return e;
  });

  const exprSpecs = requireArray(input, 'expressions', id);
  const exprNames = new Map<string, number>();
  exprSpecs.forEach((x, i) => {
    if (!isObject(x)) throw new ModelError(id, `expressions[${i}]`, 'expected an object {name, expr}');
    define(x.name, `expressions[${i}] "${String(x.name)}"`);
    exprNames.set(x.name as string, i);
  });
  const expressions = exprSpecs.map((x, i) => {
    const ex = x as { name: string; expr: ExprSource };
    const field = `expressions[${i}] "${ex.name}"`;
    const e = toExpr(ex.expr, NaN, id, field);
    if (ex.expr === undefined) throw new ModelError(id, field, 'expected an expression in "expr"');
    const later = new Map([...exprNames].filter(([, j]) => j >= i));
    checkSymbols(e, avail, field, ex.expr, later);
    avail.add(ex.name);
    return e;
  });

  if (!isObject(input.odes)) throw new ModelError(id, 'odes', 'expected an object {state: expression}');
  const odeSpec = input.odes as Record<string, ExprSource>;
  for (const k of Object.keys(odeSpec)) {
    if (!stateNames.includes(k)) throw new ModelError(id, `odes.${k}`, `"${k}" is not a state (states: ${stateNames.join(', ')})`);
  }
  const odes = stateNames.map((name) => {
    const field = `odes.${name}`;
    if (!(name in odeSpec)) throw new ModelError(id, field, `state "${name}" has no ODE`);
    const e = toExpr(odeSpec[name], 0, id, field);
    checkSymbols(e, avail, field, odeSpec[name]!);
    return e;
  });

  const outSpecs = requireArray(input, 'outputs', id);
  const outNames = new Set<string>(['time_h', 'clock_h']);
  const outputs = outSpecs.map((o, i) => {
    if (!isObject(o)) throw new ModelError(id, `outputs[${i}]`, 'expected an object {name, expr, unit}');
    const field = `outputs[${i}] "${String(o.name)}"`;
    if (typeof o.name !== 'string' || !NAME_RE.test(o.name)) throw new ModelError(id, field, `expected a column name of letters, digits and _, got ${quote(o.name)}`);
    if (outNames.has(o.name)) throw new ModelError(id, field, `column "${o.name}" is defined twice (or clashes with time_h/clock_h)`);
    outNames.add(o.name);
    requireString(o, 'unit', id, field);
    if (o.expr === undefined) throw new ModelError(id, field, 'expected an expression in "expr"');
    const e = toExpr(o.expr as ExprSource, NaN, id, field);
    checkSymbols(e, avail, field, o.expr as ExprSource);
    return e;
  });
  if (outputs.length === 0) throw new ModelError(id, 'outputs', 'expected at least one output');

  const doseSpecs = requireArray(input, 'doses', id);
  const drugs = new Set<string>();
  const doses = doseSpecs.map((d, i) => {
    if (!isObject(d)) throw new ModelError(id, `doses[${i}]`, 'expected an object {drug, state, bioavailability, lag_h}');
    const field = `doses[${i}]`;
    requireString(d, 'drug', id, field);
    const state = requireString(d, 'state', id, field);
    if (!stateNames.includes(state)) throw new ModelError(id, `${field}.state`, `"${state}" is not a state (states: ${stateNames.join(', ')})`);
    drugs.add(d.drug as string);
    const f = toExpr(d.bioavailability as ExprSource | undefined, 1, id, `${field}.bioavailability`);
    checkSymbols(f, paramsOnly, `${field}.bioavailability`, d.bioavailability as ExprSource);
    const lag = toExpr(d.lag_h as ExprSource | undefined, 0, id, `${field}.lag_h`);
    checkSymbols(lag, paramsOnly, `${field}.lag_h`, d.lag_h as ExprSource);
    return { bioavailability: f, lag };
  });
  if (doses.length === 0) throw new ModelError(id, 'doses', 'expected at least one dose entry');
  const dosedStates = input.dosedStates === undefined ? [] : requireArray(input, 'dosedStates', id).map((d, i): PreparedDosedState => {
    const field = `dosedStates[${i}]`;
    if (!isObject(d)) throw new ModelError(id, field, 'expected an object {state, bioavailability, lag_h, rate_per_h, dur_h}');
    const state = requireString(d, 'state', id, field);
    if (!stateNames.includes(state)) throw new ModelError(id, `${field}.state`, `"${state}" is not a state (states: ${stateNames.join(', ')})`);
    const expr = (key: string, fallback: number) => {
      const e = toExpr(d[key] as ExprSource | undefined, fallback, id, `${field}.${key}`);
      checkSymbols(e, paramsOnly, `${field}.${key}`, d[key] as ExprSource);
      return e;
    };
    return {
      state, bioavailability: expr('bioavailability', 1), lag: expr('lag_h', 0),
      ...(d.rate_per_h !== undefined ? { rate: expr('rate_per_h', NaN) } : {}),
      ...(d.dur_h !== undefined ? { dur: expr('dur_h', NaN) } : {}),
    };
  });
  dosedStates.forEach((d, i) => {
    if (dosedStates.findIndex((x) => x.state === d.state) !== i) throw new ModelError(id, `dosedStates[${i}].state`, `"${d.state}" is listed twice`);
  });
  outSpecs.forEach((o, i) => {
    const req = (o as { requiresDrug?: unknown }).requiresDrug;
    if (req === undefined) return;
    const field = `outputs[${i}].requiresDrug`;
    const names = Array.isArray(req) ? req : [req];
    if (names.length === 0) throw new ModelError(id, field, 'expected a drug name or a non-empty array of drug names, got []');
    for (const name of names) {
      if (typeof name !== 'string') throw new ModelError(id, field, `expected a drug name or an array of drug names, got ${quote(req)}`);
      if (!drugs.has(name)) throw new ModelError(id, field, `"${name}" is not a drug of this model (drugs: ${[...drugs].join(', ')})`);
    }
  });

  if (input.presets !== undefined) {
    const groups = requireArray(input, 'presets', id);
    groups.forEach((g, i) => {
      if (!isObject(g) || !Array.isArray(g.options)) throw new ModelError(id, `presets[${i}]`, 'expected {name, label, default, options: [...]}');
      const gname = requireString(g, 'name', id, `presets[${i}]`);
      const names = g.options.map((o) => (isObject(o) ? o.name : undefined));
      if (!names.includes(g.default)) throw new ModelError(id, `presets[${i}] "${gname}".default`, `expected one of ${names.join(', ')}, got ${quote(g.default)}`);
      g.options.forEach((o, j) => {
        const field = `presets[${i}] "${gname}".options[${j}]`;
        if (!isObject(o) || !isObject(o.parameters)) throw new ModelError(id, field, 'expected {name, label, parameters, source}');
        requireString(o, 'source', id, field);
        for (const [k, v] of Object.entries(o.parameters)) {
          if (!paramNames.has(k)) throw new ModelError(id, `${field}.parameters.${k}`, `"${k}" is not a parameter`);
          if (typeof v !== 'number' || !Number.isFinite(v)) throw new ModelError(id, `${field}.parameters.${k}`, `expected a finite number, got ${quote(v)}`);
        }
      });
    });
  }

  if (input.variability !== undefined) {
    const entries = requireArray(input, 'variability', id);
    const seen = new Set<string>();
    entries.forEach((v, i) => {
      const field = `variability[${i}]`;
      if (!isObject(v)) throw new ModelError(id, field, 'expected an object {parameter, cvPercent, source}');
      const name = requireString(v, 'parameter', id, field);
      if (!paramNames.has(name)) throw new ModelError(id, `${field}.parameter`, `"${name}" is not a parameter (parameters: ${[...paramNames].join(', ')})`);
      if (seen.has(name)) throw new ModelError(id, `${field}.parameter`, `"${name}" is listed twice`);
      seen.add(name);
      const cv = v.cvPercent;
      if (typeof cv !== 'number' || !Number.isFinite(cv) || cv <= 0) throw new ModelError(id, `${field} "${name}".cvPercent`, `expected a coefficient of variation in percent > 0, got ${quote(cv)}`);
      requireString(v, 'source', id, `${field} "${name}"`);
      if (v.assumption !== undefined && typeof v.assumption !== 'boolean') throw new ModelError(id, `${field} "${name}".assumption`, 'expected true or false');
      const p = params.find((x) => isObject(x) && x.name === name) as { value: number };
      if (!(p.value > 0)) throw new ModelError(id, `${field} "${name}"`, `log-normal variability needs a parameter value > 0, got ${p.value}`);
    });
  }

  return Object.freeze({ spec, initial, expressions, odes, outputs, doses, dosedStates });
}
