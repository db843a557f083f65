/**
 * The app's first screen, computed (issue #18): the default scenario (ui/scenario.ts `defaultScenario`, on the
 * model the page opens with) turned into a request by the app's own `scenarioRequest`, run by the simulation API
 * the worker exposes (workers/simulation-api.ts: the real engine and models), packed by ui/app/first-screen-codec.ts
 * with the model specs the first screen reads. Used by the build (scripts/first-screen-plugin.ts) and the tests.
 */
import { createSimulationApi } from '../workers/simulation-api';
import { chartsFor, viewFor } from '../ui/chart-config';
import { defaultScenario, scenarioRequest } from '../ui/scenario';
import { summarizeChart } from '../ui/summary';
import { FIRST_SCREEN_DIGITS, packFirstScreen, unpackResult, type FirstScreenData } from '../ui/app/first-screen-codec';

/** No column gets more significant digits than this: beyond it the build fails rather than ship a large table. */
const MAX_DIGITS = 12;

/** The model the app opens with when its link names none (as ScenarioController's `defaultModelId`). */
export const FIRST_SCREEN_MODEL = 'ldn';

/**
 * Computes the first screen's data: the default scenario of `modelId`, run by the engine as the worker runs it.
 * Each column keeps 4 significant digits, more where the charts' text summaries (peaks, troughs and their times)
 * would read differently from the packed numbers than from the run's (near-equal peaks a day apart swap places
 * when rounded): the digits of that chart's columns are raised until every summary reads as the live run's.
 */
export async function computeFirstScreen(modelId = FIRST_SCREEN_MODEL): Promise<FirstScreenData> {
  const api = createSimulationApi();
  const specs = await Promise.all((await api.listModels()).map((m) => api.getModel(m.id)));
  const spec = specs.find((s) => s.id === modelId);
  if (!spec) throw new Error(`first screen: no built-in model ${JSON.stringify(modelId)}; have ${specs.map((s) => s.id).join(', ')}`);
  const view = viewFor(spec);
  const request = scenarioRequest(defaultScenario(modelId), view);
  const result = await api.simulate(request);
  const charts = chartsFor(view, result);
  const digits: Record<string, number> = {};
  for (;;) {
    const data = packFirstScreen(request, specs, result, digits);
    const packed = unpackResult(data);
    const off = charts.filter((c) => summarizeChart(c, packed) !== summarizeChart(c, result));
    if (off.length === 0) return data;
    for (const c of off) {
      for (const s of c.series) {
        const d = (digits[s.column] ?? FIRST_SCREEN_DIGITS) + 1;
        if (d > MAX_DIGITS) throw new Error(`first screen: the ${c.id} chart's summary differs from the run's even at ${MAX_DIGITS} digits`);
        digits[s.column] = d;
      }
    }
  }
}
