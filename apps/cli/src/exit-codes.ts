/**
 * Process exit codes of the `tmi-cluster` command and of its worker processes, documented in
 * docs/cli.md. Scripts and supervisors (systemd, Kubernetes) branch on them, so they never change
 * meaning. The supervisor's codes (5, 6) are core's SUPERVISOR_EXIT; a test keeps them equal.
 */
export const EXIT = {
  ok: 0,
  /** Unexpected failure (a bug, or an error nobody classified). */
  failure: 1,
  /** Bad usage or invalid configuration: fix the command line or the config and run again. */
  usage: 2,
  /** A health check found the cluster unhealthy. */
  unhealthy: 3,
  /** The supervisor went over its memory limit and shut down gracefully; start it again. */
  memoryLimit: 5,
  /** A second SIGINT/SIGTERM cut the graceful shutdown short; workers were killed. */
  forced: 6,
  /** Worker: its main or a drain/stop handler failed (it sent `fatal` with the reason first). */
  workerFatal: 10,
  /** Worker: its supervisor went away (IPC channel closed), so it exited by itself. */
  workerOrphaned: 11,
  /** Worker: started without a supervisor (no IPC channel or no valid worker data). */
  workerBadStart: 12,
} as const;
