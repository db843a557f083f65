/**
 * The `ldn` model as the simulation worker runs it: validated and parsed from the full spec (models/ldn.ts, with
 * every source), its spec reduced to the compute spec (engine/model/compute-spec.ts: the texts emptied). Issue #18:
 * the worker a first curve waits for then carries neither the model's prose (most of models/ldn.ts) nor the
 * validator and the expression parser.
 *
 * In Node (CLI, tests) this module computes its value when imported. The widget's build replaces it by that value,
 * computed at build time (scripts/prebuilt-plugin.ts), so the same validation runs, once, on the full spec; the
 * full spec stays one `getModel` away (models/catalog.ts). test/models/ldn-prepared.test.ts checks that the value
 * survives the build's JSON exactly and that runs of it are byte-identical to runs of the full spec.
 */
import { computeSpec } from '../engine/model/compute-spec';
import { prepareModel, type PreparedModel } from '../engine/model/load';
import { ldn } from './ldn';

/** `prepareModel(ldn)` with its spec replaced by `computeSpec(ldn)`. */
export const ldnPrepared: PreparedModel = { ...prepareModel(ldn), spec: computeSpec(ldn) };
