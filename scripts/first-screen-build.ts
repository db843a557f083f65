/**
 * The first screen's data, computed while this module is evaluated (top-level await), so that everything the run
 * imports on first use (the engine's optional features, models/catalog.ts's lazily loaded models) is loaded while
 * the build's module runner is still open (scripts/first-screen-plugin.ts closes it once this module is in).
 */
import { computeFirstScreen } from './first-screen-data';

export default await computeFirstScreen();
