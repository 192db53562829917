import type { Clock } from '../../ports/clock.js';
import type { DedupStore } from '../../ports/dedup-store.js';
import type { WorkerSayCommand } from '../../protocol/commands.js';
import type { SayResult } from '../../protocol/results.js';
import { DedupKeys } from '../../protocol/streams.js';
import type { ConnectionPool } from '../connection-pool.js';
import type { Identity } from '../identity.js';
import type { ChannelState } from './channel-state.js';
import type { SayConfirmations, SendOutcome } from './say-confirm.js';
import type { SayLimits } from './say-limits.js';
import type { SenderSeats } from './sender-seats.js';
import { prepareSay, privmsgLine } from './say-text.js';
import type { RuntimeStats } from './stats.js';

/** What a {@link SayExecutor} works with. */
export interface SayExecutorDeps {
  pool: ConnectionPool;
  /** The account that sends. */
  identity: Identity;
  /** When it is not the reading identity: its seats (it joins a channel to send there). */
  seats: SenderSeats | null;
  /** Null for an anonymous identity: it cannot send. */
  limits: SayLimits | null;
  channels: ChannelState;
  confirmations: SayConfirmations;
  dedup: DedupStore;
  clock: Clock;
  stats: RuntimeStats;
  options: {
    overLength: 'split' | 'reject';
    sayMaxWaitMs: number;
    sayConfirmTimeoutMs: number;
    sayIdempotencyTtlMs: number;
    duplicateWindowMs: number;
  };
}

/** Remembered per channel for the duplicate rule: the last text sent and when. */
interface LastSent {
  text: string;
  at: number;
}

/** Past this many remembered channels, stale entries are swept (at most once per duplicate window). */
const SWEEP_ABOVE = 1_024;

/**
 * Executes say commands: checks that can be answered locally come first (anonymous, empty, too
 * long, not joined, Twitch's duplicate rule) so they cost no budget; then the PRIVMSG budget
 * (cluster-wide, per identity), then the idempotency key (claimed only once the message will go
 * out, so a caller may retry a `rate_limited` say with the same key), then each part is sent and
 * Twitch's answer awaited. Says are serialized per channel, so their order and the per-channel
 * spacing hold, and run concurrently across channels. Port failures reject (the command is then
 * retried by the command loop); everything else resolves to a {@link SayResult}.
 */
export class SayExecutor {
  readonly #d: SayExecutorDeps;
  readonly #chains = new Map<string, Promise<void>>();
  readonly #lastSent = new Map<string, LastSent>();
  #lastSweep = 0;

  constructor(deps: SayExecutorDeps) {
    this.#d = deps;
  }

