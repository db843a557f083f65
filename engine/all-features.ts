/**
 * Registers every optional engine feature (engine/features.ts) at import: for Node (CLI, tests, the research
 * and fit code), where nothing is downloaded. `engine/simulate.ts` imports it, so any importer of the engine's
 * simulation API has them all; only the simulation worker imports the slimmer `engine/simulate-core.ts`.
 */
import './integrators';
import './records-feature';
import './generated-feature';
