/** Fitting models to observed data (docs/fitting.md). */
export * from './observations';
export * from './problem';
export { windowMetric } from './window-metric';
export * from './fit';
export { levenbergMarquardt, type LmOptions, type LmResult, type StopReason } from './lm';
export { studentTQuantile, normalQuantile } from './distributions';
