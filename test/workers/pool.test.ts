import { describe, expect, it } from 'vitest';
import type { ApiSimulationRequest, ModelInfo } from '../../engine/api';
import type { SimulationResult } from '../../engine/result';
import { SimulationPool, WorkerCrashError, requestKey, type PoolEndpoint } from '../../workers/pool';

/** A fake worker whose runs finish when the test says so. */
class FakeWorker implements PoolEndpoint {
  static all: FakeWorker[] = [];
  calls: { req: ApiSimulationRequest; resolve: (r: SimulationResult) => void; reject: (e: unknown) => void }[] = [];
  terminated = false;
  crash: ((detail: string) => void) | null = null;
  constructor() { FakeWorker.all.push(this); }
  api = {
    simulate: (req: ApiSimulationRequest) => new Promise<SimulationResult>((resolve, reject) => { this.calls.push({ req, resolve, reject }); }),
    getModel: async () => { throw new Error('not used'); },
    getComputeSpec: async () => { throw new Error('not used'); },
    listModels: async (): Promise<ModelInfo[]> => [],
  };
  onCrash(handler: (detail: string) => void): void { this.crash = handler; }
  terminate(): void { this.terminated = true; }
}

const req = (endH: number): ApiSimulationRequest => ({ events: [], endH, stepH: 1 });
const res = (endH: number) => ({ timeH: new Float64Array([0, endH]), columns: [], meta: {} }) as unknown as SimulationResult;
const tick = () => new Promise((r) => setTimeout(r, 0));

function makePool(size = 1, cancelAfterMs = 1e9, now = () => 0, cacheSize?: number) {
  FakeWorker.all = [];
  return new SimulationPool({ size, create: () => new FakeWorker(), cancelAfterMs, now, cacheSize });
}

/** Every simulate call made so far, over all (fake) workers. */
const allCalls = () => FakeWorker.all.flatMap((w) => w.calls);

describe('SimulationPool', () => {
  it('creates as many workers as asked and runs a request on one of them', async () => {
    const pool = makePool(3);
    expect(FakeWorker.all).toHaveLength(3);
    const p = pool.run('main', req(24));
    const w = FakeWorker.all.find((x) => x.calls.length === 1)!;
    w.calls[0]!.resolve(res(24));
    expect((await p)!.timeH[1]).toBe(24);
  });

  it('while a run is busy, only the latest waiting request runs next; the dropped ones resolve to null', async () => {
    const pool = makePool(1);
    const a = pool.run('main', req(1));
    const b = pool.run('main', req(2));
    const c = pool.run('main', req(3));
    expect(await b).toBeNull();
    const w = FakeWorker.all[0]!;
    expect(w.calls).toHaveLength(1);
    w.calls[0]!.resolve(res(1));
    expect((await a)!.timeH[1]).toBe(1); // an intermediate result still draws: it is newer than anything drawn
    await tick();
    expect(w.calls.map((x) => x.req.endH)).toEqual([1, 3]);
    w.calls[1]!.resolve(res(3));
    expect((await c)!.timeH[1]).toBe(3);
    expect(pool.stats.dropped).toBe(1);
  });

  it('an older result never overtakes a newer one already delivered', async () => {
    const pool = makePool(1, 10, (() => { let t = 0; return () => (t += 100); })());
    const a = pool.run('main', req(1));
    // a has run for more than cancelAfterMs when b arrives: a is cancelled (its worker replaced) and b starts.
    const b = pool.run('main', req(2));
    expect(await a).toBeNull();
    expect(FakeWorker.all[0]!.terminated).toBe(true);
    const fresh = FakeWorker.all[1]!;
    await tick();
    fresh.calls[0]!.resolve(res(2));
    expect((await b)!.timeH[1]).toBe(2);
    // The cancelled worker answering late changes nothing.
    FakeWorker.all[0]!.calls[0]!.resolve(res(1));
    await tick();
    expect(pool.stats.cancelled).toBe(1);
  });

  it('channels are independent: the pinned scenario runs beside the current one', async () => {
    const pool = makePool(2);
    const a = pool.run('main', req(1));
    const b = pool.run('pinned', req(2));
    const [w1, w2] = FakeWorker.all;
    expect(w1!.calls.length + w2!.calls.length).toBe(2);
    for (const w of FakeWorker.all) w.calls[0]!.resolve(res(w.calls[0]!.req.endH));
    expect((await a)!.timeH[1]).toBe(1);
    expect((await b)!.timeH[1]).toBe(2);
  });

  it("a simulation error reaches the caller with the engine's message, and the next request runs", async () => {
    const pool = makePool(1);
    const a = pool.run('main', req(1));
    FakeWorker.all[0]!.calls[0]!.reject(new RangeError('parameter ka_per_h: expected a value in [0.1, 20] 1/h, got 99'));
    await expect(a).rejects.toThrow(/ka_per_h/);
    const b = pool.run('main', req(2));
    FakeWorker.all[0]!.calls[1]!.resolve(res(2));
    expect((await b)!.timeH[1]).toBe(2);
  });

  it('a crashed worker is replaced: its request fails with WorkerCrashError and the next one recovers', async () => {
    const pool = makePool(1);
    const a = pool.run('main', req(1));
    const dead = FakeWorker.all[0]!;
    dead.crash!('out of memory');
    const err = await a.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkerCrashError);
    expect((err as Error).message).toMatch(/stopped unexpectedly \(out of memory\)/);
    expect(dead.terminated).toBe(true);
    const b = pool.run('main', req(2));
    const fresh = FakeWorker.all[1]!;
    fresh.calls[0]!.resolve(res(2));
    expect((await b)!.timeH[1]).toBe(2);
    expect(pool.stats.crashed).toBe(1);
  });

  it('a crash of a request already superseded is silent (null), and the waiting request still runs', async () => {
    const pool = makePool(1);
    const a = pool.run('main', req(1));
    const b = pool.run('main', req(2));
    FakeWorker.all[0]!.crash!('boom');
    expect(await a).toBeNull();
    await tick();
    FakeWorker.all[1]!.calls[0]!.resolve(res(2));
    expect((await b)!.timeH[1]).toBe(2);
  });

  it('dispose terminates every worker and settles waiting requests with null', async () => {
    const pool = makePool(2);
    const a = pool.run('main', req(1));
    pool.dispose();
    expect(await a).toBeNull();
    expect(FakeWorker.all.every((w) => w.terminated)).toBe(true);
    await expect(pool.run('main', req(1))).rejects.toThrow(/disposed/);
  });
});

