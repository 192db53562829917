import type { TimerHandle } from '../ports/clock.js';
import type { IrcConnection } from '../ports/irc-connection.js';
import type { OverlapDedup } from './overlap-dedup.js';
import type { PoolConnectionState, PoolConnectionStatus } from './types.js';

/** A channel a connection wants, and how far its JOIN got. */
export interface ChannelEntry {
  readonly channel: string;
  /** `queued`: not sent (or due for a retry); `sent`: waiting for the answer; `confirmed`. */
  status: 'queued' | 'sent' | 'confirmed';
  /** JOINs sent for it on this connection. */
  attempts: number;
  /** The JOIN budget was taken by the coordinator already (first attempt, `preallocated`). */
  prepaid: boolean;
  /** Epoch ms before which a queued retry is not sent. */
  notBefore: number;
  /** Set when lines of the channel may have been missed since then; reported as a gap on confirmation. */
  gapFrom: number | null;
}

/**
 * One pooled connection: its state, the channels it should be in (`entries`, wanted) and the
 * channels the server says it is in (`inside`, confirmed), kept apart as in twitch-irc-rs. It
 * holds no policy; {@link IdentityPool} decides. Every change of what it receives goes through
 * the methods below, so the de-duplication knows which channels two connections receive.
 */
export class PoolConnection {
  state: PoolConnectionState = 'waiting';
  irc: IrcConnection | null = null;
  readonly entries = new Map<string, ChannelEntry>();
  readonly inside = new Set<string>();
  /** Channels we sent PART for and whose echo has not arrived. */
  readonly parting = new Set<string>();
  /** Time of the last line received; the start of a gap if the connection dies. */
  lastLineAt: number | null = null;
  openedAt: number | null = null;
  /** Opened empty for send(): keep it open without channels. */
  keepOpen = false;
  /** Callers of send() waiting for this connection to open. */
  readonly openWaiters: { resolve: () => void; reject: (err: unknown) => void }[] = [];
  /** Join timeouts, keepalive and drain timers, cancelled when the connection goes. */
  readonly timers = new Set<TimerHandle>();
  pongTimer: TimerHandle | null = null;
  readonly receiverId: string;

  constructor(
    readonly id: string,
    readonly identity: string,
    workerId: string,
    private readonly dedup: OverlapDedup,
  ) {
    this.receiverId = `${workerId}/${id}`;
  }

  /** Nick to recognise our own JOIN/PART echoes by. */
  get nick(): string {
    return this.irc?.nick ?? this.identity;
  }

  holds(channel: string): boolean {
    return this.entries.has(channel) || this.inside.has(channel);
  }

  addEntry(entry: ChannelEntry): void {
    const before = this.holds(entry.channel);
    this.entries.set(entry.channel, entry);
    if (!before) this.dedup.enter(entry.channel);
  }

  removeEntry(channel: string, now: number): ChannelEntry | undefined {
    const entry = this.entries.get(channel);
    if (entry === undefined) return undefined;
    this.entries.delete(channel);
    if (!this.holds(channel)) this.dedup.leave(channel, now);
    return entry;
  }

  addInside(channel: string): void {
    const before = this.holds(channel);
    this.inside.add(channel);
    if (!before) this.dedup.enter(channel);
  }

  removeInside(channel: string, now: number): void {
    if (!this.inside.delete(channel)) return;
    if (!this.holds(channel)) this.dedup.leave(channel, now);
  }

  /** Forgets every channel (the connection is gone) and cancels its timers. */
  clear(now: number): void {
    for (const channel of new Set([...this.entries.keys(), ...this.inside])) this.dedup.leave(channel, now);
    this.entries.clear();
    this.inside.clear();
    this.parting.clear();
    for (const timer of this.timers) timer.cancel();
    this.timers.clear();
    this.pongTimer?.cancel();
    this.pongTimer = null;
  }

  /** Queued entries due by `now`, in the order they were wanted. */
  due(now: number): ChannelEntry[] {
    const out: ChannelEntry[] = [];
    for (const entry of this.entries.values()) {
      if (entry.status === 'queued' && entry.notBefore <= now) out.push(entry);
    }
    return out;
  }

  /** The earliest retry time among queued entries not due yet; Infinity when none. */
  nextDue(now: number): number {
    let next = Number.POSITIVE_INFINITY;
    for (const entry of this.entries.values()) {
      if (entry.status === 'queued' && entry.notBefore > now && entry.notBefore < next)
        next = entry.notBefore;
    }
    return next;
  }

  status(): PoolConnectionStatus {
    let pending = 0;
    let queued = 0;
    for (const entry of this.entries.values()) {
      if (entry.status === 'sent') pending++;
      else if (entry.status === 'queued') queued++;
    }
    return {
      id: this.id,
      identity: this.identity,
      state: this.state,
      wanted: this.entries.size,
      confirmed: this.inside.size,
      pending,
      queued,
    };
  }
}
