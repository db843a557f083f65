/** The `ldn-frame` event of `<ldn-app>`: a result has been drawn (for tests and the frame-time benchmark). */

/** Detail of `ldn-frame`: a result has been drawn (for tests and the frame-time benchmark). */
export interface FrameDetail {
  /** Milliseconds from the user input that asked for this result to the animation frame after it was drawn. */
  readonly latencyMs: number | null;
  readonly seq: number;
  readonly points: number;
  readonly modelId: string;
  /** Request sent → result received (structured clone, simulation in the worker, transfer back); ≈0 from the cache. */
  readonly workerMs: number;
  /** True when the result was already computed (asked before, or prefetched as a neighbouring dose). */
  readonly cached: boolean;
  /** Result received → every element updated (Lit render and chart drawing). */
  readonly renderMs: number;
  /** Elements updated → the next frame starts: the wait for the frame boundary (vsync) or other work before it. */
  readonly frameWaitMs: number;
  /**
   * The part of `frameWaitMs` spent waiting for the display's frame tick: from the elements being updated to the
   * tick the frame belongs to (the animation-frame timestamp), or 0 when that tick had already passed (Chromium
   * begins a frame at once for a tick it has not used). The rest of the wait is other work or scheduling.
   */
  readonly tickWaitMs: number;
  /** The tick the frame belongs to: its animation-frame timestamp, on the `performance.now()` clock. */
  readonly tickAtMs: number;
  /** Frame start → frame done (animation-frame callbacks, style, layout, paint, commit). */
  readonly paintMs: number;
}
