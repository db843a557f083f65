/**
 * Elements of the Simulator tab that its first screen does not show, fetched after the first curve (issue #18):
 * the parameter panel (in a closed `<details>`) and the titration editor (only for the titration regimen).
 * `<ldn-app>` renders them as usual; they upgrade when their chunk arrives (Lit keeps the properties set before).
 * Each is also fetched at once when it is about to be seen (the details opened, the regimen switched).
 */

/** Fetches the parameter panel (`<ldn-param-panel>`). */
export const loadParamPanel = (): Promise<unknown> => import('../ldn-param-panel');

/** Fetches the titration editor (`<ldn-titration-editor>`). */
export const loadTitrationEditor = (): Promise<unknown> => import('../ldn-titration-editor');

/** Fetches both (after the first live result is drawn). */
export function loadDeferredElements(): Promise<unknown> {
  return Promise.all([loadParamPanel(), loadTitrationEditor()]);
}
