/**
 * A pool of simulation workers with "latest request wins" channels.
 *
 * Each channel (the current scenario, the pinned one) has at most one request running and one waiting. A new
 * request replaces the waiting one (which resolves to `null`: dropped), and results are delivered in request
 * order only: a result older than one already delivered resolves to `null`, so an older result never draws over
 * a newer one. A run still going after `cancelAfterMs` when a newer request arrives is cancelled by terminating
 * its worker (a long 28-day run does not hold up the slider). A worker that crashes is replaced; the request it
 * held fails with a `WorkerCrashError` and the next request runs on the fresh worker.
 *
 * Results are kept in a small cache keyed by the complete request (`requestKey`), so asking again for a scenario
 * already computed (a slider moved back) is answered at once, without a worker. `prefetch` computes requests the
 * page expects next (the dose slider's neighbouring stops while it has focus) on workers that would otherwise be
 * idle: it never takes the last idle worker, so a real request never waits behind a guess, and a real request
 * for a scenario being prefetched waits for that run instead of starting another.
 */
import { releaseProxy, wrap } from 'comlink';
import type { ApiSimulationRequest, ModelInfo, SimulationApi } from '../engine/api';
import type { ModelSpec } from '../engine/model/types';
import type { SimulationResult } from '../engine/result';
import { requestKey } from './request-key';
import { WorkerCrashError } from './worker-crash-error';

export { requestKey } from './request-key';
export { WorkerCrashError } from './worker-crash-error';

/** One worker as the pool sees it; a factory makes them (real workers in the page, fakes in tests). */
export interface PoolEndpoint {
  readonly api: {
    simulate(req: ApiSimulationRequest): Promise<SimulationResult>;
    getModel(id: string): Promise<ModelSpec>;
    getComputeSpec(id: string): Promise<ModelSpec>;
    listModels(): Promise<ModelInfo[]>;
  };
  /** Registers the handler called when the worker dies or reports an uncaught error. */
  onCrash(handler: (detail: string) => void): void;
  terminate(): void;
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
  /** Results kept for requests asked again; default 24 (a 28-day result is about 60 kB). 0 turns caching off. */
  readonly cacheSize?: number;
}

interface Job {
  readonly seq: number;
  readonly req: ApiSimulationRequest;
  readonly key: string;
  readonly resolve: (r: SimulationResult | null) => void;
  readonly reject: (e: unknown) => void;
  startedAt: number;
}

/** A prefetch running on a slot: settles with its result, or `null` if it failed or its worker went away. */
interface PrefetchRun { readonly key: string; readonly settle: (r: SimulationResult | null) => void }

interface Slot { endpoint: PoolEndpoint; job: Job | null; channel: Channel | null; prefetch: PrefetchRun | null }

interface Channel { latest: number; delivered: number; pending: Job | null; running: Job | null; runningSlot: Slot | null }

/** Counts of what the pool did, for tests and the benchmark. */
export interface PoolStats {
  started: number; delivered: number; dropped: number; cancelled: number; crashed: number;
  /** Requests answered from the cache. */
  cacheHits: number;
  /** Prefetch runs started, and requests that found their scenario being prefetched and waited for it. */
  prefetched: number; adopted: number;
}

export class SimulationPool {
  readonly size: number;
  readonly stats: PoolStats = { started: 0, delivered: 0, dropped: 0, cancelled: 0, crashed: 0, cacheHits: 0, prefetched: 0, adopted: 0 };
  readonly #create: () => PoolEndpoint;
  readonly #cancelAfterMs: number;
  readonly #now: () => number;
  readonly #slots: Slot[] = [];
  readonly #channels = new Map<string, Channel>();
  readonly #cacheSize: number;
  /** Results by request key, least recently used first. */
  readonly #cache = new Map<string, SimulationResult>();
  /** Prefetches waiting for an idle worker, most wanted first. */
  #prefetchQueue: { key: string; req: ApiSimulationRequest }[] = [];
  /** Prefetches running, by request key. */
  readonly #inflight = new Map<string, Promise<SimulationResult | null>>();
  #disposed = false;

