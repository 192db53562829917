import type { Clock, TimerHandle } from '../../ports/clock.js';
import type { WorkerReport } from '../../protocol/reports.js';
import type { ConnectionPool } from '../connection-pool.js';
import type { Identity } from '../identity.js';

/** Whether the sender sits in the channel now, or why not. */
export type SeatOutcome = { ok: true } | { ok: false; reason: string };

/** What {@link SenderSeats} works with. */
export interface SenderSeatsDeps {
  pool: ConnectionPool;
  /** The bot account that sends; readers are other identities of the same pool. */
  sender: Identity;
  workerId: string;
  clock: Clock;
  /** Hands a seat report to the coordinator (the reports stream). */
  publish(report: WorkerReport): void;
  /** How long {@link SenderSeats.acquire} waits for grant and JOIN. */
  timeoutMs: number;
  /** A seat used again is reported at most this often. */
  touchMs: number;
}

/**
 * `requested`: asked the coordinator; `joining`: granted, JOIN on its way; `joined`: the server
 * confirmed it; `leaving`: PART sent (or about to be, once the says using it are done).
 */
type SeatState = 'requested' | 'joining' | 'joined' | 'leaving';

interface Seat {
  state: SeatState;
  waiters: Set<(outcome: SeatOutcome) => void>;
  /** Says between acquire() and done(): an `unseat` waits for them. */
  inUse: number;
  leaveWhenIdle: boolean;
  lastTouch: number;
}

/**
 * The sender account's channels on this worker (DESIGN.md, Identities): reading is done by
 * anonymous connections, so the bot joins a channel only to send there. A say asks for a seat
 * (`seat-wanted`); the coordinator, which counts the account's concurrent channels cluster-wide,
 * answers `seat` (join now) and, when the account is full, first tells some worker `unseat` (part
 * its least recently used channel). Every seat that is freed or never filled is reported
 * `seat-released`, so the coordinator's count follows the server's. The pool's reports for the
 * sender's channels come here instead of going to the coordinator as placements.
 */
export class SenderSeats {
  readonly #d: SenderSeatsDeps;
  readonly #seats = new Map<string, Seat>();

  constructor(deps: SenderSeatsDeps) {
    this.#d = deps;
  }

  get login(): string {
    return this.#d.sender.login;
  }

  /** Channels the coordinator should count as this worker's seats (for the heartbeat). */
  seated(): string[] {
    const out: string[] = [];
    for (const [channel, seat] of this.#seats) if (seat.state !== 'requested') out.push(channel);
    return out;
  }

  /**
   * Resolves once the sender sits in `channel` (then call {@link done} after sending), or with
   * why not: `no_seat` after `timeoutMs`, else the JOIN's failure reason.
   */
  acquire(channel: string): Promise<SeatOutcome> {
    let seat = this.#seats.get(channel);
    if (seat?.state === 'joined' && !seat.leaveWhenIdle) {
      this.#use(channel, seat);
      return Promise.resolve({ ok: true });
    }
    if (seat === undefined) seat = this.#request(channel);
    const waiting = seat;
    return new Promise<SeatOutcome>((resolve) => {
      let timer: TimerHandle | null = null;
      // A request lost with a coordinator's term (a failover) is asked again half way.
      const again = this.#d.clock.setTimeout(() => {
        if (this.#seats.get(channel) === waiting && waiting.state === 'requested')
          this.#publishWanted(channel);
      }, this.#d.timeoutMs / 2);
      const settle = (outcome: SeatOutcome) => {
        timer?.cancel();
        again.cancel();
        waiting.waiters.delete(settle);
        if (outcome.ok) this.#use(channel, waiting);
        resolve(outcome);
      };
      waiting.waiters.add(settle);
      timer = this.#d.clock.setTimeout(() => {
        // A request nobody waits for any more is withdrawn; a late grant is then given back.
        if (waiting.state === 'requested' && waiting.waiters.size === 1) this.#seats.delete(channel);
        settle({ ok: false, reason: 'no_seat' });
      }, this.#d.timeoutMs);
    });
  }

