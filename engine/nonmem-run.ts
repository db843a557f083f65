/**
 * Simulates the individuals of a NONMEM data set (engine/nonmem.ts) with their own dosing records and
 * time-varying covariates, one row per data-set record (as NONMEM's table) or on a regular grid.
 */
import { withRecordTimes } from './output-times';
import { buildInputs, STEADY_STATE } from './records';
import { compileModel, type CompiledModel } from './model/compile';
import type { PreparedModel } from './model/load';
import type { DoseEvent } from './dosing';
import type { NonmemRecord, NonmemSubject } from './nonmem';
import type { Column } from './result';
import { intervalIntegrator, outputGrid, planRun, resolveParameters, type SolverOptions } from './simulate';
import type { SteadyStateReport } from './records';

/**
 * How a covariate that changes between records applies over time. `nocb` (NONMEM): a record's value holds over
 * the interval that ends at that record (next observation carried backward). `locf`: it holds from the record
 * on (last observation carried forward), the convention of rxode2/nlmixr2 and of mrgsolve with `nocb = FALSE`.
 */
export type CovariateConvention = 'nocb' | 'locf';

/** Options of `simulateNonmem`. */
export interface NonmemRunOptions {
  /** Parameter values for every individual (covariates override them per record). */
  readonly params?: Readonly<Record<string, number>>;
  readonly presets?: Readonly<Record<string, string>>;
  /** An output grid step, hours: rows on 0, step, 2·step, … to the last record instead of at every record. */
  readonly stepH?: number;
  /** Default `nocb` (NONMEM). */
  readonly covariates?: CovariateConvention;
  readonly solver?: SolverOptions;
  readonly evaluation?: 'closures' | 'generated';
  /** As `SimulationRequest.steadyStateMethod`. */
  readonly steadyStateMethod?: 'auto' | 'repeated-intervals';
}

/** One individual's rows. */
export interface NonmemSubjectResult {
  readonly id: string;
  readonly timeH: Float64Array;
  /** The data-set line of each row (rows at records), or undefined on a grid. */
  readonly lines?: readonly number[];
  readonly columns: readonly Column[];
  readonly steadyState?: SteadyStateReport;
  readonly diagnostics: readonly string[];
}

/**
 * Simulates every individual. A row at a record shows the state after the records up to and including it in
 * file order (so an observation listed before a dose at the same time does not see it, as in NONMEM); a grid row
 * shows the state after every record at its time. Each segment
 * between record times runs with the parameters the convention gives it; each dose uses the bioavailability
 * and lag of its own record's parameters (NONMEM's F1, ALAG1); each row's outputs use its record's parameters.
 * @throws RangeError for a bad parameter or option, naming it.
 */
export function simulateNonmem(model: PreparedModel, subjects: readonly NonmemSubject[], opts: NonmemRunOptions = {}): NonmemSubjectResult[] {
  const convention = opts.covariates ?? 'nocb';
  if (convention !== 'nocb' && convention !== 'locf') throw new RangeError(`covariates: expected "nocb" or "locf", got ${JSON.stringify(convention)}`);
  return subjects.map((s) => {
    const occasions = splitOccasions(s);
    if (occasions.length === 1) return simulateSubject(model, s, opts, convention);
    // TIME restarts after a reset: each occasion is its own run (from the reset's initial state at its
    // time), reporting the outputs the whole subject's records call for; rows stay in record order.
    const { keep } = planRun(model, { events: s.events, endH: 1, stepH: 1, params: opts.params, presets: opts.presets, evaluation: opts.evaluation });
    return joinOccasions(s.id, occasions.map((o) => simulateSubject(model, o, opts, convention, keep)));
  });
}

/**
 * A subject's occasions (`NonmemRecord.occasion`): the runs of its records between the resets at which TIME
 * goes back, each with its own records and events (re-indexed).
 */
