/**
 * Exit codes the supervisor resolves `terminated` with. The CLI exits with them and documents them
 * in docs/cli.md (its `EXIT` table repeats these numbers; a test keeps the two in step).
 */
export const SUPERVISOR_EXIT = {
  /** Terminated on request (signal or `terminate` command); every worker is gone. */
  ok: 0,
  /**
   * The supervisor went over `memoryLimitBytes` and shut down gracefully: a process manager
   * should start it again (non-zero, so `Restart=on-failure` does).
   */
  memoryLimit: 5,
  /** A forced terminate (second signal) cut the graceful drain short; workers were killed. */
  forced: 6,
} as const;

export type SupervisorExitCode = (typeof SUPERVISOR_EXIT)[keyof typeof SUPERVISOR_EXIT];