  /** A say that acquired the seat is finished with it. */
  done(channel: string): void {
    const seat = this.#seats.get(channel);
    if (seat === undefined) return;
    seat.inUse = Math.max(0, seat.inUse - 1);
    if (seat.inUse === 0 && seat.waiters.size === 0 && seat.leaveWhenIdle) this.#leave(channel, seat);
  }

  /** The coordinator granted the seat: join. A grant nobody waits for any more is given back. */
  granted(channel: string): void {
    const seat = this.#seats.get(channel);
    if (seat === undefined) {
      this.#released(channel, 'not_wanted');
      return;
    }
    if (seat.state !== 'requested') return;
    seat.state = 'joining';
    // The coordinator granted a seat, not JOIN budget: the pool takes it from the account's budget.
    this.#d.pool.join(this.#d.sender, channel, { budget: 'pool' });
  }

  /** The coordinator wants the seat back (the account is full): part once no say uses it. */
  revoke(channel: string): void {
    const seat = this.#seats.get(channel);
    if (seat === undefined) {
      this.#released(channel, 'not_held');
      return;
    }
    if (seat.state === 'requested') {
      // The grant never arrived (or crossed this): give it back, and ask again for the says waiting.
      this.#released(channel, 'not_held');
      this.#seats.delete(channel);
      if (seat.waiters.size > 0) {
        const again = this.#request(channel);
        for (const waiter of seat.waiters) again.waiters.add(waiter);
      }
      return;
    }
    // Says holding or awaiting the seat go first: taking it from under them would only bounce them.
    if (seat.inUse > 0 || seat.waiters.size > 0) seat.leaveWhenIdle = true;
    else this.#leave(channel, seat);
  }

  /** The reader left the channel: the sender has no business there either. */
  drop(channel: string): void {
    const seat = this.#seats.get(channel);
    if (seat !== undefined && seat.state !== 'leaving') this.revoke(channel);
  }

  /** A pool report about one of the sender's channels. */
  report(report: WorkerReport): void {
    if (report.type === 'joined') {
      const seat = this.#seats.get(report.channel);
      if (seat?.state !== 'joining') return;
      seat.state = 'joined';
      this.#settleAll(seat, { ok: true });
    } else if (report.type === 'join-failed' || report.type === 'parted') {
      const seat = this.#seats.get(report.channel);
      if (seat === undefined) return;
      this.#seats.delete(report.channel);
      const reason = report.type === 'join-failed' ? report.reason : undefined;
      this.#released(report.channel, reason);
      if (seat.waiters.size === 0) return;
      if (report.type === 'join-failed') this.#settleAll(seat, { ok: false, reason: report.reason });
      else {
        // Says came in while it was leaving: ask again for them.
        const again = this.#request(report.channel);
        for (const waiter of seat.waiters) again.waiters.add(waiter);
      }
    }
  }

  #request(channel: string): Seat {
    const seat: Seat = {
      state: 'requested',
      waiters: new Set(),
      inUse: 0,
      leaveWhenIdle: false,
      lastTouch: 0,
    };
    this.#seats.set(channel, seat);
    this.#publishWanted(channel);
    return seat;
  }

  #publishWanted(channel: string): void {
    this.#d.publish({
      type: 'seat-wanted',
      workerId: this.#d.workerId,
      identity: this.login,
      channel,
      at: this.#d.clock.now(),
    });
  }

  #use(channel: string, seat: Seat): void {
    seat.inUse++;
    const now = this.#d.clock.now();
    if (now - seat.lastTouch < this.#d.touchMs) return;
    seat.lastTouch = now;
    this.#d.publish({
      type: 'seat-used',
      workerId: this.#d.workerId,
      identity: this.login,
      channels: [channel],
      at: now,
    });
  }

  #leave(channel: string, seat: Seat): void {
    seat.state = 'leaving';
    seat.leaveWhenIdle = false;
    // Reported `parted` by the pool once the server confirmed it; that frees the seat.
    this.#d.pool.part(channel, this.login);
  }

  #released(channel: string, reason: string | undefined): void {
    this.#d.publish({
      type: 'seat-released',
      workerId: this.#d.workerId,
      identity: this.login,
      channel,
      ...(reason === undefined ? {} : { reason }),
    });
  }

  #settleAll(seat: Seat, outcome: SeatOutcome): void {
    for (const settle of [...seat.waiters]) settle(outcome);
  }
}
