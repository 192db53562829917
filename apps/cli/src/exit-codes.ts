/**
 * Process exit codes of the `tmi-cluster` command, documented in docs/cli.md. Scripts and
 * supervisors (systemd, Kubernetes) branch on them, so they never change meaning.
 */
export const EXIT = {
  ok: 0,
  /** Unexpected failure (a bug, or an error nobody classified). */
  failure: 1,
  /** Bad usage or invalid configuration: fix the command line or the config and run again. */
  usage: 2,
  /** A health check found the cluster unhealthy. */
  unhealthy: 3,
} as const;
