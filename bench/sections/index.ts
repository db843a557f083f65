import type { BenchSection } from '../section';
import { exprSection } from './expr';
import { scipySection } from './scipy';
import { simulateSection } from './simulate';
import { populationSection } from '../population';
import { frameTimeSection } from '../frame-time';
import { fitSection } from './fit';
import { coldLoadSection } from '../cold-load';

/**
 * Every benchmark section, in run order. A later section may use the figures of earlier ones (`ctx.figures`):
 * `expr` and `scipy` read `one_compartment_day_ms` from `simulate`. To add one (e.g. a browser frame time),
 * write `bench/sections/NAME.ts` exporting a `BenchSection` and append it here.
 */
export const SECTIONS: readonly BenchSection[] = [simulateSection, exprSection, scipySection, populationSection, frameTimeSection, fitSection, coldLoadSection];
