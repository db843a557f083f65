/**
 * The language of the page and the message catalogues. Each string table of the UI (`STRINGS` in ui/strings.ts,
 * `WIDGET_STRINGS`, …) is written in English in its own file, as before, and registers itself here with
 * `registerTable`. Choosing a language overwrites each table in place with that language's catalogue
 * (ui/i18n/es.ts), falling back to English key by key, so every `STRINGS.x` read anywhere in the UI gives the
 * chosen language without any change at the call site. One language per page.
 *
 * Numbers, percentages, hours and clock times are formatted with `Intl` for the language (`formatNumber`, …).
 *
 * A catalogue is a chunk of its own, fetched only when its language is chosen (`loadLanguage`, `chooseLanguageOnce`):
 * an English page never downloads the Spanish one (issue #18, JavaScript before the first curve).
 */

/** Languages with a complete catalogue. English is the source of every key. */
export const LANGUAGES = ['en', 'es'] as const;
export type Lang = (typeof LANGUAGES)[number];

/** The name of each language in that language (for a language menu). */
export const LANGUAGE_NAMES: Readonly<Record<Lang, string>> = { en: 'English', es: 'Español' };

/**
 * A translation of a table whose English source is `T`: the same keys and nesting, strings for strings,
 * functions of the same parameters for functions. Keys may be missing here (they fall back to English) so that
 * a colleague's new English string never breaks the build; `test/ui/i18n.test.ts` fails until it is translated.
 */
export type Translation<T> = {
  -readonly [K in keyof T]?: T[K] extends (...args: infer A) => infer R
    ? (...args: A) => (R extends string ? string : R)
    : T[K] extends string ? string
    : T[K] extends readonly string[] ? readonly string[]
    : T[K] extends number ? number
    : T[K] extends object ? Translation<T[K]> : T[K];
};

/** Every loaded translation, by language and table name (English is the source: nothing to load). */
const CATALOGUES: Partial<Record<Lang, Readonly<Record<string, object>>>> = { en: {} };

/** How each translation is fetched: a dynamic import, so each is a chunk of its own. */
const LOADERS: Readonly<Record<Exclude<Lang, 'en'>, () => Promise<Readonly<Record<string, object>>>>> = {
  es: () => import('./es').then((m) => m.es),
};
const loading = new Map<Lang, Promise<void>>();

/** Fetches the catalogue of `lang` (once; English has none). Resolves when `setLanguage(lang)` can apply it. */
export function loadCatalogue(lang: Lang): Promise<void> {
  if (CATALOGUES[lang]) return Promise.resolve();
  let p = loading.get(lang);
  if (!p) {
    p = LOADERS[lang as Exclude<Lang, 'en'>]().then((c) => { CATALOGUES[lang] = c; }, (err: unknown) => { loading.delete(lang); throw err; });
    loading.set(lang, p);
  }
  return p;
}

/** The loaded translations of `lang` (throws if `loadCatalogue(lang)` has not finished: a programming error). */
function loaded(lang: Lang): Readonly<Record<string, object>> {
  const c = CATALOGUES[lang];
  if (!c) throw new Error(`i18n: the ${lang} catalogue is not loaded yet; await loadCatalogue('${lang}') or loadLanguage('${lang}') first`);
  return c;
}

let current: Lang = 'en';
const tables = new Map<string, { target: Record<string, unknown>; english: Record<string, unknown> }>();

function copy<T>(v: T): T {
  if (Array.isArray(v)) return v.slice() as T;
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = copy(x);
    return out as T;
  }
  return v;
}

/** Writes `english`, overridden key by key by `translation`, into `target` (same shape). */
function fill(target: Record<string, unknown>, english: Record<string, unknown>, translation: Record<string, unknown> | undefined): void {
  for (const [k, en] of Object.entries(english)) {
    const tr = translation?.[k];
    if (en && typeof en === 'object' && !Array.isArray(en)) {
      fill(target[k] as Record<string, unknown>, en as Record<string, unknown>, tr as Record<string, unknown> | undefined);
    } else {
      target[k] = tr !== undefined && typeof tr === typeof en ? copy(tr) : copy(en);
    }
  }
}

/**
 * Registers a string table under `name` (its key in each catalogue). The table's current contents are kept as
 * the English source; the table is then filled in the current language.
 */
export function registerTable<T extends object>(name: string, table: T): T {
  const target = table as unknown as Record<string, unknown>;
  const english = copy(target);
  tables.set(name, { target, english });
  fill(target, english, loaded(current)[name] as Record<string, unknown> | undefined);
  return table;
}

/** The English source of a registered table (for tests and tools). */
export function englishTable(name: string): Readonly<Record<string, unknown>> | undefined {
  return tables.get(name)?.english;
}

