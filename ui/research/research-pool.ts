/**
 * The research panel's workers: a small pool that runs a job as many tasks (population chunks, sweep slices,
 * sensitivity parameter groups) spread over its workers, with progress and "latest request wins" per channel:
 * a new job on a channel cancels the old one (its queued tasks are dropped, workers busy with it are terminated
 * and replaced) and the old job resolves to `null`. Workers start on first use, so the teaching page pays
 * nothing until the Research tab runs something. The page never integrates: every task runs in a worker.
 */
import { releaseProxy, wrap } from 'comlink';
import type { ApiModelRef, ApiSimulationRequest, SimulationApi } from '../../engine/api';
import type { PopulationChunk, PopulationRequest } from '../../engine/population';
import type { SimulationResult } from '../../engine/result';
import type { SensitivityRequest, SensitivityResult } from '../../engine/sensitivity';
import type { SweepRequest, SweepResult } from '../../engine/sweep';

/** The worker calls the research tools use (`SimulationApi` with its optional research methods present). */
export interface ResearchApi {
  simulate(req: ApiSimulationRequest): Promise<SimulationResult> | SimulationResult;
  simulatePopulationChunk(req: ApiModelRef & PopulationRequest, from: number, to: number): Promise<PopulationChunk> | PopulationChunk;
  sweep(req: ApiModelRef & SweepRequest, from?: number, to?: number): Promise<SweepResult> | SweepResult;
  sensitivity(req: ApiModelRef & SensitivityRequest): Promise<SensitivityResult> | SensitivityResult;
}

/** One worker as the pool sees it (a real module worker in the page, a fake in tests). */
export interface ResearchEndpoint {
  readonly api: ResearchApi;
  onCrash(handler: (detail: string) => void): void;
  terminate(): void;
}

/** A real module worker running the simulation worker, wrapped with comlink. */
export function createResearchWorker(): ResearchEndpoint {
  const worker = new Worker(new URL('../../workers/sim.worker.ts', import.meta.url), { type: 'module', name: 'ldn-sim-research' });
  const api = wrap<SimulationApi>(worker);
  return {
    api: api as unknown as ResearchApi,
    onCrash(handler) {
      worker.addEventListener('error', (e) => { e.preventDefault(); handler(e.message || 'the worker script failed'); });
      worker.addEventListener('messageerror', () => handler('a message from the worker could not be read'));
    },
    terminate() { api[releaseProxy](); worker.terminate(); },
  };
}

/** A task: one call on a worker's API. */
export type ResearchTask<T> = (api: ResearchEndpoint['api']) => Promise<T> | T;

interface Job {
  readonly channel: string;
  readonly tasks: readonly ResearchTask<unknown>[];
  readonly results: unknown[];
  next: number;
  done: number;
  settled: boolean;
  readonly resolve: (r: unknown[] | null) => void;
  readonly reject: (e: unknown) => void;
  readonly onProgress?: (done: number, total: number) => void;
}

interface Slot { endpoint: ResearchEndpoint | null; job: Job | null }

export interface ResearchPoolOptions {
  /** Number of workers; default: the cores (`navigator.hardwareConcurrency`), 1 to 8. */
  readonly size?: number;
  readonly create?: () => ResearchEndpoint;
}

export class ResearchPool {
  readonly size: number;
  readonly #create: () => ResearchEndpoint;
  readonly #slots: Slot[] = [];
  readonly #jobs = new Map<string, Job>();
  #queue: Job[] = [];
  #disposed = false;

  constructor(opts: ResearchPoolOptions = {}) {
    const cores = typeof navigator !== 'undefined' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 2;
    this.size = Math.max(1, Math.min(8, Math.floor(opts.size ?? cores)));
    this.#create = opts.create ?? createResearchWorker;
    for (let i = 0; i < this.size; i++) this.#slots.push({ endpoint: null, job: null });
  }

  /**
   * Runs `tasks` on the pool; resolves to their results in task order, or to `null` when a newer job on the
   * same channel replaced this one. Rejects with the first task's error (the rest of the job is dropped).
   */
  run<T>(channel: string, tasks: readonly ResearchTask<T>[], onProgress?: (done: number, total: number) => void): Promise<T[] | null> {
    if (this.#disposed) return Promise.reject(new Error('the research pool has been disposed'));
    this.cancel(channel);
    return new Promise<T[] | null>((resolve, reject) => {
      const job: Job = {
        channel, tasks: tasks as readonly ResearchTask<unknown>[], results: new Array(tasks.length), next: 0, done: 0, settled: false,
        resolve: resolve as (r: unknown[] | null) => void, reject, ...(onProgress ? { onProgress } : {}),
      };
      this.#jobs.set(channel, job);
      if (tasks.length === 0) { this.#settle(job, () => resolve([])); return; }
      this.#queue.push(job);
      this.#pump();
    });
  }

  /** Cancels the channel's job, if any (it resolves to `null`). */
  cancel(channel: string): void {
    const old = this.#jobs.get(channel);
    if (!old) return;
    this.#settle(old, () => old.resolve(null));
    for (const s of this.#slots) if (s.job === old) this.#restart(s);
    this.#pump();
  }

  /** Terminates every worker; running jobs resolve to `null`. */
  dispose(): void {
    for (const ch of [...this.#jobs.keys()]) this.cancel(ch);
    this.#disposed = true;
    for (const s of this.#slots) { s.endpoint?.terminate(); s.endpoint = null; }
  }

  #settle(job: Job, how: () => void): void {
    if (job.settled) return;
    job.settled = true;
    if (this.#jobs.get(job.channel) === job) this.#jobs.delete(job.channel);
    this.#queue = this.#queue.filter((j) => j !== job);
    how();
  }

  #restart(slot: Slot): void {
    slot.job = null;
    try { slot.endpoint?.terminate(); } catch { /* already gone */ }
    slot.endpoint = null; // a fresh worker on next use
  }

  #endpoint(slot: Slot): ResearchEndpoint {
    if (!slot.endpoint) {
      const ep = this.#create();
      slot.endpoint = ep;
      ep.onCrash((detail) => {
        if (slot.endpoint !== ep) return;
        const job = slot.job;
        this.#restart(slot);
        if (job) this.#settle(job, () => job.reject(new Error(`the simulation worker stopped unexpectedly (${detail}); run again`)));
        this.#pump();
      });
    }
    return slot.endpoint;
  }

  #pump(): void {
    if (this.#disposed) return;
    for (const slot of this.#slots) {
      if (slot.job) continue;
      const job = this.#queue[0];
      if (!job) return;
      const index = job.next++;
      if (job.next >= job.tasks.length) this.#queue.shift();
      slot.job = job;
      const ep = this.#endpoint(slot);
      let call: Promise<unknown>;
      try { call = Promise.resolve(job.tasks[index]!(ep.api)); } catch (e) { call = Promise.reject(e); }
      call.then(
        (value) => {
          if (slot.job === job) slot.job = null;
          if (job.settled) { this.#pump(); return; }
          job.results[index] = value;
          job.done++;
          job.onProgress?.(job.done, job.tasks.length);
          if (job.done === job.tasks.length) this.#settle(job, () => job.resolve(job.results));
          this.#pump();
        },
        (err) => {
          if (slot.job === job) slot.job = null;
          if (!job.settled) {
            this.#settle(job, () => job.reject(err));
            for (const s of this.#slots) if (s.job === job) this.#restart(s);
          }
          this.#pump();
        },
      );
    }
  }
}
