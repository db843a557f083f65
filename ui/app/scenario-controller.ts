/**
 * The scenario state of `<ldn-app>` (PhET's model, beside the element's view): the scenario and the pinned one,
 * their results, error, notice and busy flags, and the crosshair time. It runs scenarios through the worker pool
 * (latest request wins; the pool caches results and prefetches the dose slider's neighbouring stops), reports
 * each drawn result as an `ldn-frame` event on the host, and keeps the URL hash in step. The element renders this
 * state and turns user events into calls here; nothing else starts a simulation.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { errorText } from '../i18n/messages';
import type { ModelSpec } from '../../engine/model/types';
import type { SimulationResult } from '../../engine/result';
import type { SimulationPool } from '../../workers/pool';
import { WorkerCrashError } from '../../workers/worker-crash-error';
import { viewFor, type ModelView } from '../chart-config';
import { DOSE_LADDER_MG, ladderIndex } from '../dose-ladder';
import { defaultScenario, scenarioRequest, type Scenario } from '../scenario';
import { STRINGS } from '../strings';
import type { FrameDetail } from './frame-detail';
import { bareHash, defaultCursor, readHash, writeHash } from './url-state';
import { loadLaterPanels } from '../later-panels';
import { firstScreenResult, firstScreenSpecs } from './first-screen';
import { loadBelowFold, loadDeferredElements } from './deferred-elements';

/** The model shown when a link names none, if the pool has it. */
const PREFERRED_MODEL = 'ldn';
/** How long a user change may wait for its result before the page re-renders without it. */
const DEFER_MS = 80;
/** A burst of changes (a drag, Play) writes the URL once, this long after the last. */
const URL_DELAY_MS = 250;

/** What the controller needs of its element. */
export interface ScenarioHost extends ReactiveControllerHost, EventTarget {
  /** The pool to run scenarios in; read at each run, since the element may create or replace it. */
  readonly pool: SimulationPool | null;
  /** The pool, created if need be (the app loads its module after the first curve); null once disconnected. */
  ensurePool(): Promise<SimulationPool | null>;
}

/** The elements that draw a result (the charts): an `ldn-frame` waits until each has updated. */
export type DrawnElements = () => Iterable<{ readonly updateComplete: Promise<unknown> }>;

/** Which run: the current scenario, or the pinned one drawn beneath it. */
type Channel = 'main' | 'pinned';

/** Owns the scenario of an `<ldn-app>`; see the module comment. */
export class ScenarioController implements ReactiveController {
  readonly #host: ScenarioHost;
  readonly #drawnElements: DrawnElements;

