/// <reference lib="webworker" />
/** The simulation worker: exposes `SimulationApi` over comlink. The page never integrates on its main thread. */
import { expose } from 'comlink';
import { createSimulationApi } from './simulation-api';

expose(createSimulationApi());