  /** Runs the say after the earlier ones of its channel. */
  execute(command: WorkerSayCommand): Promise<SayResult> {
    const channel = command.channel;
    const before = this.#chains.get(channel) ?? Promise.resolve();
    const run = before.then(() => this.#say(command));
    const tail = run.then(noop, noop);
    this.#chains.set(channel, tail);
    void tail.then(() => {
      if (this.#chains.get(channel) === tail) this.#chains.delete(channel);
    });
    return run.then((result) => this.#count(result));
  }

  /** The channel was left: its duplicate memory no longer matters. */
  forget(channel: string): void {
    this.#lastSent.delete(channel);
  }

  async #say(command: WorkerSayCommand): Promise<SayResult> {
    const { channel } = command;
    const { limits, channels, pool, options } = this.#d;
    const rejected = (reason: string): SayResult => ({ status: 'rejected', channel, reason });
    if (limits === null) return rejected('anonymous');
    const prepared = prepareSay(command.text, options.overLength);
    if (!prepared.ok) return rejected(prepared.reason);
    const { parts } = prepared;
    const sendable = channels.sendable(channel, pool.status());
    if (sendable !== 'ok') return rejected(sendable);
    const seats = this.#d.seats;
    if (seats === null) return this.#sayIn(command, parts);
    const seat = await seats.acquire(channel);
    if (!seat.ok) return rejected(seat.reason);
    try {
      return await this.#sayIn(command, parts);
    } finally {
      seats.done(channel);
    }
  }

  /** The budget-taking half of a say, once the sender is in the channel. */
  async #sayIn(command: WorkerSayCommand, parts: string[]): Promise<SayResult> {
    const { channel } = command;
    const { limits, options, clock } = this.#d;
    const rejected = (reason: string): SayResult => ({ status: 'rejected', channel, reason });
    if (limits === null) return rejected('anonymous');
    const privileged = this.#d.channels.isPrivileged(channel);
    if (parts.length > limits.maxParts(privileged)) return rejected('too_long');
    if (!privileged && this.#isDuplicate(channel, parts[0]!)) return rejected('msg_duplicate');

    const budget = await limits.reserve(
      channel,
      privileged,
      parts.length,
      clock.now() + options.sayMaxWaitMs,
    );
    if (!budget.ok) return { status: 'rate_limited', channel, retryAfterMs: budget.retryAfterMs };
    const first = await this.#d.dedup.claim(
      DedupKeys.say(command.idempotencyKey),
      options.sayIdempotencyTtlMs,
    );
    if (!first) return { status: 'duplicate', channel, idempotencyKey: command.idempotencyKey };

    const ids: (string | null)[] = [];
    const split = parts.length > 1;
    for (const [i, part] of parts.entries()) {
      const partial = split ? { partsSent: i } : {};
      if (i > 0) {
        if (!privileged && this.#isDuplicate(channel, part))
          return { ...rejected('msg_duplicate'), ...partial };
        const slot = await limits.nextPart(channel, privileged);
        if (!slot.ok) return { status: 'rate_limited', channel, retryAfterMs: slot.retryAfterMs, ...partial };
      }
      const outcome = await this.#sendOne(channel, privmsgLine(channel, part, command.replyTo));
      if (!outcome.ok) return { ...rejected(outcome.reason), ...partial };
      ids.push(outcome.id);
      this.#remember(channel, part);
    }
    return { status: 'sent', channel, messageId: ids[0] ?? null, parts: parts.length, messageIds: ids };
  }

  /** Sends one PRIVMSG and waits for Twitch's answer on the sending connection. */
  async #sendOne(channel: string, line: string): Promise<SendOutcome> {
    const pending = this.#d.confirmations.expect(channel);
    let receiverId: string;
    try {
      ({ receiverId } = await this.#d.pool.send(this.#d.identity, channel, line));
    } catch {
      // The connection closed before the line could go out (or the pool is closing).
      pending.cancel();
      return { ok: false, reason: 'not_connected' };
    }
    this.#d.stats.messagesOut++;
    return pending.settle(receiverId, this.#d.options.sayConfirmTimeoutMs);
  }

  #isDuplicate(channel: string, text: string): boolean {
    const last = this.#lastSent.get(channel);
    // Twitch compares with the previous message sent in the channel, not with every recent one.
    return (
      last !== undefined &&
      last.text === text &&
      this.#d.clock.now() - last.at < this.#d.options.duplicateWindowMs
    );
  }

  #remember(channel: string, text: string): void {
    const now = this.#d.clock.now();
    this.#lastSent.set(channel, { text, at: now });
    const window = this.#d.options.duplicateWindowMs;
    if (this.#lastSent.size > SWEEP_ABOVE && now - this.#lastSweep >= window) {
      this.#lastSweep = now;
      for (const [c, last] of this.#lastSent) if (now - last.at >= window) this.#lastSent.delete(c);
    }
  }

  #count(result: SayResult): SayResult {
    const stats = this.#d.stats;
    if (result.status === 'sent') stats.saysSent++;
    else if (result.status === 'rejected') stats.saysRejected++;
    else if (result.status === 'rate_limited') stats.saysRateLimited++;
    else stats.saysDuplicate++;
    return result;
  }
}

function noop(): void {}