/** The names of the registered tables. */
export function tableNames(): string[] {
  return [...tables.keys()];
}

/** The translations of a language, by table name (for tests and tools), once `loadCatalogue(lang)` has finished. */
export function catalogue(lang: Lang): Readonly<Record<string, object>> {
  return loaded(lang);
}

/** The page's language. */
export function language(): Lang {
  return current;
}

/** A supported language for a BCP 47 tag (`es-MX` → `es`), or null. */
export function supportedLanguage(tag: string | null | undefined): Lang | null {
  if (!tag) return null;
  const base = tag.trim().toLowerCase().split(/[-_]/)[0];
  return (LANGUAGES as readonly string[]).includes(base ?? '') ? (base as Lang) : null;
}

/** The first supported language of `candidates` (e.g. `?lang=`, then the browser's languages), else English. */
export function pickLanguage(candidates: readonly (string | null | undefined)[]): Lang {
  for (const c of candidates) {
    const l = supportedLanguage(c);
    if (l) return l;
  }
  return 'en';
}

/** The browser's preferred languages, best first (empty outside a browser). */
export function browserLanguages(): string[] {
  if (typeof navigator === 'undefined') return [];
  return [...(navigator.languages ?? []), navigator.language].filter(Boolean);
}

let chosen: Promise<Lang> | null = null;

/**
 * Sets the page's language unless one was already chosen (the first widget on a page decides; `loadLanguage`, used
 * by the app, always sets it). Resolves to the page's language once its catalogue is loaded and applied.
 */
export function chooseLanguageOnce(lang: Lang): Promise<Lang> {
  return (chosen ??= loadLanguage(lang));
}

/** Loads the catalogue of `lang`, then sets it as the page's language (`setLanguage`). */
export function loadLanguage(lang: Lang): Promise<Lang> {
  const p = loadCatalogue(lang).then(() => setLanguage(lang));
  chosen ??= p;
  return p;
}

/**
 * Sets the page's language: every registered table is refilled. Returns the language set. Its catalogue must be
 * loaded (`loadCatalogue`); `loadLanguage` does both.
 */
export function setLanguage(lang: Lang): Lang {
  const c = loaded(lang);
  current = lang;
  chosen ??= Promise.resolve(lang);
  for (const [name, { target, english }] of tables) fill(target, english, c[name] as Record<string, unknown> | undefined);
  if (typeof document !== 'undefined' && document.documentElement && !document.documentElement.lang) document.documentElement.lang = lang;
  return lang;
}

const numberFormats = new Map<string, Intl.NumberFormat>();
function nf(opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${current}|${JSON.stringify(opts)}`;
  let f = numberFormats.get(key);
  if (!f) { f = new Intl.NumberFormat(current, opts); numberFormats.set(key, f); }
  return f;
}

/** A number in the page's language (`1.5` → "1,5" in Spanish), with at most `digits` significant digits (default 3). */
export function formatNumber(v: number, digits = 3): string {
  if (!Number.isFinite(v)) return '–';
  return nf({ maximumSignificantDigits: digits }).format(v);
}

/** A number with a fixed count of decimals in the page's language. */
export function formatFixed(v: number, decimals: number): string {
  if (!Number.isFinite(v)) return '–';
  return nf({ minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(v);
}

/** A fraction as a percentage (`0.523` → "52%"; "52 %" in Spanish), whole percent unless it is under 10%. */
export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return '–';
  const small = Math.abs(fraction) < 0.1 && fraction !== 0;
  return nf({ style: 'percent', maximumFractionDigits: small ? 1 : 0 }).format(fraction);
}

/** A duration in hours (`3.5` → "3.5 h"; "3,5 h" in Spanish). */
export function formatHours(h: number, digits = 3): string {
  if (!Number.isFinite(h)) return '–';
  // The SI symbol h in every language (Intl's short English unit is "hr").
  return `${nf({ maximumSignificantDigits: digits }).format(h)} h`;
}

/** A mass in mg (`4.5` → "4.5 mg"; "4,5 mg" in Spanish). */
export function formatMilligrams(mg: number): string {
  if (!Number.isFinite(mg)) return '–';
  return nf({ style: 'unit', unit: 'milligram', unitDisplay: 'short', maximumSignificantDigits: 6 }).format(mg);
}

/** A clock time of hours of the day (`22.5` → "22:30"), 24-hour, in the page's language. */
export function formatClockTime(clockH: number): string {
  const m = Math.round((((clockH % 24) + 24) % 24) * 60) % (24 * 60);
  const d = new Date(Date.UTC(2000, 0, 1, Math.floor(m / 60), m % 60));
  return new Intl.DateTimeFormat(current, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' }).format(d);
}
