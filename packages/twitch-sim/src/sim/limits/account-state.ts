import { ChannelMemory } from './channel-memory.js';
import { emptyCounters } from './counters.js';
import { SlidingWindow } from './sliding-window.js';
import type { AccountCounters } from './types.js';

/** One channel the account holds, over all its connections. */
interface HeldChannel {
  /** Connections of the account that have joined it. */
  refs: number;
  /** Mod/broadcaster there: does not count toward the concurrent cap. */
  exempt: boolean;
}

/**
 * Everything the limiter knows about one account. The limits are per user, not per connection
 * or IP (reference §2.1: "10 processes on one bot account share 20 messages"), so all the
 * account's connections share this one object.
 */
export class AccountState {
  readonly counters: AccountCounters;
  readonly auth = new SlidingWindow();
  readonly join = new SlidingWindow();
  readonly privmsg = new SlidingWindow();
  readonly privmsgModerator = new SlidingWindow();
  readonly lastMessage = new ChannelMemory();
  readonly #held = new Map<string, HeldChannel>();

  constructor(login: string) {
    this.counters = emptyCounters(login);
  }

  /**
   * Whether joining `channel` now would add one to `countedChannels`: a channel it does not hold
   * yet, or one it holds as exempt but is no longer mod/broadcaster in. A re-JOIN of a channel
   * the account already holds (another connection, say) adds nothing.
   */
  wouldCount(channel: string, exempt: boolean): boolean {
    if (exempt) return false;
    const held = this.#held.get(channel);
    return held === undefined || held.exempt;
  }

  /** Accounts with a live channel keep their state across `reset`. */
  get holdsChannels(): boolean {
    return this.#held.size > 0;
  }

  /**
   * One more connection holds `channel`. The newest `exempt` wins: a channel joined again after
   * the account was modded there stops counting (and the reverse), as Twitch would judge the
   * account's role now, not when it first joined.
   */
  addChannel(channel: string, exempt: boolean): void {
    const held = this.#held.get(channel);
    const c = this.counters;
    if (held) {
      held.refs++;
      if (held.exempt !== exempt) {
        c.countedChannels += exempt ? -1 : 1;
        held.exempt = exempt;
      }
    } else {
      this.#held.set(channel, { refs: 1, exempt });
      c.concurrentChannels++;
      if (!exempt) c.countedChannels++;
    }
    if (c.countedChannels > c.peakCountedChannels) c.peakCountedChannels = c.countedChannels;
  }

  /** One connection left `channel`; the channel is released when the last one does. */
  removeChannel(channel: string): void {
    const held = this.#held.get(channel);
    if (!held) return; // a PART of a channel never confirmed (or forgotten); nothing to release
    if (--held.refs > 0) return;
    this.#held.delete(channel);
    this.counters.concurrentChannels--;
    if (!held.exempt) this.counters.countedChannels--;
  }

  /** Forgets windows and message memory; live channels stay (their connections are still open). */
  clearWindows(): void {
    this.auth.clear();
    this.join.clear();
    this.privmsg.clear();
    this.privmsgModerator.clear();
    this.lastMessage.clear();
  }
}
