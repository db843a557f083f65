/**
 * The engine's simulation API (engine/simulate-core.ts) with every optional feature registered
 * (engine/all-features.ts): what the CLI, tests and the research and fit code import. Only the simulation
 * worker imports `simulate-core` directly, and loads the features a request needs on first use.
 */
import './all-features';

export * from './simulate-core';
