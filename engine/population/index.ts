/**
 * Population runs: N virtual subjects with log-normal between-subject variability, summarised as the median
 * and the 5th–95th percentile band of every output at every grid time.
 *
 * Work splits by subject: `simulatePopulationChunk(model, req, from, to)` runs subjects [from, to) and returns
 * plain, transferable data, so any pool (Node `worker_threads` in the CLI, the app's comlink workers) can spread
 * the subjects over threads; `summarizePopulation` merges the chunks. Subject i's parameters depend only on the
 * seed and i (`Xoshiro128.forSubject`), so the split does not change the numbers and N = 100 is a prefix of
 * N = 1000.
 *
 * The files of this folder, one concern each: `types` (request, limits, chunk and result shapes), `sampling`
 * (variability and each subject's parameters), `percentiles`, `chunked-run` (subjects [from, to) in this thread), `summary` (merging chunks),
 * `lockstep-scheduler` (the CLI's lockstep scheduler over shared memory) and `csv`. This index exports the public API; the
 * helpers the files share among themselves stay inside the folder.
 */
export { POPULATION_SOLVER, MAX_SUBJECTS, MAX_POPULATION_VALUES, PERCENTILES, MAX_REDRAWS, type PopulationRequest, type ResolvedVariability, type PopulationChunk, type PopulationColumn, type PopulationMeta, type PopulationResult } from './types';
export { percentile, percentilesInPlace, sortWithIndex } from './percentiles';
export { resolveVariability, subjectParameters, validatePopulation, populationDefaults } from './sampling';
export { simulatePopulationChunk } from './chunked-run';
export { populationPercentiles, summarizePopulation, simulatePopulation, chunkRanges, type PercentilePart } from './summary';
export { populationToCsv } from './csv';
export { LOCKSTEP_BUFFERS, lockstepLayout, lockstepMemory, simulatePopulationLockstep, lockstepResult, type LockstepLayout, type LockstepMemory, type LockstepPart } from './lockstep-scheduler';
