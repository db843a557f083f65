/** Lessons as data (lessons/*.ts): types, answer expressions over a result, validation, running and texts. No DOM. */
export * from './types';
export * from './expr';
export * from './text';
export * from './run';
export * from './validate';
