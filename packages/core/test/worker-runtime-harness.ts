import { ManualClock } from '../src/clock/manual-clock.js';
import { MemoryDedupStore } from '../src/memory/memory-dedup-store.js';
import { MemoryRateLimiter } from '../src/memory/memory-rate-limiter.js';
import { MemoryRegistry } from '../src/memory/memory-registry.js';
import { MemoryStreamLog } from '../src/memory/memory-stream-log.js';
import type { DedupStore } from '../src/ports/dedup-store.js';
import type { IrcConnection, IrcConnectionFactory, IrcConnectionInit } from '../src/ports/irc-connection.js';
import type { StreamLog } from '../src/ports/stream-log.js';
import type { WorkerCommand } from '../src/protocol/commands.js';
import { parseDeadLetter } from '../src/protocol/dead-letter.js';
import { decodePayload, encodePayload } from '../src/protocol/envelope.js';
import { type WorkerReport, workerReportSchema } from '../src/protocol/reports.js';
import { type SayReply, sayReplySchema } from '../src/protocol/results.js';
import { Groups, Streams } from '../src/protocol/streams.js';
import { decodeEventEntry, WorkerRuntime, type WorkerRuntimeOptions } from '../src/worker/runtime/index.js';
import type { PoolLine } from '../src/worker/types.js';
import { type FakeIrc, FakeTwitch, settle } from './helpers/fake-irc.js';

export const BOT = { login: 'bot', token: 'secret' } as const;

/**
 * FakeTwitch plus Twitch's answer to a PRIVMSG (STYLE.md #12): a USERSTATE with a fresh `id`
 * (there is no echo of one's own message), a NOTICE for channels in `refuse`, nothing for channels
 * in `mute`. Answers come on a microtask, as FakeTwitch's other answers do.
 */
export class ChattyTwitch implements IrcConnectionFactory {
  readonly twitch: FakeTwitch;
  readonly refuse = new Map<string, string>();
  readonly mute = new Set<string>();
  /** Channels where our USERSTATE says moderator. */
  readonly moderator = new Set<string>();
  #next = 0;

  constructor(clock: ManualClock) {
    this.twitch = new FakeTwitch(clock);
  }

  create(init: IrcConnectionInit): IrcConnection {
    const conn = this.twitch.create(init) as FakeIrc;
    const send = conn.send.bind(conn);
    conn.send = (line: string) => {
      const ok = send(line);
      const m = /^(?:@\S+ )?PRIVMSG #(\w+) :/.exec(line);
      if (ok && m !== null) queueMicrotask(() => this.#answer(conn, m[1]!));
      return ok;
    };
    return conn;
  }

  /** Every PRIVMSG line sent, with its time. */
  privmsgs(): { line: string; at: number }[] {
    return this.twitch.sent.filter((s) => /^(@\S+ )?PRIVMSG /.test(s.line));
  }

  #answer(conn: FakeIrc, channel: string): void {
    if (this.mute.has(channel)) return;
    const refused = this.refuse.get(channel);
    if (refused !== undefined) {
      conn.say(`@msg-id=${refused} :tmi.twitch.tv NOTICE #${channel} :Refused.`);
      return;
    }
    const mod = this.moderator.has(channel) ? '1' : '0';
    const badges = mod === '1' ? 'moderator/1' : '';
    conn.say(
      `@badge-info=;badges=${badges};color=;display-name=bot;emote-sets=0;id=msg-${++this.#next};mod=${mod};subscriber=0;user-type= :tmi.twitch.tv USERSTATE #${channel}`,
    );
  }
}

export interface HarnessOptions {
  options?: WorkerRuntimeOptions;
  streams?: StreamLog;
  dedup?: DedupStore;
  workerId?: string;
}

