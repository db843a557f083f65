/// <reference lib="webworker" />
/** The fit tool's worker: exposes `FitWorkerApi` over comlink. Cancelling a fit terminates this worker. */
import { expose } from 'comlink';
import { createFitWorkerApi } from './fit-worker-api';

expose(createFitWorkerApi());
