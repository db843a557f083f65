import { describe, expect, it } from 'vitest';
import type { ApiSimulationRequest, ModelInfo } from '../../engine/api';
import type { SimulationResult } from '../../engine/result';
import { SimulationPool, WorkerCrashError, type PoolEndpoint } from '../../workers/pool';

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
    listModels: async (): Promise<ModelInfo[]> => [],
  };
  onCrash(handler: (detail: string) => void): void { this.crash = handler; }
  terminate(): void { this.terminated = true; }
}

const req = (endH: number): ApiSimulationRequest => ({ events: [], endH, stepH: 1 });
const res = (endH: number) => ({ timeH: new Float64Array([0, endH]), columns: [], meta: {} }) as unknown as SimulationResult;
const tick = () => new Promise((r) => setTimeout(r, 0));

function makePool(size = 1, cancelAfterMs = 1e9, now = () => 0) {
  FakeWorker.all = [];
  return new SimulationPool({ size, create: () => new FakeWorker(), cancelAfterMs, now });
}

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
