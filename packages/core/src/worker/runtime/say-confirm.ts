import { parseIrcLine } from '../../irc/index.js';
import type { Clock, TimerHandle } from '../../ports/clock.js';
import type { PoolLine } from '../types.js';

/** Twitch's answer to one PRIVMSG. */
export type SendOutcome =
  /** USERSTATE with the message's id, or silence until the timeout (`id` null). */
  | { ok: true; id: string | null }
  /** A NOTICE refusing it, with its msg-id. */
  | { ok: false; reason: string };

/** One PRIVMSG waiting for its answer; created before the line goes out. */
export interface PendingConfirm {
  /** Waits for the answer on the connection that sent the line. */
  settle(receiverId: string, timeoutMs: number): Promise<SendOutcome>;
  /** The line was not sent: forget it. */
  cancel(): void;
}

interface Waiter {
  receiverId: string | null;
  /** Answers seen before the sending connection was known (the answer can beat send()'s promise). */
  early: { receiverId: string; outcome: SendOutcome }[];
  resolve: ((outcome: SendOutcome) => void) | null;
  timer: TimerHandle | null;
}

/**
 * Matches Twitch's answers to our PRIVMSGs. Twitch sends no echo of one's own message: a USERSTATE
 * for the channel whose `id` tag is the new message's id means sent, a channel NOTICE with a
 * refusal msg-id (msg_ratelimit, msg_duplicate, msg_banned, msg_timedout …) means refused; both
 * come on the connection that sent it. Says are serialized per channel, so one waiter per channel
 * suffices. The USERSTATE after a JOIN or a role change has no `id` and is ignored.
 */
export class SayConfirmations {
  readonly #waiters = new Map<string, Waiter>();

  constructor(private readonly clock: Clock) {}

  /** Registers interest in the next answer in `channel`; call before sending. */
  expect(channel: string): PendingConfirm {
    const waiter: Waiter = { receiverId: null, early: [], resolve: null, timer: null };
    this.#waiters.set(channel, waiter);
    const done = () => {
      waiter.timer?.cancel();
      if (this.#waiters.get(channel) === waiter) this.#waiters.delete(channel);
    };
    return {
      settle: (receiverId, timeoutMs) =>
        new Promise<SendOutcome>((resolve) => {
          const finish = (outcome: SendOutcome) => {
            done();
            resolve(outcome);
          };
          waiter.receiverId = receiverId;
          const early = waiter.early.find((e) => e.receiverId === receiverId);
          if (early !== undefined) {
            finish(early.outcome);
            return;
          }
          waiter.resolve = finish;
          waiter.timer = this.clock.setTimeout(() => finish({ ok: true, id: null }), timeoutMs);
        }),
      cancel: done,
    };
  }

  /** Every inbound line passes here; only USERSTATE and NOTICE of a waiting channel cost more than a lookup. */
  observe(line: PoolLine): void {
    if (line.channel === null || this.#waiters.size === 0) return;
    const isUserstate = line.command === 'USERSTATE';
    if (!isUserstate && line.command !== 'NOTICE') return;
    const waiter = this.#waiters.get(line.channel);
    if (waiter === undefined) return;
    let outcome: SendOutcome;
    const tags = parseIrcLine(line.line).tags;
    if (isUserstate) {
      // The pool leaves a USERSTATE's `id` out of PoolLine.id (it is the acknowledged message's).
      const id = tags.id;
      if (id === undefined || id === '') return;
      outcome = { ok: true, id };
    } else {
      const msgId = tags['msg-id'];
      if (msgId === undefined || !isRefusal(msgId)) return;
      outcome = { ok: false, reason: msgId };
    }
    if (waiter.receiverId === null) waiter.early.push({ receiverId: line.receiverId, outcome });
    else if (waiter.receiverId === line.receiverId) waiter.resolve?.(outcome);
  }
}

/**
 * NOTICE msg-ids that refuse a message: the `msg_…` family of Twitch's table, plus tos_ban and
 * unrecognized_cmd. Room-mode notices (slow_on, emote_only_off …) only inform.
 */
function isRefusal(msgId: string): boolean {
  return msgId.startsWith('msg_') || msgId === 'tos_ban' || msgId === 'unrecognized_cmd';
}
