import {
  type ClusterClient,
  type ClusterClientOptionsInput,
  createClusterClient,
} from '../src/client/index.js';
import { scanLine } from '../src/irc/lazy-line.js';
import { MemoryDedupStore } from '../src/memory/memory-dedup-store.js';
import type { Fence } from '../src/ports/assignment-store.js';
import type { MemberRecord } from '../src/ports/registry.js';
import { type WorkerSayCommand, workerCommandSchema } from '../src/protocol/commands.js';
import { decodePayload, encodePayload } from '../src/protocol/envelope.js';
import type { SayResult } from '../src/protocol/results.js';
import { Streams } from '../src/protocol/streams.js';
import { type EventFields, toEventFields } from '../src/worker/runtime/event-wire.js';
import { Cluster } from './coordinator-fixture.js';

export const FENCE: Fence = { lease: 'coordinator', token: 1 };

/** The coordinator fixture's in-memory cluster plus what clients need: a DedupStore, client factory. */
export class ClientCluster extends Cluster {
  readonly dedup = new MemoryDedupStore({ clock: this.clock });
  readonly clients: ClusterClient[] = [];

  client(options: ClusterClientOptionsInput = {}): ClusterClient {
    const client = createClusterClient(
      {
        streams: this.streams,
        store: this.store,
        registry: this.registry,
        dedup: this.dedup,
        clock: this.clock,
      },
      options,
    );
    this.clients.push(client);
    return client;
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.clients.map((c) => c.close()));
  }

  /** Places channels directly in the store, as a coordinator would after the worker's report. */
  async placed(
    workerId: string,
    channels: string[],
    state: 'pending' | 'confirmed' = 'confirmed',
  ): Promise<void> {
    await this.store.claimFence(FENCE);
    const since = this.clock.now();
    await this.store.want(
      FENCE,
      channels.map((channel) => ({ channel, since, redundancy: 1 })),
    );
    await this.store.place(
      FENCE,
      channels.map((channel) => ({ channel, workerId, state, since })),
    );
  }

  async heartbeatWorker(id: string, identity: string, data: Record<string, unknown> = {}): Promise<void> {
    const record: MemberRecord = {
      kind: 'worker',
      id,
      host: `host-${id}`,
      state: 'ready',
      startedAt: 0,
      data: { identity, ...data },
    };
    await this.registry.heartbeat(record, 60_000);
  }

  /** Appends event entries in the worker runtime's wire format. */
  async publish(lines: readonly WireLine[]): Promise<void> {
    await this.streams.appendMany(Streams.events, lines.map(wire));
  }

  /** Say commands a worker received so far. */
  async says(workerId: string): Promise<WorkerSayCommand[]> {
    const entries = await this.streams.range(Streams.worker(workerId), '-', '+');
    return entries.flatMap((e) => {
      const decoded = decodePayload(e.fields, workerCommandSchema);
      if (!decoded.ok) throw new Error(decoded.reason);
      return decoded.value.type === 'say' ? [decoded.value] : [];
    });
  }

  /** Answers a say command on the caller's reply stream, as the worker runtime does. */
  async answerSay(command: WorkerSayCommand, result: SayResult): Promise<void> {
    const reply = { type: 'say', requestId: command.requestId, result };
    await this.streams.append(Streams.replies(command.respondTo), encodePayload(reply));
  }
}

export interface WireLine {
  line: string;
  receiver?: string;
  receivedAt?: number;
}

/** One `Streams.events` entry `{l, r, t, c, m, i}`, built as the worker runtime builds it. */
export function wire({ line, receiver = 'w1/c1', receivedAt = 1_700_000_000_000 }: WireLine): EventFields {
  const info = scanLine(line);
  return toEventFields({
    line,
    receiverId: receiver,
    receivedAt,
    channel: info.channel,
    command: info.command,
    id: info.id,
  });
}

/** A PRIVMSG with a Twitch message id, as Twitch sends it. */
export function privmsg(id: string, text: string, options: { channel?: string; bits?: number } = {}): string {
  const bits = options.bits === undefined ? '' : `bits=${options.bits};`;
  const channel = options.channel ?? 'foo';
  return `@${bits}display-name=Alice;id=${id};room-id=1;tmi-sent-ts=1700000000000;user-id=2 :alice!alice@alice.tmi.twitch.tv PRIVMSG #${channel} :${text}`;
}

/** Lets blocked reads, loops and handlers run: `turns` rounds of the event loop. */
export async function settle(turns = 20): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Runs event-loop rounds until `check` holds; fails after `maxTurns`. */
export async function until(check: () => boolean | Promise<boolean>, maxTurns = 2_000): Promise<void> {
  for (let i = 0; i < maxTurns; i++) {
    if (await check()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('condition not met');
}
