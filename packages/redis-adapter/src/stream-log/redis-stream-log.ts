import {
  type AppendOptions,
  type ClaimOptions,
  type PendingEntry,
  parseStreamId,
  type ReadOptions,
  type StreamEntry,
  type StreamFields,
  type StreamLog,
  TmiClusterError,
} from '@tmi-cluster/core';
import type { Redis } from 'ioredis';
import { guard, type StreamContext } from '../context.js';
import { runScript } from '../scripts/load.js';
import { assertInteger, invalid } from '../validate.js';
import { claimReply, pendingReply, readReply, toEntries, type RawEntry } from './replies.js';

/** Longest BLOCK sent (a day): longer waits would overflow the read's watchdog timer. */
const MAX_BLOCK_MS = 86_400_000;

/** Page size when `pending` lists a whole pending list. */
const PENDING_PAGE = 1_000;

/**
 * StreamLog on Redis Streams, one key per stream (see docs/redis.md). Commands run on the shared
 * connection; a read with `blockMs > 0` takes a connection of the blocking pool, so it never
 * stalls other commands and concurrent blocked readers are served apart.
 */
export class RedisStreamLog implements StreamLog {
  readonly #ctx: StreamContext;

  constructor(ctx: StreamContext) {
    this.#ctx = ctx;
  }

