import {
  type ChatMessageEvent,
  decodeEventEntry,
  parseChatEvent,
  type StreamEntry,
  type StreamLog,
  Streams,
} from '@tmi-cluster/core';
import type { ChatLine, Unsubscribe } from './types.js';

export interface ChatTailOptions {
  streams: StreamLog;
  /** Unique per web server process: the consumer group is `web-tail:<instanceId>`. */
  instanceId: string;
  now(): number;
  /** How long one read waits for new entries (also bounds how long a stop takes). */
  blockMs?: number;
  onError?: (err: unknown) => void;
}

/** Recent message ids per channel: redundant receivers append the same line twice. */
const SEEN_PER_CHANNEL = 256;
const BATCH = 500;

/**
 * Live chat of the channels someone watches, read from the event stream by this process's own
 * consumer group, so the applications' groups are untouched. One loop serves every viewer; it
 * runs only while someone listens: when the last listener leaves it stops, acknowledges what it
 * read and removes its consumer from the group. A restarted loop skips what arrived while nobody
 * listened (the group keeps its old position) instead of replaying it.
 */
export class ChatTail {
  readonly #o: Required<Omit<ChatTailOptions, 'onError'>> & Pick<ChatTailOptions, 'onError'>;
  readonly #listeners = new Map<string, Set<(line: ChatLine) => void>>();
  readonly #seen = new Map<string, string[]>();
  #loop: Promise<void> | null = null;
  #stopping = false;

  constructor(options: ChatTailOptions) {
    this.#o = { blockMs: 1_000, ...options };
  }

  get group(): string {
    return `web-tail:${this.#o.instanceId}`;
  }

  get consumer(): string {
    return `${this.#o.instanceId}-tail`;
  }

  /** True while the read loop runs (someone listens, or the last one just left). */
  get running(): boolean {
    return this.#loop !== null;
  }

  get listenerCount(): number {
    let n = 0;
    for (const set of this.#listeners.values()) n += set.size;
    return n;
  }

  subscribe(channel: string, listener: (line: ChatLine) => void): Unsubscribe {
    let set = this.#listeners.get(channel);
    if (set === undefined) {
      set = new Set();
      this.#listeners.set(channel, set);
    }
    set.add(listener);
    this.#start();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      set.delete(listener);
      if (set.size === 0) {
        this.#listeners.delete(channel);
        this.#seen.delete(channel);
      }
    };
  }

  /** Stops the loop now, whoever still listens; resolves once the consumer is removed. */
  async close(): Promise<void> {
    this.#listeners.clear();
    await this.#loop;
  }

  #start(): void {
    if (this.#loop !== null) {
      this.#stopping = false;
      return;
    }
    this.#stopping = false;
    this.#loop = this.#run().finally(() => {
      this.#loop = null;
      // Someone subscribed while the loop was winding down.
      if (this.#listeners.size > 0) this.#start();
    });
  }

  async #run(): Promise<void> {
    const { streams } = this.#o;
    const since = this.#o.now();
    let ready = false;
    let catchingUp = true;
    while (this.#listeners.size > 0 && !this.#stopping) {
      try {
        // Again after a failure: the stream may have been deleted with its groups (NOGROUP).
        if (!ready) await streams.ensureGroup(Streams.events, this.group, 'end');
        ready = true;
        const entries = await streams.readGroup(Streams.events, this.group, this.consumer, {
          count: BATCH,
          blockMs: catchingUp ? 0 : this.#o.blockMs,
        });
        if (entries.length < BATCH) catchingUp = false;
        this.#deliver(entries, since);
        if (entries.length > 0)
          await streams.ack(
            Streams.events,
            this.group,
            entries.map((e) => e.id),
          );
      } catch (err) {
        // Redis away or the stream gone: say so, wait, try again while someone still watches.
        this.#o.onError?.(err);
        ready = false;
        await new Promise((resolve) => setTimeout(resolve, this.#o.blockMs));
      }
    }
    await streams.deleteConsumer(Streams.events, this.group, this.consumer).catch((err: unknown) => {
      this.#o.onError?.(err);
    });
  }

  #deliver(entries: readonly StreamEntry[], since: number): void {
    for (const entry of entries) {
      const lines = decodeEventEntry(entry.fields);
      if (lines === null) continue;
      for (const [k, line] of lines.entries()) {
        if (line.command !== 'PRIVMSG' || line.channel === null) continue;
        // Lines from before this loop started sat in the group while nobody listened.
        if (line.receivedAt < since) continue;
        const listeners = this.#listeners.get(line.channel);
        if (listeners === undefined) continue;
        const id = line.id === null || line.id === '' ? `${entry.id}#${k}` : line.id;
        if (!this.#firstTime(line.channel, id)) continue;
        const chat = toChatLine(line.line, id, line.receivedAt, line.receiverId);
        if (chat === null) continue;
        for (const listener of listeners) {
          try {
            listener(chat);
          } catch (err) {
            this.#o.onError?.(err);
          }
        }
      }
    }
  }

  #firstTime(channel: string, id: string): boolean {
    let seen = this.#seen.get(channel);
    if (seen === undefined) {
      seen = [];
      this.#seen.set(channel, seen);
    }
    if (seen.includes(id)) return false;
    seen.push(id);
    if (seen.length > SEEN_PER_CHANNEL) seen.shift();
    return true;
  }
}

function toChatLine(raw: string, id: string, at: number, receiverId: string): ChatLine | null {
  const event = parseChatEvent(raw, { receivedAt: at, receiverId });
  if (event.type !== 'message') return null;
  const m: ChatMessageEvent = event;
  return { id, user: m.user.login, displayName: m.user.displayName, text: m.text, at, color: m.user.color };
}
