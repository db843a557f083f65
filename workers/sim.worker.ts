/// <reference lib="webworker" />
/** The simulation worker: exposes `SimulationApi` (workers/rpc.ts). The page never integrates on its main thread. */
import { expose } from './rpc';
import { createSimulationApi } from './simulation-api';

expose(createSimulationApi());