  async append(stream: string, fields: StreamFields, options: AppendOptions = {}): Promise<string> {
    const maxLen = this.#maxLen(options);
    const args = xaddArgs(this.#key(stream), fields, maxLen);
    return guard(this.#ctx, async () => (await this.#redis.call('XADD', ...args)) as string, { stream });
  }

  async appendMany(
    stream: string,
    entries: readonly StreamFields[],
    options: AppendOptions = {},
  ): Promise<string[]> {
    const maxLen = this.#maxLen(options);
    const key = this.#key(stream);
    // Every entry is checked before any is sent: all or nothing.
    const commands = entries.map((fields) => xaddArgs(key, fields, maxLen));
    if (commands.length === 0) return [];
    return guard(
      this.#ctx,
      async () => {
        const multi = this.#redis.multi();
        for (const args of commands) multi.call('XADD', ...args);
        return execResults<string>(await multi.exec());
      },
      { stream },
    );
  }

  async ensureGroup(stream: string, group: string, from: 'start' | 'end'): Promise<void> {
    if (from !== 'start' && from !== 'end') invalid('from', "must be 'start' or 'end'", from);
    const key = this.#key(stream);
    await guard(
      this.#ctx,
      () =>
        this.#redis
          .xgroup('CREATE', key, group, from === 'start' ? '0' : '$', 'MKSTREAM')
          .catch((err: unknown) => {
            // The group exists: ensureGroup is idempotent and must not move it.
            if (err instanceof Error && err.message.startsWith('BUSYGROUP')) return 'OK';
            throw err;
          }),
      { stream, group },
    );
  }

  async readGroup(
    stream: string,
    group: string,
    consumer: string,
    options: ReadOptions,
  ): Promise<StreamEntry[]> {
    assertInteger('count', options.count, 1);
    if (!(options.blockMs >= 0)) invalid('blockMs', 'must be a number of ms ≥ 0', options.blockMs);
    const key = this.#key(stream);
    const context = { stream, group };
    // BLOCK 0 means "forever" to Redis; the port's 0 means "do not wait".
    const blockMs = Math.min(Math.ceil(options.blockMs), MAX_BLOCK_MS);
    const read = (conn: Redis, block: number) =>
      block > 0
        ? conn.xreadgroup(
            'GROUP',
            group,
            consumer,
            'COUNT',
            options.count,
            'BLOCK',
            block,
            'STREAMS',
            key,
            '>',
          )
        : conn.xreadgroup('GROUP', group, consumer, 'COUNT', options.count, 'STREAMS', key, '>');
    return guard(
      this.#ctx,
      async () => {
        if (blockMs === 0) return toEntries(readReply(await read(this.#redis, 0)), 1);
        // An entry already there comes back at once without holding a blocking connection.
        const ready = readReply(await read(this.#redis, 0));
        if (ready.length > 0) return toEntries(ready, 1);
        const reply = await this.#ctx.blocking.run(blockMs, read);
        return toEntries(readReply(reply ?? (await read(this.#redis, 0))), 1);
      },
      context,
    );
  }

  async ack(stream: string, group: string, ids: readonly string[]): Promise<number> {
    for (const id of ids) parseStreamId(id);
    if (ids.length === 0) return 0;
    return guard(this.#ctx, () => this.#redis.xack(this.#key(stream), group, ...ids), { stream, group });
  }

  async claimIdle(
    stream: string,
    group: string,
    consumer: string,
    options: ClaimOptions,
  ): Promise<StreamEntry[]> {
    assertInteger('count', options.count, 1);
    if (Number.isNaN(options.minIdleMs)) invalid('minIdleMs', 'must be a number of ms', options.minIdleMs);
    const minIdle = Math.max(0, Math.ceil(Math.min(options.minIdleMs, Number.MAX_SAFE_INTEGER)));
    const key = this.#key(stream);
    return guard(
      this.#ctx,
      async () =>
        claimReply(
          await runScript(this.#redis, 'streamClaimIdle', [key], [group, consumer, minIdle, options.count]),
        ),
      { stream, group },
    );
  }

  async pending(stream: string, group: string, options: { count?: number } = {}): Promise<PendingEntry[]> {
    if (options.count !== undefined) assertInteger('count', options.count, 0);
    const key = this.#key(stream);
    const limit = options.count ?? Number.POSITIVE_INFINITY;
    return guard(
      this.#ctx,
      async () => {
        const out: PendingEntry[] = [];
        // A count of 0 still checks that the group exists, as every group method must.
        let start = '-';
        do {
          const page = Math.max(1, Math.min(PENDING_PAGE, limit - out.length));
          const got = pendingReply(await this.#redis.xpending(key, group, start, '+', page));
          out.push(...got.slice(0, limit - out.length));
          if (got.length < page) break;
          start = `(${got.at(-1)!.id}`;
        } while (out.length < limit);
        return out;
      },
      { stream, group },
    );
  }

  async range(stream: string, start: string, end: string, count?: number): Promise<StreamEntry[]> {
    if (start !== '-') parseStreamId(start);
    if (end !== '+') parseStreamId(end);
    if (count !== undefined) assertInteger('count', count, 0);
    if (count === 0) return [];
    const key = this.#key(stream);
    return guard(
      this.#ctx,
      async () => {
        const raw = (
          count === undefined
            ? await this.#redis.xrange(key, start, end)
            : await this.#redis.xrange(key, start, end, 'COUNT', count)
        ) as RawEntry[];
        return toEntries(raw, 0);
      },
      { stream },
    );
  }

  async length(stream: string): Promise<number> {
    return guard(this.#ctx, () => this.#redis.xlen(this.#key(stream)), { stream });
  }

  async trim(stream: string, maxLen: number): Promise<number> {
    assertInteger('maxLen', maxLen, 0);
    return guard(this.#ctx, () => this.#redis.xtrim(this.#key(stream), 'MAXLEN', maxLen), { stream });
  }

  async deleteConsumer(stream: string, group: string, consumer: string): Promise<void> {
    await guard(this.#ctx, () => this.#redis.xgroup('DELCONSUMER', this.#key(stream), group, consumer), {
      stream,
      group,
    });
  }

  async destroy(stream: string): Promise<void> {
    // UNLINK frees a long stream in the background; Redis 7 ends reads blocked on it with an error.
    await guard(this.#ctx, () => this.#redis.unlink(this.#key(stream)), { stream });
  }

  get #redis(): Redis {
    return this.#ctx.redis;
  }

  #key(stream: string): string {
    return this.#ctx.keys.stream(stream);
  }

  #maxLen(options: AppendOptions): number | undefined {
    if (options.maxLen !== undefined) assertInteger('maxLen', options.maxLen, 0);
    return options.maxLen ?? this.#ctx.defaultMaxLen;
  }
}

type XaddArgs = [key: string, ...rest: (string | number)[]];

function xaddArgs(key: string, fields: StreamFields, maxLen: number | undefined): XaddArgs {
  const names = Object.keys(fields);
  if (names.length === 0) invalid('fields', 'must have at least one field (Redis XADD needs one)', '{}');
  const args: XaddArgs = [key];
  if (maxLen !== undefined) args.push('MAXLEN', '~', maxLen);
  args.push('*');
  for (const name of names) {
    const value = fields[name];
    if (typeof value !== 'string') invalid(`fields.${name}`, 'must be a string', value);
    args.push(name, value);
  }
  return args;
}

/** The results of a MULTI; the first failed command fails the whole call. */
function execResults<T>(results: [Error | null, unknown][] | null): T[] {
  if (results === null) throw new TmiClusterError('TMI_ERR_NOT_CONNECTED', 'a Redis transaction was aborted');
  return results.map(([err, value]) => {
    if (err !== null) throw err;
    return value as T;
  });
}
