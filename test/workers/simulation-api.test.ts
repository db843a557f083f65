import { expose, wrap } from 'comlink';
import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { SimulationApi } from '../../engine/api';
import { daily } from '../../engine/dosing';
import { expectClose } from '../helpers/expect-close';
import { createSimulationApi } from '../../workers/simulation-api';

// The worker's API exposed over a real MessageChannel with comlink, exactly as the page talks to the worker.
const ports: { close(): void }[] = [];
function connect() {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  expose(createSimulationApi(), port1 as never);
  return wrap<SimulationApi>(port2 as never);
}
afterEach(() => { while (ports.length) ports.pop()!.close(); });

describe('the simulation worker API over comlink', () => {
  it('lists the built-in models and returns a spec with parameter metadata', async () => {
    const api = connect();
    const models = await api.listModels();
    expect(models.map((m) => m.id)).toContain('one-compartment');
    const spec = await api.getModel('one-compartment');
    const ka = spec.parameters.find((p) => p.name === 'ka_per_h')!;
    expect(ka.unit).toBe('1/h');
    expect(ka.range).toEqual([0.1, 20]);
    expect(ka.source.length).toBeGreaterThan(10);
  });

  it('a 4.5 mg dose in the one-compartment model peaks at the Bateman maximum, columns arriving as Float64Arrays', async () => {
    const api = connect();
    const r = await api.simulate({ modelId: 'one-compartment', events: daily({ drug: 'drug', amtMg: 4.5, days: 1 }), endH: 24, stepH: 0.01, startClockH: 22 });
    expect(r.timeH).toBeInstanceOf(Float64Array);
    const c = r.columns.find((x) => x.name === 'conc_mg_per_l')!;
    expect(c.values).toBeInstanceOf(Float64Array);
    // Bateman: tmax = ln(ka/k)/(ka−k), Cmax = D/V·(ka/(ka−k))·(e^(−k·tmax) − e^(−ka·tmax)); ka 2/h, k 475/3000 /h.
    const ka = 2;
    const k = 475 / 3000;
    const tmax = Math.log(ka / k) / (ka - k);
    const cmax = (4.5 / 3000) * (ka / (ka - k)) * (Math.exp(-k * tmax) - Math.exp(-ka * tmax));
    let peak = 0;
    for (const v of c.values) peak = Math.max(peak, v);
    expectClose(peak, cmax, { rtol: 1e-4 }, 'Cmax');
    expect(r.meta.startClockH).toBe(22);
  });

  it('an invalid request rejects with the engine message naming the field', async () => {
    const api = connect();
    await expect(api.simulate({ modelId: 'one-compartment', events: [], endH: 24, stepH: 1, params: { ka_per_h: -1 } }))
      .rejects.toThrow(/ka_per_h/);
    await expect(api.simulate({ modelId: 'nope', events: [], endH: 24, stepH: 1 })).rejects.toThrow(/nope/);
  });
});
