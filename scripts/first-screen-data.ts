/**
 * The app's first screen, computed (issue #18): the default scenario (ui/scenario.ts `defaultScenario`, on the
 * model the page opens with) turned into a request by the app's own `scenarioRequest`, run by the simulation API
 * the worker exposes (workers/simulation-api.ts: the real engine and models), packed by ui/app/first-screen-codec.ts
 * with the model specs the first screen reads. Used by the build (scripts/first-screen-plugin.ts) and the tests.
 */
import { createSimulationApi } from '../workers/simulation-api';
import { viewFor } from '../ui/chart-config';
import { defaultScenario, scenarioRequest } from '../ui/scenario';
import { packFirstScreen, type FirstScreenData } from '../ui/app/first-screen-codec';

/** The model the app opens with when its link names none (as ScenarioController's `defaultModelId`). */
export const FIRST_SCREEN_MODEL = 'ldn';

/** Computes the first screen's data: the default scenario of `modelId`, run by the engine as the worker runs it. */
export async function computeFirstScreen(modelId = FIRST_SCREEN_MODEL): Promise<FirstScreenData> {
  const api = createSimulationApi();
  const specs = await Promise.all((await api.listModels()).map((m) => api.getModel(m.id)));
  const spec = specs.find((s) => s.id === modelId);
  if (!spec) throw new Error(`first screen: no built-in model ${JSON.stringify(modelId)}; have ${specs.map((s) => s.id).join(', ')}`);
  const request = scenarioRequest(defaultScenario(modelId), viewFor(spec));
  return packFirstScreen(request, specs, await api.simulate(request));
}
