import { EXIT } from './exit-codes.js';

/** What signals act on: the supervisor (core stays free of process signals). */
export interface SignalTarget {
  terminate(options?: { force?: boolean }): Promise<number>;
  pause(): void;
  continue(): void;
}

/** The part of `process` the adapter uses, so tests can pass their own. */
export interface SignalSource {
  on(signal: NodeJS.Signals, listener: () => void): unknown;
  off(signal: NodeJS.Signals, listener: () => void): unknown;
}

export interface SignalOptions {
  /** Default: `process`. */
  source?: SignalSource;
  /** Ends the process after a second SIGINT/SIGTERM. Default: `process.exit`. */
  exit?: (code: number) => void;
  /** After the second signal, exit at the latest this long later even if killing hangs. Default 5 s. */
  forceExitMs?: number;
  /** One line per signal handled. Default: stderr. */
  log?: (line: string) => void;
}

/**
 * Maps process signals onto the supervisor, as operators know them from the original:
 * SIGTERM/SIGINT → graceful terminate (the caller awaits `terminated` for the exit code); a
 * second SIGTERM/SIGINT → forced terminate (workers killed) and exit with 6; SIGUSR2 → pause;
 * SIGCONT → continue. Returns a function that removes the handlers.
 */
export function handleSignals(target: SignalTarget, options: SignalOptions = {}): () => void {
  const source = options.source ?? process;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const log = options.log ?? ((line: string) => process.stderr.write(`tmi-cluster: ${line}\n`));
  const forceExitMs = options.forceExitMs ?? 5_000;
  let terminating = false;

  const onTerminate = (signal: NodeJS.Signals) => () => {
    if (!terminating) {
      terminating = true;
      log(`${signal}: draining workers (send it again to stop at once)`);
      void target.terminate();
      return;
    }
    log(`${signal} again: killing workers`);
    let exited = false;
    const exitOnce = (code: number) => {
      if (exited) return;
      exited = true;
      exit(code);
    };
    // Unref'd: if everything has ended by itself, the process need not wait for it.
    setTimeout(() => exitOnce(EXIT.forced), forceExitMs).unref();
    void target.terminate({ force: true }).then(exitOnce, () => exitOnce(EXIT.forced));
  };

  const handlers: [NodeJS.Signals, () => void][] = [
    ['SIGTERM', onTerminate('SIGTERM')],
    ['SIGINT', onTerminate('SIGINT')],
    [
      'SIGUSR2',
      () => {
        log('SIGUSR2: pausing (workers drain and stop; send SIGCONT to continue)');
        target.pause();
      },
    ],
    [
      'SIGCONT',
      () => {
        log('SIGCONT: continuing');
        target.continue();
      },
    ],
  ];
  const installed: typeof handlers = [];
  for (const [signal, handler] of handlers) {
    try {
      source.on(signal, handler);
      installed.push([signal, handler]);
    } catch {
      // Windows has no SIGUSR2/SIGCONT: those controls are then only commands.
    }
  }
  return () => {
    for (const [signal, handler] of installed) source.off(signal, handler);
  };
}
