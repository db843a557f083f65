import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, type WatchedPage } from './helpers/browser';
import { simulationWorker } from './helpers/chunks';
import { serveStatic, type StaticServer } from './helpers/static-server';

// Issue #18: the built simulation worker (dist/embed) loads its optional engine features and non-default models
// as chunks on first use, from its own folder, under the widget's strict Content-Security-Policy. A bare page
// talks to the worker with comlink's message protocol (APPLY a method, RAW values), so only the worker's own
// files are served. The numbers are checked against closed forms for the one-compartment model (F 1, ka 2 /h,
// CL/F 475 L/h, V/F 3000 L).
const EMBED = fileURLToPath(new URL('../../dist/embed/', import.meta.url));
const CSP = "script-src 'self'; style-src 'self'; worker-src 'self'";

const KA = 2;
const K = 475 / 3000;
const unit = (4.5 / 3000) * (KA / (KA - K));
const bateman = (t: number) => unit * (Math.exp(-K * t) - Math.exp(-KA * t));
const trough24 = unit * (1 / (1 - Math.exp(-K * 24)) - 1 / (1 - Math.exp(-KA * 24)));

/** The page's side: a worker and a `call(method, ...args)` that resolves to `{ value }` or `{ error }`. */
const probe = (worker: string) => `
const worker = new Worker(new URL('./ldn/${worker}', import.meta.url), { type: 'module' });
const pending = new Map();
let next = 0;
worker.addEventListener('message', (e) => { const done = pending.get(e.data.id); if (done) { pending.delete(e.data.id); done(e.data); } });
window.call = (method, ...args) => new Promise((resolve) => {
  const id = String(next++);
  pending.set(id, resolve);
  worker.postMessage({ id, type: 'APPLY', path: [method], argumentList: args.map((value) => ({ type: 'RAW', value })) });
}).then((m) => (m.type === 'HANDLER' && m.name === 'throw' ? { error: String(m.value.value?.message ?? m.value.value) } : { value: m.value }));
window.violations = [];
document.addEventListener('securitypolicyviolation', (e) => window.violations.push(e.violatedDirective + ' ' + e.blockedURI));
`;

interface Run { error?: string; ok?: boolean; method?: string; steadyState?: string; at?: number[] }

describe('the built simulation worker loads features and models on first use, under a strict CSP', () => {
  let browser: Browser;
  let server: StaticServer;
  let site: string;
  let p: WatchedPage;
  let staticFiles: string[];

  /** Simulates in the worker; returns the concentration (or first column) at grid rows `rows`. */
  const run = (req: object, rows: number[]): Promise<Run> => p.page.evaluate(async ({ req, rows }) => {
    const r = await (window as unknown as { call(m: string, ...a: unknown[]): Promise<{ value?: any; error?: string }> }).call('simulate', req);
    if (r.error !== undefined) return { error: r.error };
    const col = r.value.columns.find((c: { name: string }) => c.name === 'conc_mg_per_l') ?? r.value.columns[0];
    return { ok: r.value.meta.ok, method: r.value.meta.solver.method, steadyState: r.value.meta.steadyState?.method, at: rows.map((i) => col.values[i]) };
  }, { req, rows });
  /** The worker's files fetched so far (names in dist/embed). */
  const fetched = () => server.log.filter((l) => l.startsWith('200 /ldn/')).map((l) => l.slice('200 /ldn/'.length));

  beforeAll(async () => {
    if (!existsSync(join(EMBED, 'ldn-sim.js'))) throw new Error('dist/embed is missing: run `npm run build` (npm test does it first)');
    const worker = simulationWorker(EMBED);
    staticFiles = worker.files;
    site = mkdtempSync(join(tmpdir(), 'ldn-sim-worker-'));
    cpSync(EMBED, join(site, 'ldn'), { recursive: true });
    server = await serveStatic(site, {
      headers: { 'Content-Security-Policy': CSP },
      files: {
        '/probe.html': '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>worker probe</title><link rel="icon" href="data:,">'
          + '<script type="module" src="./probe.js"></script></head><body></body></html>',
        '/probe.js': probe(worker.entry),
      },
    });
    browser = await launchBrowser();
    p = await openPage(browser);
    await p.page.goto(`${server.origin}/probe.html`, { waitUntil: 'load' });
    await p.page.waitForFunction(() => 'call' in window);
  });

  afterAll(async () => {
    await p?.close();
    await browser?.close();
    await server?.close();
    if (site) rmSync(site, { recursive: true, force: true });
  });

  it("the widget's default request (ldn, 4.5 mg daily at 22:00, 3 days) runs on the worker's static files alone", async () => {
    const events = [0, 24, 48].map((timeH) => ({ timeH, drug: 'naltrexone', amtMg: 4.5 }));
    const r = await run({ modelId: 'ldn', events, endH: 72, stepH: 0.1, startClockH: 22 }, [0]);
    expect(r.error).toBeUndefined();
    expect(r).toMatchObject({ ok: true, method: 'dop853' });
    expect(fetched().sort()).toEqual([...staticFiles].sort());
  });

  it('odex and the one-compartment model load on first use: one 4.5 mg dose follows the Bateman function at 1, 2 and 10 h (rtol 1e-6)', async () => {
    const r = await run({ modelId: 'one-compartment', events: [{ timeH: 0, drug: 'drug', amtMg: 4.5 }], endH: 24, stepH: 1, solver: { method: 'odex' } }, [1, 2, 10]);
    expect(r.error).toBeUndefined();
    expect(r.method).toBe('odex');
    [1, 2, 10].forEach((t, i) => expect(Math.abs(r.at![i]! - bateman(t)) / bateman(t), `${t} h`).toBeLessThan(1e-6));
    expect(fetched().filter((f) => /^(odex|one-compartment)-/.test(f))).toHaveLength(2);
  });

  it('dopri5 and the records feature load on first use: a steady state (ss 1, every 24 h) starts at the closed-form trough (rtol 1e-6)', async () => {
    const events = [{ timeH: 0, drug: 'drug', amtMg: 4.5, ss: 1, iiH: 24 }];
    const r = await run({ modelId: 'one-compartment', events, endH: 24, stepH: 1, solver: { method: 'dopri5' } }, [0]);
    expect(r.error).toBeUndefined();
    expect(r).toMatchObject({ ok: true, method: 'dopri5', steadyState: 'linear-closed-form' });
    expect(Math.abs(r.at![0]! - trough24) / trough24).toBeLessThan(1e-6);
    expect(fetched().some((f) => /^records-feature-/.test(f))).toBe(true);
    expect(fetched().some((f) => /^dopri5-/.test(f))).toBe(true);
  });

  it('an unknown model is refused with the valid ids listed, and the page saw no CSP violation or error', async () => {
    const r = await run({ modelId: 'nope', events: [], endH: 1, stepH: 1 }, []);
    expect(r.error).toMatch(/no built-in model "nope"; available: ldn, one-compartment, two-compartment/);
    expect(await p.page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
    expect(p.errors()).toEqual([]);
  });
});
