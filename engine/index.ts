/** ldn-sim engine: pure TypeScript, no DOM. Runs in Node, in a worker and in the page. */
export * from './dosing';
export * from './result';
export * from './simulate';
export * from './integrate';
export * from './integrators';
export * from './model/types';
export { prepareModel, ModelError, type PreparedModel } from './model/load';
export { compileModel, type CompiledModel } from './model/compile';
export { parseExpr, ExprSyntaxError } from './expr/parse';
export type { Expr } from './expr/ast';
export * from './library';
export * from './random';
export * from './population';
export * from './sweep';
export * from './sensitivity';
export * from './scenario';
export { dopri5Integrator } from './dopri5';
export type * from './api';
