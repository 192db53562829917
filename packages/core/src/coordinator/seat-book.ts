/** One worker's hold on a seat: `granted` (told to join, or in), `releasing` (told to part). */
interface Holder {
  state: 'granted' | 'releasing';
}

interface SeatChannel {
  holders: Map<string, Holder>;
  /** Epoch ms of the last grant or reported use: the eviction order. */
  lastUsed: number;
}

interface SeatRequest {
  workerId: string;
  channel: string;
}

/** What one planning pass decided for one identity. */
export interface SeatPlan {
  /** Tell these workers `seat` (join the channel as the identity). */
  grants: SeatRequest[];
  /** Tell these workers `unseat` (part the channel): the least recently used, to make room. */
  revokes: SeatRequest[];
}

interface IdentitySeats {
  channels: Map<string, SeatChannel>;
  /** Where the account is moderator or broadcaster: no seat counts there (Twitch's exemption). */
  exempt: Set<string>;
  /** Requests in arrival order, keyed `workerId channel` so a repeat is not queued twice. */
  queue: Map<string, SeatRequest>;
}

/**
 * The coordinator's count of the sender accounts' concurrent channels (DESIGN.md, Identities):
 * which worker's sender sits, or was told to sit, in which channel. A channel counts once however
 * many workers' senders sit in it (Twitch counts per account), from the grant until every holder
 * reported it released, so the count never runs below the server's. Channels where the account is
 * moderator or broadcaster do not count. When a request finds the budget spent, the least
 * recently used channel is taken back; the request waits for that release.
 */
export class SeatBook {
  readonly #identities = new Map<string, IdentitySeats>();

  /** A worker's sender wants to sit in `channel`. */
  want(identity: string, workerId: string, channel: string): void {
    this.#of(identity).queue.set(`${workerId} ${channel}`, { workerId, channel });
  }

  /** The worker's sender used these seats at `at`. */
  used(identity: string, channels: readonly string[], at: number): void {
    const seats = this.#identities.get(identity);
    for (const channel of channels) {
      const seat = seats?.channels.get(channel);
      if (seat !== undefined && at > seat.lastUsed) seat.lastUsed = at;
    }
  }

  /** The worker's sender left (or never entered) `channel`. */
  released(identity: string, workerId: string, channel: string): void {
    const seats = this.#identities.get(identity);
    const seat = seats?.channels.get(channel);
    if (seat === undefined) return;
    seat.holders.delete(workerId);
    if (seat.holders.size === 0) seats!.channels.delete(channel);
  }

  /** USERSTATE told whether the account is moderator/broadcaster in `channel`. */
  setExempt(identity: string, channel: string, exempt: boolean): void {
    const set = this.#of(identity).exempt;
    if (exempt) set.add(channel);
    else set.delete(channel);
  }

  isExempt(identity: string, channel: string): boolean {
    return this.#identities.get(identity)?.exempt.has(channel) ?? false;
  }

  /** A worker is gone: its sockets closed with it, so its seats and requests are void. */
  removeWorker(workerId: string): void {
    for (const seats of this.#identities.values()) {
      for (const [channel, seat] of seats.channels) {
        seat.holders.delete(workerId);
        if (seat.holders.size === 0) seats.channels.delete(channel);
      }
      for (const [key, request] of seats.queue) if (request.workerId === workerId) seats.queue.delete(key);
    }
  }

  /** Workers holding or asking for a seat. */
  workers(): Set<string> {
    const ids = new Set<string>();
    for (const seats of this.#identities.values()) {
      for (const seat of seats.channels.values()) for (const id of seat.holders.keys()) ids.add(id);
      for (const request of seats.queue.values()) ids.add(request.workerId);
    }
    return ids;
  }