  /** Every model the pool offers, as specs (empty until the pool has answered). */
  get specs(): readonly ModelSpec[] { return this.#specs; }
  #specs: ModelSpec[] = [];

  /**
   * The scenario being shown. Setting it through `change` does not re-render at once: the page re-renders
   * together with its result (one frame instead of two while a slider is dragged), or after `DEFER_MS`.
   */
  get scenario(): Scenario | null { return this.#scenario; }
  #scenario: Scenario | null = null;

  // Reactive state: each setter asks the host to render, as Lit's @state would.
  #pinned: Scenario | null = null;
  #result: SimulationResult | null = null;
  #pinnedResult: SimulationResult | null = null;
  #error: string | null = null;
  #notice: string | null = null;
  #busy = false;
  #cursorH = 0;

  /** The scenario drawn beneath the current one for comparison, or null. */
  get pinned(): Scenario | null { return this.#pinned; }
  set pinned(v: Scenario | null) { this.#set(() => (this.#pinned = v), this.#pinned !== v); }
  /** The latest drawn result of the current scenario. */
  get result(): SimulationResult | null { return this.#result; }
  /** The result of the pinned scenario. */
  get pinnedResult(): SimulationResult | null { return this.#pinnedResult; }
  /** A message for the user when a run failed (shown as an alert), or null. */
  get error(): string | null { return this.#error; }
  set error(v: string | null) { this.#set(() => (this.#error = v), this.#error !== v); }
  /** A passing message (a link was copied, a link had bad fields), or null. */
  get notice(): string | null { return this.#notice; }
  set notice(v: string | null) { this.#set(() => (this.#notice = v), this.#notice !== v); }
  /** True while a newer request than the drawn result is on its way. */
  get busy(): boolean { return this.#busy; }
  /** Crosshair time in hours since the first dose. */
  get cursorH(): number { return this.#cursorH; }
  set cursorH(v: number) { this.#set(() => (this.#cursorH = v), this.#cursorH !== v); }

  /** The dose slider has focus: its neighbouring stops are worth computing before they are asked for. */
  #sliderFocused = false;
  /** Direction of the last dose change on the slider (+1 up, -1 down): the stop that way is computed first. */
  doseDirection: 1 | -1 = 1;

  /** Number of the latest main request; a result older than the one drawn (`#drawnSeq`) is dropped. */
  #seq = 0;
  #drawnSeq = 0;
  /** When the user input behind each request happened, for `ldn-frame`'s `latencyMs`. */
  #inputAt = new Map<number, number>();
  #pendingInputAt: number | null = null;
  #renderTimer = 0;
  #urlTimer = 0;
  #views = new WeakMap<ModelSpec, ModelView>();

  /** Registers with `host`; `drawnElements` lists what must have drawn a result before `ldn-frame` is sent. */
  constructor(host: ScenarioHost, drawnElements: DrawnElements) {
    this.#host = host;
    this.#drawnElements = drawnElements;
    host.addController(this);
  }

  /** Assigns, then renders if the value changed (`changed` is worked out by the caller before `assign` runs). */
  #set(assign: () => unknown, changed: boolean): void {
    assign();
    if (changed) this.#host.requestUpdate();
  }

  /** Listens to the hash; `start` (called once the host has its pool) loads the models and reads the URL. */
  hostConnected(): void {
    addEventListener('hashchange', this.#onHash);
  }

  hostDisconnected(): void {
    removeEventListener('hashchange', this.#onHash);
  }

  /**
   * Loads the models from the host's pool, then restores the scenario from the URL and runs it. `ready` (the page's
   * language being fetched) is awaited before anything is read from the URL, so a message is in that language; the
   * models load meanwhile.
   */
  async start(ready: Promise<unknown> = Promise.resolve()): Promise<void> {
    try {
      if (bareHash(location.hash) === '') {
        // No scenario in the link: the first screen is drawn from the build's pre-rendered run (see #run).
        this.#specs = firstScreenSpecs();
        this.#provisional = true;
        await ready;
        this.#host.requestUpdate();
        this.#restoreFromUrl();
        return;
      }
      if (!(await this.#loadSpecs())) return;
      await ready;
      this.#host.requestUpdate();
      this.#restoreFromUrl();
    } catch (err) {
      this.error = `${STRINGS.errorPrefix}${errorText(err)}`;
    }
  }

  /** Takes every model's spec from the pool (created if need be); false once the host has no pool (disconnected). */
  async #loadSpecs(): Promise<boolean> {
    const pool = await this.#host.ensurePool();
    if (!pool) return false;
    const infos = await pool.listModels();
    this.#specs = await Promise.all(infos.map((m) => pool.getModel(m.id)));
    return true;
  }

  /**
   * True while the specs are the build's first-screen ones (ui/app/first-screen.ts) and no worker has answered:
   * the first run draws the pre-rendered result if it is exactly that request; any run then goes live.
   */
  #provisional = false;
  /** True while the first screen shows the build's pre-rendered run and specs (see `#provisional`). */
  get provisional(): boolean { return this.#provisional; }
  /** True once the drawn result comes from a live run (not the build's pre-rendered first screen). */
  get live(): boolean { return this.#result !== null && this.#result !== this.#firstResult; }
  #live: Promise<void> | null = null;
  #liveDrawn: Promise<void> | null = null;
  /** The pre-rendered result, once drawn. */
  #firstResult: SimulationResult | null = null;
  #onLiveDrawn: (() => void) | null = null;

  /**
   * Goes live (once): loads the worker's specs in place of the first-screen ones, then reruns the scenario (and
   * the pinned one), whose result replaces the pre-rendered curves.
   */
  #goLive(): Promise<void> {
    this.#live ??= (async () => {
      try {
        if (!(await this.#loadSpecs())) return;
        this.#provisional = false;
        this.#host.requestUpdate();
        this.#run('main');
        if (this.#pinned) this.#run('pinned');
      } catch (err) {
        this.#provisional = false;
        this.#onLiveDrawn?.();
        this.error = `${STRINGS.errorPrefix}${errorText(err)}`;
      }
    })();
    return this.#live;
  }

  /**
   * Settles once the drawn result is a live one (at once unless the pre-rendered first screen is showing): the
   * exports wait for it, so a file never carries the pre-rendered (rounded) numbers.
   */
  whenLive(): Promise<void> {
    if (!this.#firstResult || this.#result !== this.#firstResult) return Promise.resolve();
    this.#liveDrawn ??= new Promise((resolve) => { this.#onLiveDrawn = resolve; });
    void this.#goLive();
    return this.#liveDrawn;
  }

  /** Draws the pre-rendered result, then goes live once that frame is on screen. */
  #drawFirstScreen(result: SimulationResult): void {
    this.#error = null;
    this.#result = this.#firstResult = result;
    this.#host.requestUpdate();
    void (async () => {
      await this.#host.updateComplete;
      await Promise.all([...this.#drawnElements()].map((c) => c.updateComplete));
      requestAnimationFrame(() => setTimeout(() => { void this.#goLive(); void loadBelowFold(); }, 0));
    })();
  }

  /** The spec of the current scenario's model. */
  get spec(): ModelSpec | null {
    return this.#specs.find((m) => m.id === this.#scenario?.modelId) ?? null;
  }

  /** The chart configuration of the current model, made once per spec. */
  get view(): ModelView | null {
    const s = this.spec;
    if (!s) return null;
    let v = this.#views.get(s);
    if (!v) { v = viewFor(s); this.#views.set(s, v); }
    return v;
  }

  /** `ldn` if the pool has it, else its first model. */
  get defaultModelId(): string {
    return this.#specs.some((m) => m.id === PREFERRED_MODEL) ? PREFERRED_MODEL : this.#specs[0]?.id ?? PREFERRED_MODEL;
  }

  #restoreFromUrl(): void {
    const u = readHash(location.hash, this.#specs, this.defaultModelId);
    this.notice = u.problems.length ? STRINGS.badLink(u.problems.join('; ')) : null;
    this.#scenario = u.scenario;
    this.#host.requestUpdate();
    this.pinned = u.pinned;
    this.cursorH = u.cursorH;
    this.#run('main');
    if (this.#pinned) this.#run('pinned'); else this.#set(() => (this.#pinnedResult = null), this.#pinnedResult !== null);
  }

  /** Back, forward or an edited address: restore, unless the hash is the one this page just wrote. */
  #onHash = () => {
    // The first-screen specs have no parameters: a link is read with the worker's.
    if (this.#provisional) { void this.#goLive().then(() => this.#onHash()); return; }
    if (bareHash(location.hash) !== this.#hashFor()) this.#restoreFromUrl();
  };

  #hashFor(): string {
    return this.#scenario ? writeHash(this.#scenario, this.#pinned, this.#cursorH) : '';
  }

  /**
   * Writes the hash with `history.replaceState` (no history entry per slider step): at once when `now` (a link is
   * about to be copied, a scenario pinned), else once a burst of changes has settled.
   */
  syncUrl(now = false): void {
    clearTimeout(this.#urlTimer);
    const write = () => {
      const hash = this.#hashFor();
      if (bareHash(location.hash) !== hash) history.replaceState(null, '', `#${hash}`);
    };
    if (now) write(); else this.#urlTimer = window.setTimeout(write, URL_DELAY_MS);
  }

  /** Applies a user change to the scenario: rerun, and keep the URL in step. */
  change(patch: Partial<Scenario>): void {
    if (!this.#scenario) return;
    this.#pendingInputAt = performance.now();
    const next = { ...this.#scenario, ...patch };
    this.#scenario = next;
    if (this.#cursorH > next.days * 24) this.cursorH = next.days * 24;
    this.#run('main');
    this.syncUrl();
    clearTimeout(this.#renderTimer);
    this.#renderTimer = window.setTimeout(() => { this.#busy = this.#drawnSeq !== this.#seq; this.#host.requestUpdate(); }, DEFER_MS);
  }

  /** Applies a preset (a whole scenario) and moves the crosshair to where that scenario starts. */
  applyPreset(next: Scenario): void {
    this.change(next);
    this.cursorH = defaultCursor(next);
  }

  /** Pins a copy of the current scenario. */
  pin(): void {
    if (!this.#scenario) return;
    this.pinned = { ...this.#scenario };
    this.#run('pinned');
    this.syncUrl(true);
  }

  /** Removes the pinned scenario. */
  unpin(): void {
    this.pinned = null;
    this.#set(() => (this.#pinnedResult = null), this.#pinnedResult !== null);
    this.syncUrl(true);
  }

  /**
   * The Compare buttons: pin one scenario and show another over it. `dose`: 4.5 mg pinned, 50 mg shown; `clock`:
   * bedtime (22:00) pinned, morning (08:00) shown; `blockade`: the LDN hypothesis pinned, human PET shown.
   */
  compare(kind: 'dose' | 'clock' | 'blockade'): void {
    const s = this.#scenario;
    if (!s) return;
    if (kind === 'blockade') {
      // Pins the LDN hypothesis (brief, the default: no preset entry) and shows human PET (long) over it.
      const { blockade: _b, ...rest } = s.presets;
      this.pinned = { ...s, presets: rest };
      this.change({ presets: { ...rest, blockade: 'long' } });
    } else {
      const base: Scenario = { ...s, regimen: 'daily', agonist: null };
      if (kind === 'dose') {
        this.pinned = { ...base, doseMg: 4.5 };
        this.change({ ...base, doseMg: 50 });
      } else {
        this.pinned = { ...base, clockH: 22 };
        this.change({ ...base, clockH: 8 });
      }
    }
    this.#run('pinned');
    this.syncUrl(true);
  }

  /** A new model: its default scenario, keeping the dose, the dosing time and the days. */
  changeModel(id: string): void {
    const s = this.#scenario!;
    this.change({ ...defaultScenario(id), doseMg: s.doseMg, clockH: s.clockH, days: s.days });
  }

  /** The dose slider gained or lost focus: start or stop computing its neighbouring stops. */
  setSliderFocused(focused: boolean): void {
    this.#sliderFocused = focused;
    this.#prefetchNeighbours();
  }

  /** Starts a run of the current (or pinned) scenario; the pool drops stale ones. */
  #run(channel: Channel): void {
    const s = channel === 'main' ? this.#scenario : this.#pinned;
    if (!s) return;
    const spec = this.#specs.find((m) => m.id === s.modelId);
    if (!spec) return;
    let req;
    try { req = scenarioRequest(s, viewFor(spec)); } catch (err) { this.error = `${STRINGS.errorPrefix}${errorText(err)}`; return; }
    if (this.#provisional) {
      const first = channel === 'main' && !this.#live && this.#drawnSeq === 0 ? firstScreenResult(req) : null;
      if (first) this.#drawFirstScreen(first); else void this.#goLive(); // the live specs first, then this run again
      return;
    }
    const pool = this.#host.pool;
    if (!pool) return;
    const seq = channel === 'main' ? ++this.#seq : 0;
    if (channel === 'main') {
      if (this.#pendingInputAt !== null) this.#inputAt.set(seq, this.#pendingInputAt);
      this.#pendingInputAt = null;
    }
    const cached = pool.isCached(req);
    const sentAt = performance.now();
    pool.run(channel, req).then(
      (result) => {
        if (!result) return; // superseded by a newer request
        const receivedAt = performance.now();
        if (channel === 'main') {
          if (seq < this.#drawnSeq) return;
          this.#drawnSeq = seq;
          this.#busy = seq !== this.#seq;
          if (!this.#busy) clearTimeout(this.#renderTimer);
          this.#error = result.meta.ok ? null : `${STRINGS.errorPrefix}${result.meta.diagnostics.join(' ')}`;
          this.#result = result;
          this.#host.requestUpdate();
          this.#onLiveDrawn?.();
          void this.#reportFrame(seq, result, receivedAt - sentAt, cached, receivedAt);
          // After the frame that shows this result (a task after the next animation frame), not before it.
          requestAnimationFrame(() => setTimeout(() => { void loadDeferredElements(); void loadLaterPanels(); }, 0));
        } else {
          this.#pinnedResult = result;
          this.#host.requestUpdate();
        }
      },
      (err: unknown) => {
        if (channel === 'main') { this.#busy = false; this.#onLiveDrawn?.(); }
        const msg = err instanceof WorkerCrashError ? STRINGS.workerCrashed(err.detail) : (err as Error)?.message ?? String(err);
        this.#error = `${STRINGS.errorPrefix}${msg} ${STRINGS.errorRecover}`;
        this.#host.requestUpdate();
      },
    );
  }

  /** Dispatches `ldn-frame` on the host once the result is on screen (the frame after the charts have drawn it). */
  async #reportFrame(seq: number, result: SimulationResult, workerMs: number, cached: boolean, receivedAt: number): Promise<void> {
    await this.#host.updateComplete;
    await Promise.all([...this.#drawnElements()].map((c) => c.updateComplete));
    const readyAt = performance.now();
    // The frame is painted after the animation-frame callbacks; a message posted from there arrives after it.
    requestAnimationFrame((tickAt) => {
      const frameAt = performance.now();
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        ch.port1.close();
        const at = this.#inputAt.get(seq);
        for (const k of this.#inputAt.keys()) if (k <= seq) this.#inputAt.delete(k);
        const now = performance.now();
        this.#host.dispatchEvent(new CustomEvent<FrameDetail>('ldn-frame', {
          detail: {
            seq, latencyMs: at === undefined ? null : now - at, points: result.timeH.length, modelId: result.meta.modelId,
            workerMs, cached, renderMs: readyAt - receivedAt, frameWaitMs: frameAt - readyAt,
            tickWaitMs: Math.max(0, Math.min(tickAt, frameAt) - readyAt), tickAtMs: tickAt, paintMs: now - frameAt,
          },
        }));
        // This result is on screen: compute the slider's next stops while the user decides.
        if (seq === this.#seq) this.#prefetchNeighbours();
      };
      ch.port2.postMessage(0);
    });
  }

  /**
   * Asks the pool to compute the scenarios one dose-slider stop either side of the current one, while the slider
   * has focus, so that an arrow key (or a drag to the next stop) finds its result ready. The pool runs them only
   * on otherwise idle workers, and keys its cache by the complete request, so no other scenario can be served.
   */
  #prefetchNeighbours(): void {
    const s = this.#scenario;
    const pool = this.#host.pool;
    const spec = this.spec;
    if (!pool) return;
    if (!this.#sliderFocused || !s || !spec || s.regimen !== 'daily' || this.#drawnSeq !== this.#seq) { pool.prefetch([]); return; }
    const i = ladderIndex(s.doseMg);
    const view = viewFor(spec);
    const doses = [DOSE_LADDER_MG[i + this.doseDirection], DOSE_LADDER_MG[i - this.doseDirection]].filter((d): d is number => d !== undefined && d !== s.doseMg);
    try {
      pool.prefetch(doses.map((doseMg) => scenarioRequest({ ...s, doseMg }, view)));
    } catch {
      pool.prefetch([]); // a scenario the engine would refuse: nothing to prepare
    }
  }
}
