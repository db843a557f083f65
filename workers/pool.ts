/**
 * A pool of simulation workers with "latest request wins" channels.
 *
 * Each channel (the current scenario, the pinned one) has at most one request running and one waiting. A new
 * request replaces the waiting one (which resolves to `null`: dropped), and results are delivered in request
 * order only: a result older than one already delivered resolves to `null`, so an older result never draws over
 * a newer one. A run still going after `cancelAfterMs` when a newer request arrives is cancelled by terminating
 * its worker (a long 28-day run does not hold up the slider). A worker that crashes is replaced; the request it
 * held fails with a `WorkerCrashError` and the next request runs on the fresh worker.
 */
import { releaseProxy, wrap } from 'comlink';
import type { ApiSimulationRequest, ModelInfo, SimulationApi } from '../engine/api';
import type { ModelSpec } from '../engine/model/types';
import type { SimulationResult } from '../engine/result';

/** One worker as the pool sees it; a factory makes them (real workers in the page, fakes in tests). */
export interface PoolEndpoint {
  readonly api: {
    simulate(req: ApiSimulationRequest): Promise<SimulationResult>;
    getModel(id: string): Promise<ModelSpec>;
    listModels(): Promise<ModelInfo[]>;
  };
  /** Registers the handler called when the worker dies or reports an uncaught error. */
  onCrash(handler: (detail: string) => void): void;
  terminate(): void;
}

/** The request's worker crashed (as opposed to the simulation reporting an error). */
export class WorkerCrashError extends Error {
  constructor(readonly detail: string) {
    super(`the simulation worker stopped unexpectedly (${detail})`);
    this.name = 'WorkerCrashError';
  }
}

/** A real module worker running `sim.worker.ts`, wrapped with comlink. */
export function createWorkerEndpoint(): PoolEndpoint {
  const worker = new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module', name: 'ldn-sim' });
  const api = wrap<SimulationApi>(worker);
  return {
    api: api as unknown as PoolEndpoint['api'],
    onCrash(handler) {
      worker.addEventListener('error', (e) => { e.preventDefault(); handler(e.message || 'the worker script failed'); });
      worker.addEventListener('messageerror', () => handler('a message from the worker could not be read'));
    },
    terminate() {
      api[releaseProxy]();
      worker.terminate();
    },
  };
}

export interface PoolOptions {
  /** Number of workers; default: the number of cores (`navigator.hardwareConcurrency`), 1 to 8. */
  readonly size?: number;
  /** Worker factory; default: `createWorkerEndpoint`. */
  readonly create?: () => PoolEndpoint;
  /** A superseded run older than this is cancelled (its worker terminated and replaced). Default 750 ms. */
  readonly cancelAfterMs?: number;
  /** Clock for cancellation decisions (tests). */
  readonly now?: () => number;
}

interface Job {
  readonly seq: number;
  readonly req: ApiSimulationRequest;
  readonly resolve: (r: SimulationResult | null) => void;
  readonly reject: (e: unknown) => void;
  startedAt: number;
}

interface Slot { endpoint: PoolEndpoint; job: Job | null; channel: Channel | null }

interface Channel { latest: number; delivered: number; pending: Job | null; running: Job | null; runningSlot: Slot | null }

/** Counts of what the pool did, for tests and the benchmark. */
export interface PoolStats { started: number; delivered: number; dropped: number; cancelled: number; crashed: number }

export class SimulationPool {
  readonly size: number;
  readonly stats: PoolStats = { started: 0, delivered: 0, dropped: 0, cancelled: 0, crashed: 0 };
  readonly #create: () => PoolEndpoint;
  readonly #cancelAfterMs: number;
  readonly #now: () => number;
  readonly #slots: Slot[] = [];
  readonly #channels = new Map<string, Channel>();
  #disposed = false;

  constructor(opts: PoolOptions = {}) {
    const cores = typeof navigator !== 'undefined' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 2;
    this.size = Math.max(1, Math.min(8, Math.floor(opts.size ?? cores)));
    this.#create = opts.create ?? createWorkerEndpoint;
    this.#cancelAfterMs = opts.cancelAfterMs ?? 750;
    this.#now = opts.now ?? (() => (typeof performance !== 'undefined' ? performance.now() : Date.now()));
    for (let i = 0; i < this.size; i++) this.#slots.push(this.#newSlot());
  }

