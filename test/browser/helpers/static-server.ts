import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';

/** Content types by file extension (lower case). Anything else is served as `application/octet-stream`. */
export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
};

/** An extra response served at an exact path, e.g. a host page that embeds the widget. */
export interface InlineFile {
  readonly body: string | Uint8Array;
  /** Content type. Default: from the path's extension. */
  readonly type?: string;
}

export interface StaticServerOptions {
  /**
   * URL path under which `root` is served, e.g. `/course/sim/` (a widget embedded in a course site). Requests
   * outside it get 404. Default `/`.
   */
  readonly basePath?: string;
  /**
   * Extra responses at exact URL paths (outside or inside `basePath`), served before files, e.g.
   * `{ '/course/lesson.html': { body: '<!doctype html>…' } }`.
   */
  readonly files?: Readonly<Record<string, InlineFile | string>>;
  /**
   * Headers added to every response, e.g. `{ 'Content-Security-Policy': "script-src 'self'" }` to check that
   * the app runs without `unsafe-eval`.
   */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * The `Cache-Control` of every response. Default `no-cache`, what a static host typically sends for files it may
   * change: the browser asks again for every page (this server always answers in full, so no test sees a stale
   * file), but within one page it reuses a file it has. With `no-store` it fetches a file again for every element
   * naming it, e.g. each shadow root's link to the app's static first screen's style sheet.
   */
  readonly cacheControl?: 'no-store' | 'no-cache';
}

/** A running server. */
export interface StaticServer {
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  readonly origin: string;
  /** URL of `root`: origin + basePath, ending in `/`, e.g. `http://127.0.0.1:41234/course/sim/`. */
  readonly url: string;
  readonly port: number;
  /** Every request so far as `STATUS PATH` (e.g. `404 /course/sim/missing.js`), for assertions and debugging. */
  readonly log: readonly string[];
  close(): Promise<void>;
}

function normaliseBase(base: string): string {
  let b = base.startsWith('/') ? base : `/${base}`;
  if (!b.endsWith('/')) b += '/';
  return b;
}

function typeOf(path: string): string {
  return MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Serves the directory `root` over HTTP on 127.0.0.1, on a free port, for browser tests: correct content types
 * (modules, workers and WebAssembly need them), `index.html` for directory URLs, revalidated on every page (`no-cache`), GET and HEAD only,
 * nothing outside `root`.
 * @example
 * const server = await serveStatic('dist', { basePath: '/course/sim/' });
 * await page.goto(server.url); // http://127.0.0.1:PORT/course/sim/ → dist/index.html
 * await server.close();
 */
export async function serveStatic(root: string, options: StaticServerOptions = {}): Promise<StaticServer> {
  const rootDir = resolve(root);
  const rootStat = await stat(rootDir).catch(() => undefined);
  if (!rootStat?.isDirectory()) throw new Error(`serveStatic: ${rootDir} is not a directory (did the build run?)`);
  const base = normaliseBase(options.basePath ?? '/');
  const inline = new Map(Object.entries(options.files ?? {}).map(([p, f]) => [p, typeof f === 'string' ? { body: f } : f]));
  const extra = options.headers ?? {};
  const cacheControl = options.cacheControl ?? 'no-cache';
  const log: string[] = [];

  const send = (req: IncomingMessage, res: ServerResponse, status: number, type: string, body?: string | Uint8Array, path = req.url ?? '') => {
    log.push(`${status} ${path}`);
    res.writeHead(status, { 'Content-Type': type, 'Cache-Control': cacheControl, ...extra });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const server = createServer((req, res) => {
    void (async () => {
      let path: string;
      try {
        path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
      } catch {
        return send(req, res, 400, 'text/plain; charset=utf-8', 'bad request path');
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(req, res, 405, 'text/plain; charset=utf-8', 'method not allowed', path);
      const own = inline.get(path);
      if (own) return send(req, res, 200, own.type ?? typeOf(path), own.body, path);
      if (`${path}/` === base) {
        log.push(`301 ${path}`);
        res.writeHead(301, { Location: base, ...extra });
        return res.end();
      }
      if (!path.startsWith(base) || path.includes('\0')) return send(req, res, 404, 'text/plain; charset=utf-8', `not found: ${path}`, path);
      let file = resolve(join(rootDir, path.slice(base.length)));
      if (file !== rootDir && !file.startsWith(rootDir + sep)) return send(req, res, 404, 'text/plain; charset=utf-8', `not found: ${path}`, path);
      let st = await stat(file).catch(() => undefined);
      if (st?.isDirectory()) {
        file = join(file, 'index.html');
        st = await stat(file).catch(() => undefined);
      }
      if (!st?.isFile()) return send(req, res, 404, 'text/plain; charset=utf-8', `not found: ${path}`, path);
      log.push(`200 ${path}`);
      res.writeHead(200, { 'Content-Type': typeOf(file), 'Content-Length': st.size, 'Cache-Control': cacheControl, ...extra });
      if (req.method === 'HEAD') return res.end();
      createReadStream(file).on('error', () => res.destroy()).pipe(res);
    })().catch((err: unknown) => {
      if (!res.headersSent) send(req, res, 500, 'text/plain; charset=utf-8', String(err));
      else res.destroy();
    });
  });

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: origin + base,
    port,
    log,
    close: () => new Promise<void>((ok, fail) => {
      server.closeAllConnections();
      server.close((err) => (err ? fail(err) : ok()));
    }),
  };
}