export function splitOccasions(subject: NonmemSubject): NonmemSubject[] {
  const out: { id: string; records: NonmemRecord[]; events: DoseEvent[]; observations: NonmemSubject['observations'] }[] = [];
  for (const r of subject.records) {
    const o = r.occasion ?? 0;
    if (out.length <= o) out.push({ id: subject.id, records: [], events: [], observations: subject.observations.filter((x) => (x.occasion ?? 0) === o) });
    const cur = out[o]!;
    if (r.event === undefined) { cur.records.push(r); continue; }
    cur.records.push({ ...r, event: cur.events.length });
    cur.events.push(subject.events[r.event]!);
  }
  return out;
}

/** One subject's rows from its occasions' runs, in order. */
function joinOccasions(id: string, parts: readonly NonmemSubjectResult[]): NonmemSubjectResult {
  const n = parts.reduce((s, p) => s + p.timeH.length, 0);
  const timeH = new Float64Array(n);
  let at = 0;
  for (const p of parts) { timeH.set(p.timeH, at); at += p.timeH.length; }
  const columns: Column[] = parts[0]!.columns.map((c, j) => {
    const values = new Float64Array(n);
    let k = 0;
    for (const p of parts) { values.set(p.columns[j]!.values, k); k += p.timeH.length; }
    return { ...c, values };
  });
  const ss = parts.flatMap((p) => (p.steadyState ? [p.steadyState] : []));
  const lines = parts.every((p) => p.lines) ? parts.flatMap((p) => p.lines!) : undefined;
  return {
    id, timeH, ...(lines ? { lines } : {}), columns,
    ...(ss.length ? { steadyState: { ...ss[0]!, records: ss.flatMap((x) => x.records) } } : {}),
    diagnostics: parts.flatMap((p) => p.diagnostics),
  };
}

