/**
 * The `generated` feature (engine/features.ts): `generated` evaluation, a model written out as JS with dopri5's
 * kernels for it (engine/model/generated.ts), registered by importing this module (engine/all-features.ts does,
 * for Node; the simulation worker on a request with `evaluation: 'generated'`).
 */
import { registerFeature } from './features';
import { denseKernelsOf, generatedFor } from './model/generated';

registerFeature('generated', { generatedFor, denseKernelsOf });
