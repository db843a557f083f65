import { dop853Integrator } from './dop853';
import { dopri5Integrator } from './dopri5';
import { odexIntegrator, type Integrator } from './integrate';
import { registerFeature, type IntegratorName } from './features';

export { DEFAULT_INTEGRATOR, INTEGRATOR_NAMES, integratorByName, type IntegratorName } from './features';

/**
 * The integrators a request can name (`solver.method`). All are explicit, non-stiff methods behind the same
 * interface; `dop853` is the default (fastest here at the default tolerances, see `npm run bench`), `dopri5`
 * (5th order) serves populations at loose tolerances, `odex`
 * (Hairer's extrapolation code, via the odex package) stays available as an independent second method, and the
 * tests check that they agree with each other and with closed forms. Importing this module registers them all
 * (engine/features.ts); the simulation worker instead loads dopri5 and odex on first use.
 */
export const INTEGRATORS = {
  dop853: dop853Integrator,
  dopri5: dopri5Integrator,
  odex: odexIntegrator,
} as const satisfies Record<IntegratorName, Integrator>;

registerFeature('dopri5', dopri5Integrator);
registerFeature('odex', odexIntegrator);