  constructor(opts: PoolOptions = {}) {
    const cores = typeof navigator !== 'undefined' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 2;
    this.size = Math.max(1, Math.min(8, Math.floor(opts.size ?? cores)));
    this.#create = opts.create ?? createWorkerEndpoint;
    this.#cancelAfterMs = opts.cancelAfterMs ?? 750;
    this.#now = opts.now ?? (() => (typeof performance !== 'undefined' ? performance.now() : Date.now()));
    this.#cacheSize = Math.max(0, Math.floor(opts.cacheSize ?? 24));
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
    const key = requestKey(req);
    return new Promise((resolve, reject) => {
      const job: Job = { seq: ++ch.latest, req, key, resolve, reject, startedAt: 0 };
      if (ch.pending) { ch.pending.resolve(null); this.stats.dropped++; }
      ch.pending = null;
      // Computed before: answered now (the running job, older, will be dropped when it ends).
      const hit = this.#cacheGet(key);
      if (hit) {
        this.stats.cacheHits++;
        this.#deliver(ch, job, hit);
        return;
      }
      // Being prefetched: wait for that run rather than start a second one.
      const flying = this.#inflight.get(key);
      if (flying) {
        this.stats.adopted++;
        void flying.then((r) => {
          if (this.#disposed || job.seq < ch.latest) { this.stats.dropped++; resolve(null); return; }
          if (r) { this.#deliver(ch, job, r); return; }
          // The prefetch failed (an error, a lost worker): run the request itself, which reports why.
          ch.pending = job;
          this.#pump();
        });
        return;
      }
      this.#enqueue(ch, job);
    });
  }

  /**
   * Computes requests the page expects to ask for soon (most likely first), on idle workers only, keeping one
   * worker free for real requests (a pool of one worker never prefetches). Replaces the previous wish list;
   * prefetches already running finish and are cached. Requests cached or running are skipped.
   */
  prefetch(reqs: readonly ApiSimulationRequest[]): void {
    if (this.#disposed || this.#cacheSize === 0) return;
    this.#prefetchQueue = reqs.map((req) => ({ key: requestKey(req), req }))
      .filter((p, i, all) => !this.#cache.has(p.key) && !this.#inflight.has(p.key) && all.findIndex((q) => q.key === p.key) === i);
    this.#pump();
  }

  /** Prefetches waiting or running (tests and the benchmark wait for 0). */
  get prefetching(): number {
    return this.#prefetchQueue.length + this.#inflight.size;
  }

  /** True if the result for this request is cached (tests, and the app's prefetch bookkeeping). */
  isCached(req: ApiSimulationRequest): boolean {
    return this.#cache.has(requestKey(req));
  }

  #enqueue(ch: Channel, job: Job): void {
    ch.pending = job;
    if (ch.running && ch.runningSlot && this.#now() - ch.running.startedAt > this.#cancelAfterMs) {
      const old = ch.running;
      this.#restart(ch.runningSlot);
      old.resolve(null);
      this.stats.cancelled++;
    }
    this.#pump();
  }

  /** Hands a result to a job unless a newer one on its channel was delivered already. */
  #deliver(ch: Channel, job: Job, result: SimulationResult): void {
    if (job.seq > ch.delivered) { ch.delivered = job.seq; this.stats.delivered++; job.resolve(result); } else { this.stats.dropped++; job.resolve(null); }
  }

  #cacheGet(key: string): SimulationResult | undefined {
    const r = this.#cache.get(key);
    if (r) { this.#cache.delete(key); this.#cache.set(key, r); }
    return r;
  }

  #cachePut(key: string, r: SimulationResult): void {
    if (this.#cacheSize === 0) return;
    this.#cache.delete(key);
    this.#cache.set(key, r);
    while (this.#cache.size > this.#cacheSize) this.#cache.delete(this.#cache.keys().next().value!);
  }

  /** A built-in model's spec (for the parameter panel and the model page). */
  getModel(id: string): Promise<ModelSpec> {
    return this.#query((api) => api.getModel(id));
  }

  /** A built-in model's compute spec, without its prose (engine/model/compute-spec.ts; for the widget's checks). */
  getComputeSpec(id: string): Promise<ModelSpec> {
    return this.#query((api) => api.getComputeSpec(id));
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
    this.#prefetchQueue = [];
    for (const s of this.#slots) {
      s.prefetch?.settle(null);
      s.prefetch = null;
      s.endpoint.terminate();
    }
    this.#cache.clear();
  }

  #channel(name: string): Channel {
    let ch = this.#channels.get(name);
    if (!ch) { ch = { latest: 0, delivered: 0, pending: null, running: null, runningSlot: null }; this.#channels.set(name, ch); }
    return ch;
  }

  #newSlot(): Slot {
    const slot: Slot = { endpoint: this.#create(), job: null, channel: null, prefetch: null };
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
      const pre = slot.prefetch;
      this.#restart(slot);
      pre?.settle(null);
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
    slot.prefetch = null;
    try { slot.endpoint.terminate(); } catch { /* already gone */ }
    slot.endpoint = this.#create();
    this.#watch(slot);
  }

  #idle(s: Slot): boolean {
    return s.job === null && s.prefetch === null;
  }

  #pump(): void {
    if (this.#disposed) return;
    for (const ch of this.#channels.values()) {
      if (!ch.pending || ch.running) continue;
      const slot = this.#slots.find((s) => this.#idle(s));
      if (!slot) return;
      this.#start(ch, ch.pending, slot);
    }
    // Guesses run only while another worker stays idle for a real request.
    while (this.#prefetchQueue.length > 0 && this.#slots.filter((s) => this.#idle(s)).length > 1) {
      const next = this.#prefetchQueue.shift()!;
      if (this.#cache.has(next.key) || this.#inflight.has(next.key)) continue;
      this.#startPrefetch(next.key, next.req, this.#slots.find((s) => this.#idle(s))!);
    }
  }

  #startPrefetch(key: string, req: ApiSimulationRequest, slot: Slot): void {
    let settle!: (r: SimulationResult | null) => void;
    const done = new Promise<SimulationResult | null>((resolve) => { settle = resolve; });
    const run: PrefetchRun = { key, settle };
    slot.prefetch = run;
    this.#inflight.set(key, done);
    this.stats.prefetched++;
    void done.then(() => { if (this.#inflight.get(key) === done) this.#inflight.delete(key); });
    let call: Promise<SimulationResult>;
    try { call = slot.endpoint.api.simulate(req); } catch (e) { call = Promise.reject(e); }
    const finish = (r: SimulationResult | null) => {
      if (slot.prefetch !== run) return; // its worker crashed or was replaced: already settled
      slot.prefetch = null;
      if (r) this.#cachePut(key, r);
      settle(r);
      this.#pump();
    };
    call.then(finish, () => finish(null));
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
        // Even a result overtaken by a newer one is kept: the slider may come back to it.
        this.#cachePut(job.key, result);
        this.#deliver(ch, job, result);
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