function simulateSubject(model: PreparedModel, subject: NonmemSubject, opts: NonmemRunOptions, convention: CovariateConvention,
  keepOverride?: readonly boolean[]): NonmemSubjectResult {
  const { records, events } = subject;
  const lastH = records[records.length - 1]!.timeH;
  const endH = Math.max(lastH, 1e-9);
  const paramsOf = (i: number) => ({ ...opts.params, ...records[i]!.params });
  const plan = planRun(model, {
    events, endH, stepH: opts.stepH ?? endH, params: paramsOf(0), presets: opts.presets, solver: opts.solver, evaluation: opts.evaluation,
    ...(opts.steadyStateMethod ? { steadyStateMethod: opts.steadyStateMethod } : {}),
  });
  // One compiled model per distinct parameter set.
  const compiledByKey = new Map<string, CompiledModel>();
  const compiledAt = records.map((_, i) => {
    const { values } = resolveParameters(model, paramsOf(i), opts.presets);
    const key = model.spec.parameters.map((p) => values[p.name]).join(',');
    let c = compiledByKey.get(key);
    if (!c) { c = compileModel(model, values, { evaluation: plan.evaluation }); compiledByKey.set(key, c); }
    return c;
  });
  const recordOfEvent = new Map<number, number>();
  records.forEach((r, i) => { if (r.event !== undefined) recordOfEvent.set(r.event, i); });
  const built = buildInputs(events, compiledAt[0]!, endH, plan.settings.atol, intervalIntegrator(plan), plan.readStates,
    (e) => compiledAt[recordOfEvent.get(e)!]!, Math.max(STEADY_STATE.rtol, plan.settings.rtol / 10), plan.linear);
  const { inputs } = built;
  const diagnostics: string[] = [...(built.diagnostics ?? [])];

  // Output rows: at every record, or on the grid.
  // On a grid, an evid 2 record still asks for a row at its time (as in simulate --events).
  const grid = opts.stepH !== undefined ? withRecordTimes(outputGrid(endH, opts.stepH), events) : undefined;
  const rowTimes = grid ?? Float64Array.from(records, (r) => r.timeH);
  // The parameters of a row: its record's; on a grid, the record in force at that time.
  const times = records.map((r) => r.timeH);
  const lastAtOrBefore = (t: number) => { let i = 0; while (i + 1 < times.length && times[i + 1]! <= t) i++; return i; };
  const firstAtOrAfter = (t: number) => { let i = 0; while (i < times.length - 1 && times[i]! < t) i++; return i; };
  const rowCompiled = grid
    ? Array.from(grid, (t) => compiledAt[times.includes(t) ? lastAtOrBefore(t) : convention === 'nocb' ? firstAtOrAfter(t) : lastAtOrBefore(t)]!)
    : compiledAt;
  const nOut = model.spec.outputs.length;
  const data = model.spec.outputs.map(() => new Float64Array(rowTimes.length).fill(NaN));
  const out = new Float64Array(nOut);
  const writeRow = (row: number, y: ArrayLike<number>) => {
    rowCompiled[row]!.outputs(rowTimes[row]!, y, out);
    for (let j = 0; j < nOut; j++) data[j]![row] = out[j]!;
  };

  const cuts = [...new Set([0, ...inputs.map((x) => x.timeH), ...times, endH])].filter((t) => t <= endH).sort((a, b) => a - b);
  const first = compiledAt[0]!;
  const y = Float64Array.from(first.y0);
  let rates: Float64Array | undefined;
  let k = 0;
  let row = 0;
  const { integrator, settings } = plan;
  // The data-set row of each input's record: a row at a time shows the records up to it (file order).
  const rowOfEvent = new Map<number, number>();
  records.forEach((r, i) => { if (r.event !== undefined) rowOfEvent.set(r.event, i); });
  const apply = (a: number, upToRow: number) => {
    while (k < inputs.length && inputs[k]!.timeH <= a && (rowOfEvent.get(inputs[k]!.record ?? -1) ?? -1) <= upToRow) {
      const x = inputs[k]!;
      if (x.op === undefined) y[x.state]! += x.amount;
      else if (x.op.kind === 'rates') rates = x.op.rates;
      else if (x.op.kind === 'set') y.set(x.op.y);
      else for (let i = 0; i < y.length; i++) y[i]! += x.op.y[i]!;
      k++;
    }
  };
  for (let c = 0; c < cuts.length; c++) {
    const a = cuts[c]!;
    if (!grid) while (row < rowTimes.length && rowTimes[row]! <= a) { apply(a, row); writeRow(row, y); row++; }
    apply(a, Infinity);
    while (row < rowTimes.length && rowTimes[row]! <= a) writeRow(row++, y);
    if (c === cuts.length - 1) break;
    const b = cuts[c + 1]!;
    // The segment's parameters: NOCB, the record at its end; LOCF, the record at its start.
    const seg = compiledAt[convention === 'nocb' ? firstAtOrAfter(b) : lastAtOrBefore(a)]!;
    const r = rates;
    const rhs = r ? (t: number, yy: ArrayLike<number>, dydt: Float64Array) => { seg.rhs(t, yy, dydt); for (let i = 0; i < r.length; i++) dydt[i]! += r[i]!; } : seg.rhs;
    const from = row;
    let to = row;
    while (to < rowTimes.length && rowTimes[to]! < b) to++;
    const samples = rowTimes.subarray(from, to);
    const res = integrator.solve(seg.n, rhs, a, y, b, samples, (i, ys) => writeRow(from + i, ys), settings, r ? undefined : seg.kernels);
    row = to;
    if (res.outcome !== 'ok' || !res.y.every(Number.isFinite)) {
      diagnostics.push(`ID ${subject.id}: integration stopped between ${a} h and ${b} h (${res.outcome === 'ok' ? 'a non-finite state' : res.outcome}); later rows are NaN`);
      break;
    }
    y.set(res.y);
  }
  const columns: Column[] = [];
  model.spec.outputs.forEach((o, j) => {
    if ((keepOverride ?? plan.keep)[j]) columns.push({ name: o.name, unit: o.unit, label: o.label ?? o.name, values: data[j]! });
  });
  return {
    id: subject.id, timeH: rowTimes, ...(grid ? {} : { lines: records.map((r) => r.line) }), columns,
    ...(built.steadyState ? { steadyState: built.steadyState } : {}), diagnostics,
  };
}