describe('SimulationPool queries', () => {
  it('a model query whose worker crashes is asked again of the replacement worker', async () => {
    FakeWorker.all = [];
    let asked = 0;
    const pool = new SimulationPool({
      size: 1,
      create: () => {
        const w = new FakeWorker();
        w.api.listModels = () => { asked++; return asked === 1 ? new Promise(() => {}) : Promise.resolve([{ id: 'ldn', title: 'LDN', version: '1' }]); };
        return w;
      },
    });
    const models = pool.listModels();
    FakeWorker.all[0]!.crash!('script failed to load');
    expect((await models).map((m) => m.id)).toEqual(['ldn']);
    expect(asked).toBe(2);
  });
});

describe('requestKey', () => {
  it('is the same for the same data whatever the key order, and differs whenever any value differs', () => {
    const a = { modelId: 'ldn', endH: 24, stepH: 1 / 30, params: { ka: 1, kel: 0.2 }, events: [{ timeH: 0, drug: 'naltrexone', amtMg: 4.5 }] };
    const b = { events: [{ amtMg: 4.5, drug: 'naltrexone', timeH: 0 }], params: { kel: 0.2, ka: 1 }, stepH: 1 / 30, endH: 24, modelId: 'ldn' };
    expect(requestKey(a)).toBe(requestKey(b));
    const variants = [
      { ...a, endH: 48 },
      { ...a, params: { ka: 1, kel: 0.2000000001 } },
      { ...a, params: { ka: 1 } },
      { ...a, events: [{ timeH: 0, drug: 'naltrexone', amtMg: 4.75 }] },
      { ...a, events: [{ timeH: 0, drug: 'naltrexone', amtMg: 4.5 }, { timeH: 24, drug: 'naltrexone', amtMg: 4.5 }] },
      { ...a, modelId: 'one-compartment' },
      { ...a, presets: { hepatic: 'none' } },
    ];
    const keys = new Set([a, ...variants].map(requestKey));
    expect(keys.size).toBe(variants.length + 1);
  });

  it('tells apart values that JSON would merge: -0 and 0, NaN, ±Infinity and null, absent and undefined, "1" and 1', () => {
    const keys = [0, -0, NaN, Infinity, -Infinity, null, undefined, '1', 1, true, [], {}, [undefined], { x: undefined }].map(requestKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(requestKey({ a: 1 })).not.toBe(requestKey({ a: 1, b: undefined }));
  });
});

describe('SimulationPool cache and prefetch', () => {
  /** A request that differs from req(24) only in one parameter. */
  const withParam = (v: number): ApiSimulationRequest => ({ ...req(24), params: { ka: v } });

  it('a request asked again is answered from the cache without a worker; any other scenario is not', async () => {
    const pool = makePool(1);
    const a = pool.run('main', withParam(1));
    allCalls()[0]!.resolve(res(24));
    const first = await a;
    const again = await pool.run('main', withParam(1));
    expect(again).toBe(first);
    expect(allCalls()).toHaveLength(1);
    expect(pool.stats.cacheHits).toBe(1);
    // A scenario that differs in one parameter value is computed, never served the cached result.
    const other = pool.run('main', withParam(1.0000001));
    await tick();
    expect(allCalls()).toHaveLength(2);
    expect(allCalls()[1]!.req.params).toEqual({ ka: 1.0000001 });
    const r2 = res(48);
    allCalls()[1]!.resolve(r2);
    expect(await other).toBe(r2);
  });

  it('a cached answer supersedes an older request still running: its late result is dropped, not drawn over', async () => {
    const pool = makePool(1);
    const a = pool.run('main', req(1));
    allCalls()[0]!.resolve(res(1));
    await a;
    const slow = pool.run('main', req(2)); // runs
    const back = pool.run('main', req(1)); // cached
    expect((await back)!.timeH[1]).toBe(1);
    allCalls()[1]!.resolve(res(2));
    expect(await slow).toBeNull();
    // ... but that late result is kept for when the slider comes back to it.
    expect(pool.isCached(req(2))).toBe(true);
  });

  it('prefetches on idle workers only, always leaving one idle for real requests; a pool of one never prefetches', async () => {
    const solo = makePool(1);
    solo.prefetch([req(1), req(2)]);
    expect(allCalls()).toHaveLength(0);

    const pool = makePool(3);
    pool.prefetch([req(1), req(2), req(3)]);
    expect(allCalls().map((c) => c.req.endH)).toEqual([1, 2]); // two of three workers; the third stays idle
    // A real request starts at once on the idle worker instead of waiting behind the guesses.
    const real = pool.run('main', req(9));
    expect(allCalls().map((c) => c.req.endH)).toEqual([1, 2, 9]);
    allCalls()[2]!.resolve(res(9));
    expect((await real)!.timeH[1]).toBe(9);
    // When a prefetch ends, the next wish runs on a freed worker.
    allCalls()[0]!.resolve(res(1));
    await tick();
    expect(allCalls().map((c) => c.req.endH).sort()).toEqual([1, 2, 3, 9]);
    expect(pool.isCached(req(1))).toBe(true);
    expect(pool.stats.prefetched).toBe(3);
  });

  it('a request for a scenario being prefetched waits for that run instead of starting another', async () => {
    const pool = makePool(2);
    pool.prefetch([req(5)]);
    expect(allCalls()).toHaveLength(1);
    const p = pool.run('main', req(5));
    expect(allCalls()).toHaveLength(1);
    const r = res(5);
    allCalls()[0]!.resolve(r);
    expect(await p).toBe(r);
    expect(pool.stats.adopted).toBe(1);
  });

  it('a failed prefetch is not cached: the request waiting for it runs itself and reports its own error', async () => {
    const pool = makePool(2);
    pool.prefetch([req(5)]);
    const p = pool.run('main', req(5));
    allCalls()[0]!.reject(new RangeError('parameter ka_per_h out of range'));
    await tick();
    expect(allCalls()).toHaveLength(2);
    expect(pool.isCached(req(5))).toBe(false);
    allCalls()[1]!.reject(new RangeError('parameter ka_per_h out of range'));
    await expect(p).rejects.toThrow(/ka_per_h/);
  });

  it('a request waiting for a prefetch that a newer request superseded resolves to null', async () => {
    const pool = makePool(2);
    pool.prefetch([req(5)]);
    const p = pool.run('main', req(5));
    const q = pool.run('main', req(6));
    await tick();
    const call6 = allCalls().find((c) => c.req.endH === 6)!;
    call6.resolve(res(6));
    expect((await q)!.timeH[1]).toBe(6);
    allCalls()[0]!.resolve(res(5));
    expect(await p).toBeNull();
  });

  it('a prefetch whose worker crashes settles: the waiting request runs on a worker of its own', async () => {
    const pool = makePool(2);
    pool.prefetch([req(5)]);
    const busy = FakeWorker.all.find((w) => w.calls.length === 1)!;
    const p = pool.run('main', req(5));
    busy.crash!('killed');
    await tick();
    const retry = allCalls().filter((c) => c.req.endH === 5)[1]!;
    retry.resolve(res(5));
    expect((await p)!.timeH[1]).toBe(5);
  });

  it('keeps at most cacheSize results, dropping the least recently used', async () => {
    const pool = makePool(1, 1e9, () => 0, 2);
    for (const h of [1, 2, 3]) {
      const p = pool.run('main', req(h));
      allCalls().at(-1)!.resolve(res(h));
      await p;
    }
    expect([1, 2, 3].map((h) => pool.isCached(req(h)))).toEqual([false, true, true]);
  });
});
