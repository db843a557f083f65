/**
 * A seeded generator of hostile inputs for the fuzz tests (test/fuzz/fuzz.test.ts in Node, test/browser/fuzz.test.ts
 * in Chromium): URL states for the app's hash, and scenario, event-table and model files. Huge, negative and
 * non-finite numbers, wrong types, deep nesting, megabytes of text, script strings, and the cases of issue #17.
 * The same seed gives the same inputs, so a failure names a case that can be replayed.
 */
import { Xoshiro128 } from '../../engine/random';
import { builtinModel } from '../../models/registry';
import { makeScenario, scenarioToJson } from '../../engine/scenario';
import type { SimulationRequest } from '../../engine/simulate';

/** One hostile file: its name, kind and text. */
export interface HostileFile {
  readonly kind: 'scenario' | 'events' | 'model';
  readonly name: string;
  readonly text: string;
}

class Rng {
  readonly #r: Xoshiro128;
  constructor(seed: number) { this.#r = Xoshiro128.forSubject(seed, 0); }
  /** Uniform in [0, 1). */
  next(): number { return this.#r.nextUint32() / 2 ** 32; }
  int(n: number): number { return Math.floor(this.next() * n); }
  pick<T>(xs: readonly T[]): T { return xs[this.int(xs.length)]!; }
  chance(p: number): boolean { return this.next() < p; }
}

const MB = 1 << 20;

/** Numbers as text (URLs, CSV cells). */
const NUMBER_TEXTS = ['0', '-1', '-0', '1e308', '-1e308', '1e8', '1e9', '1e21', '0.001', '1e-300', 'NaN', 'Infinity', '-Infinity',
  '4.5', '9007199254740993', '0x10', '1_000', ' 4.5 ', '4,5', '+5', '.5', '5.', '1e', '--1', '99999999999999999999999'];
/** Strings that must never be run, injected or echoed in full. */
const STRINGS = ['', ' ', 'lots', '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'javascript:alert(1)', '__proto__',
  'constructor', 'prototype', '\u0000', '\u202e', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', '../../etc/passwd', '${7*7}', '{{7*7}}', "'; DROP TABLE x; --", '%00', '\n\r\t'];
/** JSON values of every type. */
const VALUES: readonly unknown[] = [null, true, false, 0, -1, 1e308, -1e308, 1e8, 1e9, 0.001, 1e-300, 4.5, [], {}, [1, 2], { a: 1 },
  'NaN', 'Infinity', '4.5', ...STRINGS];

function hostileText(rng: Rng): string {
  return rng.chance(0.5) ? rng.pick(NUMBER_TEXTS) : rng.pick(STRINGS);
}

function hostileValue(rng: Rng): unknown {
  if (rng.chance(0.05)) return 'x'.repeat(20_000 + rng.int(50_000));
  if (rng.chance(0.05)) return nested(rng.int(2) ? '[' : '{', 30 + rng.int(100));
  return rng.pick(VALUES);
}

/** A value nested `depth` levels (arrays or objects). */
function nested(open: '[' | '{', depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = open === '[' ? [v] : { a: v };
  return v;
}

// ---- URL states ------------------------------------------------------------------------------------------------

const URL_FIELDS = ['model', 'dose', 'at', 'days', 'titration', 'morphine', 'hepatic', 'p.ka_nal_per_h', 'p.cl_nal_l_per_h', 'p.nope',
  'pin.model', 'pin.dose', 'pin.titration', 'pin.days', 't', 'x'];

function urlValue(rng: Rng, field: string): string {
  const base = field.replace(/^pin\./, '');
  const sane: Record<string, () => string> = {
    model: () => rng.pick(['ldn', 'one-compartment', 'LDN', 'nope']),
    dose: () => rng.pick(['4.5', '50', '0.25', '150', '151', '0.1']),
    at: () => rng.pick(['22:00', '08:00', '25:00', '7:5', '23:59', '24:00', '-1:00']),
    days: () => rng.pick(['1', '3', '28', '56', '57', '0', '2.5']),
    titration: () => rng.pick(['0.5x7,1.5x7', '4.5x1000000', '4.5x30000000', '4.5x56', '4.5x57', '1x1,'.repeat(150) + '1x1', 'x', '4.5x', '-1x7', '1e3x7']),
    morphine: () => rng.pick(['10@6', '10@0', '0@6', '1e9@1', '10@0.0001', 'x']),
    hepatic: () => rng.pick(['none', 'compensated-cirrhosis', 'nope']),
    t: () => rng.pick(['0', '1e300', '-5', 'NaN', '3.5']),
  };
  if (rng.chance(0.45) && sane[base]) return sane[base]!();
  if (rng.chance(0.02)) return 'y'.repeat(MB);
  return hostileText(rng);
}

/**
 * `count` URL hashes (without `#`): random hostile fields, the freezing links first, and raw strings
 * that are not valid query syntax at all.
 */
export function hostileUrls(seed: number, count: number): string[] {
  const rng = new Rng(seed);
  const out = [
    'titration=4.5x1000000&days=3', 'titration=4.5x30000000&days=3', 'days=1e9', 'dose=1e308&days=56',
    `${Array.from({ length: 20_000 }, (_, i) => `p.x${i}=1`).join('&')}`, 'model=<script>alert(1)</script>', '%', '%zz&&==&=', '#&#',
    'dose=4.5&dose=50&dose=NaN', `morphine=${'1'.repeat(5000)}@6`,
  ];
  while (out.length < count) {
    const q = new URLSearchParams();
    const n = 1 + rng.int(6);
    for (let i = 0; i < n; i++) {
      const field = rng.chance(0.05) ? hostileText(rng) : rng.pick(URL_FIELDS);
      q.append(field, urlValue(rng, field));
    }
    out.push(q.toString());
  }
  return out;
}

// ---- files -----------------------------------------------------------------------------------------------------

const LDN_REQ: SimulationRequest = { events: [{ timeH: 0, drug: 'naltrexone', amtMg: 4.5, iiH: 24, addl: 2 }], endH: 72, stepH: 0.25, startClockH: 22 };
const OC_REQ: SimulationRequest = { events: [{ timeH: 0, drug: 'drug', amtMg: 100 }], endH: 24, stepH: 0.5 };

function baseScenario(rng: Rng): Record<string, unknown> {
  const ldn = rng.chance(0.5);
  const model = builtinModel(ldn ? 'ldn' : 'one-compartment');
  const req = ldn ? LDN_REQ : OC_REQ;
  const metric = ldn ? 'max:mu_blockade' : 'max:conc_mg_per_l';
  const kind = rng.pick(['simulate', 'population', 'sweep', 'sensitivity'] as const);
  const extra = kind === 'population' ? { population: { n: 20, seed: 1, variability: model.spec.variability ?? [] } }
    : kind === 'sweep' ? { sweep: { axes: [{ name: 'dose', values: [1, 2, 4.5] }], metrics: [metric] } }
      : kind === 'sensitivity' ? { sensitivity: { metrics: [metric], relative_step: 0.001 } } : {};
  const spec = rng.chance(0.2) ? { model: { spec: model.spec } } : {};
  return { ...JSON.parse(scenarioToJson(makeScenario(kind, model, req, 'fuzz', extra))), ...JSON.parse(JSON.stringify(spec)) };
}

/** Sets a random path of `obj` (objects and arrays it contains) to `value`. */
function mutate(rng: Rng, obj: unknown, value: unknown, depth = 0): unknown {
  if (obj === null || typeof obj !== 'object' || depth > 6 || (depth > 0 && rng.chance(0.3))) return value;
  const keys = Object.keys(obj);
  if (keys.length === 0) return value;
  const k = rng.pick(keys);
  const copy: Record<string, unknown> = Array.isArray(obj) ? [...obj] as unknown as Record<string, unknown> : { ...(obj as Record<string, unknown>) };
  copy[k] = mutate(rng, (obj as Record<string, unknown>)[k], value, depth + 1);
  return copy;
}

const SCENARIO_CASES: readonly ((s: Record<string, unknown>) => unknown)[] = [
  (s) => ({ ...s, events: [{ time_h: 0, drug: 'naltrexone', amt_mg: 4.5, ii_h: 0.001, addl: 1e8 }] }),
  (s) => ({ ...s, end_h: 190000, step_h: 0.1 }),
  (s) => ({ ...s, kind: 'sweep', sweep: { axes: [{ name: 'dose', values: 'lots' }], metrics: ['max:mu_blockade'] } }),
  (s) => ({ ...s, kind: 'sweep', sweep: { axes: [{ name: 'dose', values: Array(200).fill(1) }, { name: 'at', values: Array(200).fill(1) }], metrics: ['max:mu_blockade'] } }),
  (s) => ({ ...s, kind: 'population', population: { n: 1e9, seed: 1, variability: [] } }),
  (s) => ({ ...s, events: Array.from({ length: 20_000 }, (_, i) => ({ time_h: i, drug: 'naltrexone', amt_mg: 1 })) }),
  (s) => ({ ...s, events: [{ time_h: 0, drug: '<script>alert(1)</script>', amt_mg: 4.5 }] }),
  (s) => JSON.parse(JSON.stringify(s).replace(/^\{/, '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},')),
  (s) => ({ ...s, step_h: 1e-300 }),
  (s) => ({ ...s, solver: { method: 'dop853', rtol: 1e-300, atol: 1e-300, max_steps: 1e12 } }),
];

function scenarioFile(rng: Rng, i: number): HostileFile {
  const name = `fuzz-${i}.scenario.json`;
  const s = baseScenario(rng);
  const r = rng.next();
  let text: string;
  if (i < SCENARIO_CASES.length) text = JSON.stringify(SCENARIO_CASES[i]!(s));
  else if (r < 0.05) text = JSON.stringify(s).slice(0, rng.int(200)); // truncated
  else if (r < 0.08) text = '['.repeat(100_000) + ']'.repeat(100_000);
  else if (r < 0.11) text = JSON.stringify(s) + ' '.repeat(2 * MB);
  else if (r < 0.13) text = String.fromCharCode(...Array.from({ length: 512 }, () => rng.int(256)));
  else if (r < 0.15) text = '';
  else {
    let m: unknown = s;
    const n = 1 + rng.int(3);
    for (let k = 0; k < n; k++) m = mutate(rng, m, hostileValue(rng));
    text = JSON.stringify(m) ?? 'undefined';
  }
  return { kind: 'scenario', name, text };
}

function eventsFile(rng: Rng, i: number): HostileFile {
  const name = `fuzz-${i}.events.csv`;
  const header = 'time_h,drug,amt_mg,ii_h,addl';
  const cases = [
    `${header}\n0,naltrexone,4.5,0.001,100000000\n`,
    `${header}\n` + '0,naltrexone,1,,\n'.repeat(70_000),
    `${header}\n` + '0,naltrexone,1,,\n'.repeat(10_001),
    `${header}\n0,<script>alert(1)</script>,4.5,,\n`,
    `${header}\n"0,naltrexone,4.5,,\n`,
    'x'.repeat(2 * MB),
    '',
  ];
  if (i < cases.length) return { kind: 'events', name, text: cases[i]! };
  const rows = Array.from({ length: 1 + rng.int(5) }, () => {
    const cell = () => (rng.chance(0.6) ? rng.pick(['0', '24', '4.5', 'naltrexone', 'drug', '']) : hostileText(rng));
    const sane = ['0', rng.pick(['naltrexone', 'drug', 'morphine']), '4.5', '24', '2'];
    return sane.map((c) => (rng.chance(0.3) ? cell() : c)).join(rng.chance(0.05) ? ';' : ',');
  });
  return { kind: 'events', name, text: `${rng.chance(0.9) ? header : hostileText(rng)}\n${rows.join(rng.chance(0.5) ? '\r\n' : '\n')}\n` };
}

/** Stands for a model nested 100 000 levels deep (written as text: too deep to build and stringify). */
const DEEP = Symbol('deep');

function modelFile(rng: Rng, i: number): HostileFile {
  const name = `fuzz-${i}.model.json`;
  const spec = JSON.parse(JSON.stringify(builtinModel(rng.chance(0.5) ? 'one-compartment' : 'ldn').spec)) as Record<string, unknown>;
  const expr = () => rng.pick(['x+'.repeat(200_000) + 'x', '('.repeat(5000) + '1' + ')'.repeat(5000), 'exp(exp(exp(1000)))', '1/0',
    'log(-1)', 'unknown_symbol', 'alert(1)', 'constructor', '__proto__', '1 +', 'sin(', '2^2^2^2^2^2^2^2^2^2', hostileText(rng)]);
  const cases: (() => unknown)[] = [
    () => ({ ...spec, expressions: [{ name: 'big', expr: 'x+'.repeat(500_000) + 'x' }] }),
    () => ({ ...spec, parameters: Array.from({ length: 5000 }, (_, k) => ({ name: `p${k}`, value: 1, unit: '1', source: 's' })) }),
    () => DEEP,
    () => ({ ...spec, id: 'z'.repeat(MB) }),
  ];
  let value: unknown;
  if (i < cases.length) value = cases[i]!();
  else if (rng.chance(0.4)) {
    const odes = spec.odes as Record<string, unknown>;
    const k = rng.pick(Object.keys(odes));
    value = { ...spec, odes: { ...odes, [k]: expr() } };
  } else {
    let m: unknown = spec;
    for (let k = 0, n = 1 + rng.int(3); k < n; k++) m = mutate(rng, m, hostileValue(rng));
    value = m;
  }
  const text = value === DEEP ? '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000) : JSON.stringify(value);
  return { kind: 'model', name, text };
}

/** `counts` files of each kind: scenario files, event tables and models. */
export function hostileFiles(seed: number, counts: { scenario: number; events: number; model: number }): HostileFile[] {
  const rng = new Rng(seed);
  return [
    ...Array.from({ length: counts.scenario }, (_, i) => scenarioFile(rng, i)),
    ...Array.from({ length: counts.events }, (_, i) => eventsFile(rng, i)),
    ...Array.from({ length: counts.model }, (_, i) => modelFile(rng, i)),
  ];
}