  /**
   * Runs a request on a channel. Resolves to the result, or to `null` when a newer request on the same channel
   * made this one stale (dropped, cancelled or overtaken). Rejects with the simulation's error (e.g. a
   * `RangeError` naming a parameter) or a `WorkerCrashError`, only while it is still the latest request.
   */
  run(channelName: string, req: ApiSimulationRequest): Promise<SimulationResult | null> {
    if (this.#disposed) return Promise.reject(new Error('the simulation pool has been disposed'));
    const ch = this.#channel(channelName);
    return new Promise((resolve, reject) => {
      const job: Job = { seq: ++ch.latest, req, resolve, reject, startedAt: 0 };
      if (ch.pending) { ch.pending.resolve(null); this.stats.dropped++; }
      ch.pending = job;
      if (ch.running && ch.runningSlot && this.#now() - ch.running.startedAt > this.#cancelAfterMs) {
        const old = ch.running;
        this.#restart(ch.runningSlot);
        old.resolve(null);
        this.stats.cancelled++;
      }
      this.#pump();
    });
  }

  /** A built-in model's spec (for the parameter panel and the model page). */
  getModel(id: string): Promise<ModelSpec> {
    return this.#query((api) => api.getModel(id));
  }

  listModels(): Promise<ModelInfo[]> {
    return this.#query((api) => api.listModels());
  }

  /**
   * A quick query on the first worker. If that worker crashes before answering (its reply would never come),
   * the query is asked again once of its replacement.
   */
  #query<T>(ask: (api: PoolEndpoint['api']) => Promise<T>, retries = 1): Promise<T> {
    const slot = this.#slots[0]!;
    const endpoint = slot.endpoint;
    return new Promise<T>((resolve, reject) => {
      let done = false;
      const crashed = (detail: string) => {
        if (done) return;
        done = true;
        if (retries > 0) this.#query(ask, retries - 1).then(resolve, reject);
        else reject(new WorkerCrashError(detail));
      };
      this.#queryWaiters.set(endpoint, [...(this.#queryWaiters.get(endpoint) ?? []), crashed]);
      ask(endpoint.api).then((v) => { if (!done) { done = true; resolve(v); } }, (e) => { if (!done) { done = true; reject(e); } });
    });
  }

  readonly #queryWaiters = new Map<PoolEndpoint, ((detail: string) => void)[]>();

  /** Terminates every worker; waiting requests resolve to `null`. */
  dispose(): void {
    this.#disposed = true;
    for (const ch of this.#channels.values()) {
      ch.pending?.resolve(null);
      ch.running?.resolve(null);
      ch.pending = ch.running = null;
    }
    for (const s of this.#slots) s.endpoint.terminate();
  }

  #channel(name: string): Channel {
    let ch = this.#channels.get(name);
    if (!ch) { ch = { latest: 0, delivered: 0, pending: null, running: null, runningSlot: null }; this.#channels.set(name, ch); }
    return ch;
  }

  #newSlot(): Slot {
    const slot: Slot = { endpoint: this.#create(), job: null, channel: null };
    this.#watch(slot);
    return slot;
  }

  #watch(slot: Slot): void {
    const endpoint = slot.endpoint;
    endpoint.onCrash((detail) => {
      if (slot.endpoint !== endpoint) return; // an old worker's late report
      this.stats.crashed++;
      const waiters = this.#queryWaiters.get(endpoint) ?? [];
      this.#queryWaiters.delete(endpoint);
      const job = slot.job;
      const ch = slot.channel;
      this.#restart(slot);
      if (job && ch) {
        if (job.seq === ch.latest) job.reject(new WorkerCrashError(detail));
        else job.resolve(null);
      }
      for (const w of waiters) w(detail);
      this.#pump();
    });
  }

  /** Replaces a slot's worker with a fresh one and frees the slot (its job is the caller's to settle). */
  #restart(slot: Slot): void {
    const ch = slot.channel;
    if (ch) { ch.running = null; ch.runningSlot = null; }
    slot.job = null;
    slot.channel = null;
    try { slot.endpoint.terminate(); } catch { /* already gone */ }
    slot.endpoint = this.#create();
    this.#watch(slot);
  }

  #pump(): void {
    for (const ch of this.#channels.values()) {
      if (!ch.pending || ch.running) continue;
      const slot = this.#slots.find((s) => s.job === null);
      if (!slot) return;
      this.#start(ch, ch.pending, slot);
    }
  }

  #start(ch: Channel, job: Job, slot: Slot): void {
    ch.pending = null;
    ch.running = job;
    ch.runningSlot = slot;
    slot.job = job;
    slot.channel = ch;
    job.startedAt = this.#now();
    this.stats.started++;
    let call: Promise<SimulationResult>;
    try { call = slot.endpoint.api.simulate(job.req); } catch (e) { call = Promise.reject(e); }
    call.then(
      (result) => this.#finish(ch, slot, job, () => {
        if (job.seq > ch.delivered) { ch.delivered = job.seq; this.stats.delivered++; job.resolve(result); } else { this.stats.dropped++; job.resolve(null); }
      }),
      (err) => this.#finish(ch, slot, job, () => {
        if (job.seq === ch.latest) { ch.delivered = job.seq; job.reject(err); } else { this.stats.dropped++; job.resolve(null); }
      }),
    );
  }

  #finish(ch: Channel, slot: Slot, job: Job, settle: () => void): void {
    if (slot.job !== job) return; // cancelled or crashed: already settled
    slot.job = null;
    slot.channel = null;
    ch.running = null;
    ch.runningSlot = null;
    settle();
    this.#pump();
  }
}
