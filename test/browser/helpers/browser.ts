import { accessSync, constants } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

/** Flags for Debian's Chromium in a headless container (root, no GPU, no network chatter). */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

function executable(p: string | undefined): p is string {
  if (!p) return false;
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The Chromium binary: `LDN_SIM_CHROMIUM` (set by `npm test`, scripts/test.mjs), else `CHROMIUM_PATH`, else the
 * usual Debian/Ubuntu paths. Never skips: without a browser the test fails, saying what to install.
 */
export function chromiumPath(): string {
  for (const name of ['LDN_SIM_CHROMIUM', 'CHROMIUM_PATH'] as const) {
    const p = process.env[name];
    if (p !== undefined && p !== '') {
      if (executable(p)) return p;
      throw new Error(`${name}=${p} is not an executable file`);
    }
  }
  const found = CANDIDATES.find(executable);
  if (found) return found;
  throw new Error(`browser tests need Chromium: run \`sudo apt-get install chromium\` (Debian/Ubuntu) or set CHROMIUM_PATH to a Chromium/Chrome binary; tried ${CANDIDATES.join(', ')}`);
}

/** Launches headless Chromium with {@link CHROMIUM_ARGS}; close it in `afterAll`. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS], headless: true, timeout: 30_000 });
}

/** A page whose problems are recorded: use `expect(p.errors()).toEqual([])` at the end of a test. */
export interface WatchedPage {
  readonly page: Page;
  readonly context: BrowserContext;
  /** `console.error(...)` messages (and Chromium's own, e.g. "Failed to load resource: 404"), with their source location. */
  readonly consoleErrors: string[];
  /** Uncaught exceptions and unhandled rejections in the page and its workers (`pageerror`). */
  readonly pageErrors: string[];
  /** Requests that failed at the network level or answered with status >= 400, as `STATUS URL` / `failed URL: why`. */
  readonly failedRequests: string[];
  /** Everything above, in one list (empty when the page ran cleanly). */
  errors(): string[];
  /**
   * Awaits `promise`; if it rejects (typically a timeout waiting for something to appear), rethrows with the
   * errors recorded so far appended, since they usually say why.
   * @example const d = await p.explain(waitForDrawnSvgPath(p.page));
   */
  explain<T>(promise: Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Chromium requests /favicon.ico by itself when a page declares no icon; its 404 is not the page's error. */
export const FAVICON_404 = /(404 \(Not Found\)|^404) .*\/favicon\.ico\b/;

/** Options of {@link openPage}. */
export interface OpenPageOptions extends BrowserContextOptions {
  /**
   * Error texts to ignore (substring or regular expression). Default: only the 404 of Chromium's automatic
   * `/favicon.ico` request (pages without an icon link); pass `[]` to record even that.
   */
  readonly ignore?: readonly (string | RegExp)[];
}

/**
 * Opens a fresh context and page that record console errors, page errors and failed requests. Default viewport
 * 1280×800; pass any Playwright context option (e.g. `reducedMotion: 'reduce'`, `viewport`, `locale`).
 * @example
 * const p = await openPage(browser);
 * await p.page.goto(server.url);
 * …
 * expect(p.errors()).toEqual([]);
 * await p.close();
 */
export async function openPage(browser: Browser, options: OpenPageOptions = {}): Promise<WatchedPage> {
  const { ignore = [FAVICON_404], ...contextOptions } = options;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...contextOptions });
  const page = await context.newPage();
  const ignored = (text: string) => ignore.some((m) => (typeof m === 'string' ? text.includes(m) : m.test(text)));
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  const failedRequests: string[] = [];
  const record = (list: string[], text: string) => { if (!ignored(text)) list.push(text); };
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const loc = msg.location();
    record(consoleErrors, `console.error: ${msg.text()}${loc.url ? ` (${loc.url}:${loc.lineNumber + 1})` : ''}`);
  });
  page.on('pageerror', (err) => record(pageErrors, `page error: ${err.stack ?? err.message}`));
  page.on('requestfailed', (req) => record(failedRequests, `failed ${req.url()}: ${req.failure()?.errorText ?? 'unknown'}`));
  page.on('response', (res) => { if (res.status() >= 400) record(failedRequests, `${res.status()} ${res.url()}`); });
  // Workers: their uncaught errors reach `pageerror` only for dedicated workers in some versions, so listen too.
  page.on('worker', (w) => w.on('console', (msg) => { if (msg.type() === 'error') record(consoleErrors, `worker console.error: ${msg.text()}`); }));
  const errors = () => [...pageErrors, ...consoleErrors, ...failedRequests];
  return {
    page,
    context,
    consoleErrors,
    pageErrors,
    failedRequests,
    errors,
    explain: async (promise) => {
      try {
        return await promise;
      } catch (err) {
        const seen = errors();
        if (err instanceof Error && seen.length) err.message += `\nErrors recorded in the page:\n  ${seen.join('\n  ')}`;
        throw err;
      }
    },
    close: () => context.close(),
  };
}
