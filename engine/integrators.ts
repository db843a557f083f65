import { dop853Integrator } from './dop853';
import { dopri5Integrator } from './dopri5';
import { odexIntegrator, type Integrator } from './integrate';

/**
 * The integrators a request can name (`solver.method`). All are explicit, non-stiff methods behind the same
 * interface; `dop853` is the default (fastest here at the default tolerances, see `npm run bench`), `dopri5`
 * (5th order) serves populations at loose tolerances, `odex`
 * (Hairer's extrapolation code, via the odex package) stays available as an independent second method, and the
 * tests check that they agree with each other and with closed forms.
 */
export const INTEGRATORS = {
  dop853: dop853Integrator,
  dopri5: dopri5Integrator,
  odex: odexIntegrator,
} as const satisfies Record<string, Integrator>;

export type IntegratorName = keyof typeof INTEGRATORS;
export const DEFAULT_INTEGRATOR: IntegratorName = 'dop853';

/** The integrator with this name. @throws RangeError listing the valid names. */
export function integratorByName(name: string): Integrator {
  if (!Object.hasOwn(INTEGRATORS, name)) {
    throw new RangeError(`solver.method: expected one of ${Object.keys(INTEGRATORS).join(', ')}, got ${JSON.stringify(name)}`);
  }
  return INTEGRATORS[name as IntegratorName];
}
