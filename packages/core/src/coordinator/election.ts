import type { Fence } from '../ports/assignment-store.js';
import type { Clock, TimerHandle } from '../ports/clock.js';
import type { Lease } from '../ports/lease.js';
import { Leases } from '../protocol/streams.js';
import { Serial } from './serial.js';

/** What the election starts and stops: the Coordinator fits. */
export interface LeaderRole {
  start(fence: Fence): Promise<void>;
  stop(): Promise<void>;
}

export interface CoordinatorElectionOptions {
  lease: Lease;
  clock: Clock;
  /** This candidate's id (unique per process: host + pid + random). */
  holderId: string;
  role: LeaderRole;
  /** Lease TTL; a dead holder is replaced within this. Default 10 s. */
  ttlMs?: number;
  /** Lease name. Default {@link Leases.coordinator}. */
  leaseName?: string;
  /** Told whenever this candidate becomes or stops being the leader. */
  onChange?: (leader: boolean, fence: Fence | null) => void;
}

/**
 * Keeps one coordinator active cluster-wide: every ttl/3 each candidate tries to acquire the
 * lease (or renews it while holding it). Winning starts the role with the fence token; a failed
 * or erroring renew stops it at once, before the lease can pass to someone else, so two
 * coordinators never act together for longer than a paused process takes to notice (and the
 * fenced store refuses the paused one's writes meanwhile).
 */
export class CoordinatorElection {
  readonly #o: Required<Omit<CoordinatorElectionOptions, 'onChange'>> &
    Pick<CoordinatorElectionOptions, 'onChange'>;
  readonly #serial = new Serial();
  #fence: Fence | null = null;
  #timer: TimerHandle | null = null;

  constructor(options: CoordinatorElectionOptions) {
    this.#o = { ttlMs: 10_000, leaseName: Leases.coordinator, ...options };
  }

  get leader(): boolean {
    return this.#fence !== null;
  }

  get fence(): Fence | null {
    return this.#fence;
  }

  /** Starts campaigning: one attempt now, then every ttl/3. */
  start(): Promise<void> {
    if (this.#timer === null) {
      this.#timer = this.#o.clock.setInterval(
        () => void this.step(),
        Math.max(1, Math.floor(this.#o.ttlMs / 3)),
      );
    }
    return this.step();
  }

  /** Stops campaigning; a leader stops its role and releases the lease so a successor need not wait. */
  stop(): Promise<void> {
    this.#timer?.cancel();
    this.#timer = null;
    return this.#serial.run(async () => {
      const fence = this.#fence;
      if (fence === null) return;
      await this.#demote();
      await this.#o.lease.release(this.#o.leaseName, this.#o.holderId, fence.token).catch(() => false);
    });
  }

  /** One acquire-or-renew round (the timer calls it; tests may too). */
  step(): Promise<void> {
    return this.#serial.run(async () => {
      const { lease, leaseName, holderId, ttlMs } = this.#o;
      if (this.#fence !== null) {
        const renewed = await lease.renew(leaseName, holderId, this.#fence.token, ttlMs).catch(() => false);
        if (!renewed) await this.#demote();
        return;
      }
      const grant = await lease.acquire(leaseName, holderId, ttlMs).catch(() => null);
      if (grant === null) return;
      const fence = { lease: leaseName, token: grant.token };
      try {
        await this.#o.role.start(fence);
      } catch {
        // Could not take over (store unreachable, or fenced out already): let another candidate try.
        await lease.release(leaseName, holderId, grant.token).catch(() => false);
        return;
      }
      this.#fence = fence;
      this.#o.onChange?.(true, fence);
    });
  }

  /** The role reports that its fence was refused: stop leading now, without waiting for renew. */
  lost(): Promise<void> {
    return this.#serial.run(() => this.#demote());
  }

  async #demote(): Promise<void> {
    if (this.#fence === null) return;
    this.#fence = null;
    await this.#o.role.stop().catch(() => undefined);
    this.#o.onChange?.(false, null);
  }
}
