import { describe, expect, it } from 'vitest';
import type { ApiSimulationRequest, ModelInfo } from '../../engine/api';
import type { SimulationResult } from '../../engine/result';
import { SimulationPool, type PoolEndpoint } from '../../workers/pool';

// Issue #18: the app's pool is `lazy`, so that no worker is created (nor its script fetched) before the
// pre-rendered first curve; its workers start on the first request of any kind.

let created = 0;
function fake(): PoolEndpoint {
  created++;
  return {
    api: {
      simulate: async (req: ApiSimulationRequest) => ({ timeH: new Float64Array([0, req.endH]), columns: [], meta: {} }) as unknown as SimulationResult,
      getModel: async () => { throw new Error('no models'); },
      listModels: async (): Promise<ModelInfo[]> => [{ id: 'm', title: 'M', version: '1' }],
    },
    onCrash() {},
    terminate() {},
  };
}
const req: ApiSimulationRequest = { events: [], endH: 5, stepH: 1 };

describe('SimulationPool({ lazy: true })', () => {
  it('creates no worker until asked; an empty prefetch list asks nothing; the first run creates them all and runs', async () => {
    created = 0;
    const pool = new SimulationPool({ size: 2, lazy: true, create: fake });
    expect(created).toBe(0);
    expect(pool.started).toBe(false);
    pool.prefetch([]);
    expect(pool.isCached(req)).toBe(false);
    expect(created).toBe(0);
    const r = await pool.run('main', req);
    expect(created).toBe(2);
    expect(pool.started).toBe(true);
    expect(r!.timeH[1]).toBe(5);
  });

  it('a model query starts the workers too; a non-lazy pool creates them in its constructor', async () => {
    created = 0;
    const pool = new SimulationPool({ size: 3, lazy: true, create: fake });
    expect((await pool.listModels()).map((m) => m.id)).toEqual(['m']);
    expect(created).toBe(3);
    created = 0;
    new SimulationPool({ size: 2, create: fake });
    expect(created).toBe(2);
  });

  it('disposed before it started: creates nothing and refuses requests with a clear error', async () => {
    created = 0;
    const pool = new SimulationPool({ size: 2, lazy: true, create: fake });
    pool.dispose();
    await expect(pool.run('main', req)).rejects.toThrow(/disposed/);
    await expect(pool.listModels()).rejects.toThrow(/disposed/);
    expect(created).toBe(0);
  });
});