  /** Seats a worker says it holds (its heartbeat), for a new term that knows none yet. */
  adopt(identity: string, workerId: string, channels: readonly string[], now: number): void {
    const seats = this.#of(identity);
    for (const channel of channels) {
      let seat = seats.channels.get(channel);
      if (seat === undefined) {
        seat = { holders: new Map(), lastUsed: now };
        seats.channels.set(channel, seat);
      }
      if (!seat.holders.has(workerId)) seat.holders.set(workerId, { state: 'granted' });
    }
  }

  /** Channels that count toward `identity`'s concurrent-channel limit. */
  counted(identity: string): number {
    const seats = this.#identities.get(identity);
    if (seats === undefined) return 0;
    let n = 0;
    for (const channel of seats.channels.keys()) if (!seats.exempt.has(channel)) n++;
    return n;
  }

  /** Counted seats per identity (for status pages). */
  countsByIdentity(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const identity of this.#identities.keys()) out[identity] = this.counted(identity);
    return out;
  }

  /** Identities with queued requests. */
  waiting(): string[] {
    return [...this.#identities].filter(([, s]) => s.queue.size > 0).map(([identity]) => identity);
  }

  /**
   * Grants what fits in `room` (channels the identity may still add; null = unlimited) in arrival
   * order, and takes back as many least-recently-used channels as the rest of the queue needs,
   * counting releases already under way. Updates the book as if the commands were delivered.
   */
  plan(identity: string, room: number | null, now: number): SeatPlan {
    const plan: SeatPlan = { grants: [], revokes: [] };
    const seats = this.#identities.get(identity);
    if (seats === undefined) return plan;
    let left = room === null ? Number.POSITIVE_INFINITY : room - this.counted(identity);
    let short = 0;
    for (const [key, request] of seats.queue) {
      const seat = seats.channels.get(request.channel);
      const free = seat !== undefined || seats.exempt.has(request.channel);
      if (!free && left <= 0) {
        short++;
        continue;
      }
      if (!free) left--;
      seats.queue.delete(key);
      this.#grant(seats, request, now);
      plan.grants.push(request);
    }
    let releasing = 0;
    for (const seat of seats.channels.values()) {
      if ([...seat.holders.values()].every((h) => h.state === 'releasing')) releasing++;
    }
    // Seats granted just now are nobody's least recently used: their says have not even run.
    const queued = new Set([...seats.queue.values(), ...plan.grants].map((r) => r.channel));
    for (let n = releasing; n < short; n++) {
      const victim = this.#leastRecentlyUsed(seats, queued);
      if (victim === null) break;
      const [channel, seat] = victim;
      for (const [workerId, holder] of seat.holders) {
        holder.state = 'releasing';
        plan.revokes.push({ workerId, channel });
      }
    }
    return plan;
  }

  #grant(seats: IdentitySeats, request: SeatRequest, now: number): void {
    let seat = seats.channels.get(request.channel);
    if (seat === undefined) {
      seat = { holders: new Map(), lastUsed: now };
      seats.channels.set(request.channel, seat);
    }
    seat.holders.set(request.workerId, { state: 'granted' });
    seat.lastUsed = Math.max(seat.lastUsed, now);
  }

  /** The counted channel used longest ago that is not being released, nor waited for, nor just granted. */
  #leastRecentlyUsed(seats: IdentitySeats, queued: Set<string>): [string, SeatChannel] | null {
    let best: [string, SeatChannel] | null = null;
    for (const entry of seats.channels) {
      const [channel, seat] = entry;
      if (seats.exempt.has(channel) || queued.has(channel)) continue;
      if ([...seat.holders.values()].some((h) => h.state === 'releasing')) continue;
      if (best === null || seat.lastUsed < best[1].lastUsed) best = entry;
    }
    return best;
  }

  #of(identity: string): IdentitySeats {
    let seats = this.#identities.get(identity);
    if (seats === undefined) {
      seats = { channels: new Map(), exempt: new Set(), queue: new Map() };
      this.#identities.set(identity, seats);
    }
    return seats;
  }
}
