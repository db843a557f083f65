import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { expose, transfer, wrap, type RpcEndpoint } from '../../workers/rpc';

// workers/rpc.ts replaces comlink for the simulation worker (issue #18); the pool relies on what comlink gave it.
const ports: { close(): void }[] = [];
afterEach(() => { while (ports.length) ports.pop()!.close(); });

const kept: Float64Array[] = [];
const api = {
  add: (a: number, b: number) => a + b,
  later: async (ms: number, v: string) => { await new Promise((r) => setTimeout(r, ms)); return v; },
  column: () => { const c = new Float64Array([1, 2, 3]); kept.push(c); return transfer({ values: c }, [c.buffer]); },
  fails: () => { throw new RangeError('dose: expected a number'); },
  failsAsync: async () => { throw new TypeError('async: nope'); },
  throwsValue: () => { throw { code: 7 }; },
};

function connect() {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  expose(api, port1 as unknown as RpcEndpoint);
  return wrap<typeof api>(port2 as unknown as RpcEndpoint);
}

describe('the simulation worker\'s message protocol', () => {
  it('answers sync and async methods, each call with its own result even when answers come out of order', async () => {
    const remote = connect();
    const [slow, fast, sum] = await Promise.all([remote.later(60, 'slow'), remote.later(1, 'fast'), remote.add(2, 3)]);
    expect([slow, fast, sum]).toEqual(['slow', 'fast', 5]);
  });

  it('transfers the marked buffers (the worker\'s copy is detached) and the page gets the values', async () => {
    const remote = connect();
    const r = await remote.column();
    expect(Array.from(r.values)).toEqual([1, 2, 3]);
    expect(kept.at(-1)!.byteLength).toBe(0);
  });

  it('rejects with an Error of the same name and message for a thrown Error, sync or async, and passes other thrown values as they are', async () => {
    const remote = connect();
    await expect(remote.fails()).rejects.toMatchObject({ name: 'RangeError', message: 'dose: expected a number' });
    await expect(remote.fails()).rejects.toBeInstanceOf(Error);
    await expect(remote.failsAsync()).rejects.toMatchObject({ name: 'TypeError', message: 'async: nope' });
    await expect(remote.throwsValue()).rejects.toEqual({ code: 7 });
  });

  it('rejects a call of a method the worker does not have, naming it; the proxy is not a thenable', async () => {
    const remote = connect() as unknown as Record<string, () => Promise<unknown>>;
    await expect(remote['nope']!()).rejects.toThrow(/no method "nope"/);
    expect(await Promise.resolve(remote)).toBe(remote);
  });
});
