/**
 * The `generated` feature (engine/features.ts): the dopri5 kernels that `generated` evaluation writes out for
 * a model, registered by importing this module (engine/all-features.ts does, for Node).
 */
import { registerFeature } from './features';
import { dopri5DenseKernels, dopri5StagesSource } from './dopri5-kernel';

registerFeature('generated', { dopri5DenseKernels, dopri5StagesSource });
