/**
 * Ends a command with a specific exit code (e.g. 3 for an unhealthy cluster) after it printed its
 * own output; `runCli` returns the code, so in-process callers and tests see it too.
 */
export class ExitError extends Error {
  override readonly name = 'ExitError';
  constructor(
    readonly exitCode: number,
    message = '',
  ) {
    super(message);
  }
}
