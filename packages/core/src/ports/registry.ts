/**
 * Live membership of the cluster: supervisors and workers announce themselves with heartbeats that
 * expire. Never stored in SQL rows written every second (DESIGN.md, "Two ways to run").
 *
 * A heartbeat at time T with `ttlMs` keeps the member alive while now < T + ttlMs; at
 * T + ttlMs exactly it is expired. Records go through JSON (as in Redis), so what `get` returns is
 * a copy. Every adapter passes `registryContract` from `@tmi-cluster/core/testing`.
 */
export interface Registry {
  /**
   * Creates or refreshes a member; it counts as alive until `ttlMs` (> 0) from now. A heartbeat
   * from an expired member that was not swept yet revives it (it is then not swept).
   */
  heartbeat(member: MemberRecord, ttlMs: number): Promise<void>;
  /** One member, alive or expired-but-not-yet-swept; null when unknown. */
  get(kind: MemberKind, id: string): Promise<MemberRecord | null>;
  /** Members whose heartbeat has not expired. */
  list(kind: MemberKind): Promise<MemberRecord[]>;
  /**
   * Removes members whose heartbeat expired and returns them, so the caller can re-home their
   * channels. Each expired member is returned to exactly one caller, also when callers on
   * several hosts sweep at the same time.
   */
  sweepExpired(kind: MemberKind): Promise<MemberRecord[]>;
  /** Removes a member now (graceful exit). Returns whether it existed. */
  remove(kind: MemberKind, id: string): Promise<boolean>;
}

export type MemberKind = 'supervisor' | 'worker';

/** What a member says about itself in each heartbeat. */
export interface MemberRecord {
  kind: MemberKind;
  id: string;
  /** The supervisor a worker belongs to (workers only). */
  supervisorId?: string;
  /** Host name, for `--host-only` health checks and placement on distinct hosts. */
  host: string;
  state: string;
  startedAt: number;
  /** Set by the registry on every heartbeat. */
  lastSeenAt?: number;
  /** Role-specific data: metrics, confirmed channels, connections. JSON-serialisable. */
  data: Record<string, unknown>;
}
