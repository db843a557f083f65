/** The request's worker crashed (as opposed to the simulation reporting an error). */
export class WorkerCrashError extends Error {
  constructor(readonly detail: string) {
    super(`the simulation worker stopped unexpectedly (${detail})`);
    this.name = 'WorkerCrashError';
  }
}
