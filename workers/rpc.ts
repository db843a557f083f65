/**
 * The simulation worker's calls: what comlink did for it (`expose`, `wrap`, `transfer`), cut to what it uses, so
 * that comlink (4 kB of code on each side) is not on a widget's first path (issue #18). The page calls a method by
 * name with structured-cloneable arguments and gets a promise of its result; the worker runs the method (sync or
 * async) and posts the value back, transferring the buffers marked with `transfer`. A thrown `Error` arrives as an
 * `Error` with the same `name` and `message` (as comlink did); any other thrown value arrives as it is.
 *
 * The fit worker and tests may still use comlink: this protocol is only that of workers/sim.worker.ts.
 */

/** What the two sides post: a call, and its answer. */
type Call = { readonly id: number; readonly method: string; readonly args: readonly unknown[] };
type Answer = { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: unknown; readonly isError: boolean };

/** The port either side talks through: a `Worker`, the worker's global scope, or a `MessagePort`. */
export interface RpcEndpoint {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (ev: MessageEvent) => void): void;
  start?(): void;
}

/** An API as the page sees it: every method returns a promise. */
export type Remote<T> = { [K in keyof T]-?: T[K] extends ((...args: infer A) => infer R) | undefined ? (...args: A) => Promise<Awaited<R>> : never };

const transfers = new WeakMap<object, Transferable[]>();

/** Marks `value` (a method's result) to be sent with `list` transferred, not copied; returns `value`. */
export function transfer<T>(value: T, list: Transferable[]): T {
  transfers.set(value as object, list);
  return value;
}

/** Answers the calls arriving at `port` with the methods of `api`. */
export function expose(api: object, port: RpcEndpoint = self as unknown as RpcEndpoint): void {
  port.addEventListener('message', (ev: MessageEvent) => {
    const { id, method, args } = ev.data as Call;
    const fn = (api as Record<string, unknown>)[method];
    new Promise((resolve) => {
      if (typeof fn !== 'function') throw new TypeError(`the simulation worker has no method ${JSON.stringify(method)}`);
      resolve((fn as (...a: unknown[]) => unknown).apply(api, [...args]));
    }).then((value) => {
      const list = value !== null && typeof value === 'object' ? transfers.get(value) : undefined;
      port.postMessage({ id, ok: true, value } satisfies Answer, list ?? []);
    }, (e: unknown) => {
      const isError = e instanceof Error;
      const error = isError ? { name: e.name, message: e.message, stack: e.stack } : e;
      port.postMessage({ id, ok: false, error, isError } satisfies Answer);
    });
  });
  port.start?.();
}

/** The API exposed at the other end of `port`, as promises. */
export function wrap<T>(port: RpcEndpoint): Remote<T> {
  let next = 0;
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: unknown): void }>();
  port.addEventListener('message', (ev: MessageEvent) => {
    const a = ev.data as Answer;
    const w = waiting.get(a.id);
    if (!w) return;
    waiting.delete(a.id);
    if (a.ok) w.resolve(a.value);
    else if (a.isError) {
      const { name, message, stack } = a.error as { name: string; message: string; stack?: string };
      w.reject(Object.assign(new Error(message), { name, stack }));
    } else w.reject(a.error);
  });
  port.start?.();
  return new Proxy({}, {
    get: (_target, method) => (typeof method !== 'string' || method === 'then' ? undefined : (...args: unknown[]) => new Promise((resolve, reject) => {
      const id = ++next;
      waiting.set(id, { resolve, reject });
      port.postMessage({ id, method, args } satisfies Call);
    })),
  }) as Remote<T>;
}