/** A WorkerRuntime over in-memory ports, a ManualClock and {@link ChattyTwitch}. */
export function runtimeHarness(h: HarnessOptions = {}) {
  const clock = new ManualClock(1_700_000_000_000);
  const streams = h.streams ?? new MemoryStreamLog({ clock });
  const registry = new MemoryRegistry({ clock });
  const limiter = new MemoryRateLimiter({ clock });
  const dedup = h.dedup ?? new MemoryDedupStore({ clock });
  const chat = new ChattyTwitch(clock);
  const workerId = h.workerId ?? 'w1';
  const deps = {
    workerId,
    supervisorId: 's1',
    host: 'h1',
    streams,
    registry,
    limiter,
    dedup,
    clock,
    connections: chat,
  };
  const options: WorkerRuntimeOptions = {
    identity: BOT,
    memoryUsage: () => 4_096,
    eventLoopLag: () => 3,
    random: () => 0,
    ...h.options,
  };
  const runtime = new WorkerRuntime(deps, options);
  let requests = 0;
  const harness = {
    clock,
    streams,
    registry,
    limiter,
    dedup,
    chat,
    twitch: chat.twitch,
    runtime,
    deps,
    options,
    /** Moves time (firing timers) and lets async loops and fake answers run. */
    async advance(ms: number): Promise<void> {
      await settle(10);
      await clock.advanceAsync(ms);
      await settle(10);
    },
    /** Appends a command to the worker's stream, as the coordinator or a client would. */
    async command(command: WorkerCommand | Record<string, unknown>): Promise<string> {
      return streams.append(Streams.worker(workerId), encodePayload(command));
    },
    /** Appends raw fields (for malformed entries). */
    async rawEntry(fields: Record<string, string>): Promise<string> {
      return streams.append(Streams.worker(workerId), fields);
    },
    /** Joins and lets the fake confirm; returns when the reports are in. */
    async join(channels: string[], fence = 1): Promise<void> {
      await harness.command({ type: 'join', channels, identity: BOT.login, fence });
      await harness.advance(10);
    },
    /** Sends a say command; returns its request id. */
    async say(channel: string, text: string, extra: Record<string, unknown> = {}): Promise<string> {
      const requestId = `r${++requests}`;
      await harness.command({
        type: 'say',
        channel,
        text,
        idempotencyKey: `k-${requestId}`,
        requestId,
        respondTo: 'app',
        ...extra,
      });
      return requestId;
    },
    async replies(client = 'app'): Promise<SayReply[]> {
      const entries = await streams.range(Streams.replies(client), '-', '+');
      return entries.map((e) => {
        const decoded = decodePayload(e.fields, sayReplySchema);
        if (!decoded.ok) throw new Error(decoded.reason);
        return decoded.value;
      });
    },
    async reply(requestId: string): Promise<SayReply | undefined> {
      return (await harness.replies()).find((r) => r.requestId === requestId);
    },
    async events(): Promise<PoolLine[]> {
      const entries = await streams.range(Streams.events, '-', '+');
      return entries.flatMap((e) => decodeEventEntry(e.fields)!);
    },
    async reports(): Promise<WorkerReport[]> {
      const entries = await streams.range(Streams.reports, '-', '+');
      return entries.map((e) => {
        const decoded = decodePayload(e.fields, workerReportSchema);
        if (!decoded.ok) throw new Error(decoded.reason);
        return decoded.value;
      });
    },
    async deadLetters(): Promise<
      { stream: string; id: string; reason: string; fields: Record<string, string> }[]
    > {
      const entries = await streams.range(Streams.deadLetter, '-', '+');
      return entries.map((e) => parseDeadLetter(e.fields));
    },
    async pending(): Promise<number> {
      return (await streams.pending(Streams.worker(workerId), Groups.worker)).length;
    },
    /** The first fake connection (where the bot's channels are). */
    conn(): FakeIrc {
      return chat.twitch.connections[0]!;
    },
  };
  return harness;
}

export type RuntimeHarness = ReturnType<typeof runtimeHarness>;
