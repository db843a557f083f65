/**
 * A run that failed for a reason other than the input (an integration that hit its step limit): the CLI exits
 * with status 1. `cli/main.ts` maps its own `RunError` the same way; commands in this folder use this class so
 * that they do not import `main.ts` (which imports them).
 */
export class RunFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunFailure';
  }
}
