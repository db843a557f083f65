/**
 * Elements of the Simulator tab that its first screen does not show, fetched after the first curve (issue #18):
 * the Compare, Export, Embed and Parameters cards, the parameter panel (in a closed `<details>`), the titration editor (only for the titration regimen), and the
 * Scenario card's controls below the dose (blockade switch, dosing time, steady state: below the fold at
 * 1280 × 800, and after the charts on a phone).
 * `<ldn-app>` renders them as usual; they upgrade when their chunk arrives (Lit keeps the properties set before).
 * Each is also fetched at once when it is about to be seen (the details opened, the regimen switched).
 */

/** Fetches the parameter panel (`<ldn-param-panel>`). */
export const loadParamPanel = (): Promise<unknown> => import('../ldn-param-panel');

/** Fetches the titration editor (`<ldn-titration-editor>`). */
export const loadTitrationEditor = (): Promise<unknown> => import('../ldn-titration-editor');

/** Fetches the Scenario card's controls below the dose (`<ldn-blockade-switch>`, `<ldn-clock-input>`, `<ldn-steady-state-switch>`). */
export const loadScenarioControls = (): Promise<unknown> =>
  Promise.all([import('../ldn-blockade-switch'), import('../ldn-clock-input'), import('../ldn-steady-state-switch')]);

/** Fetches the Compare, Export, Embed and Parameters cards (`<ldn-app-more>`: below the fold, and last on a phone). */
export const loadMoreCards = (): Promise<unknown> => import('./ldn-app-more');

/** Fetches what the Simulator shows below the fold (once the first curve, pre-rendered or live, is drawn). */
export function loadBelowFold(): Promise<unknown> {
  return Promise.all([loadScenarioControls(), loadMoreCards()]);
}

/** Fetches them all (after the first live result is drawn). */
export function loadDeferredElements(): Promise<unknown> {
  return Promise.all([loadScenarioControls(), loadMoreCards(), loadParamPanel(), loadTitrationEditor()]);
}
