import { z } from 'zod';
import { TmiClusterError } from '../errors/index.js';

/** Names that end up inside stream names and Redis keys: no spaces, no `{}` hash-tag braces. */
const NAME = /^[A-Za-z0-9._:@/-]+$/;
const NAME_RULE = 'may contain only letters, digits and . _ : @ / -';
const name = (max: number) => z.string().min(1).max(max).regex(NAME, NAME_RULE);
const ms = z.number().int().gt(0);

/** Validates client options and fills defaults; {@link ClusterClientOptions} says why each default. */
export const clusterClientOptionsSchema = z.strictObject({
  clientId: name(200).default(() => `client-${globalThis.crypto.randomUUID()}`),
  application: name(100).default('default'),
  identity: z
    .string()
    .regex(/^[a-z0-9_]{1,25}$/, 'must be a lowercase Twitch login')
    .nullable()
    .default(null),
  requestTimeoutMs: ms.default(10_000),
  maxChannelsPerRequest: z.number().int().min(1).max(100_000).default(1_000),
  dedupTtlMs: ms.default(30_000),
  dedupWindowMs: ms.default(5_000),
  batchSize: z.number().int().min(1).max(10_000).default(100),
  blockMs: ms.default(2_000),
  concurrency: z.number().int().min(1).max(10_000).default(16),
  claimIdleMs: ms.default(60_000),
  claimIntervalMs: ms.default(30_000),
  startFrom: z.enum(['end', 'start']).default('end'),
});

/**
 * Client settings, all optional.
 *
 * - `clientId` (random `client-<uuid>`): this process's consumer name in the application's group
 *   and the name of its reply stream. Give a stable one (host + pid slot) when a restarted process
 *   should take its unacknowledged events back at once instead of after `claimIdleMs`.
 * - `application` (`'default'`): the consumer group on the event stream. Processes of one
 *   application share the events (each reaches one of them); every application gets all events.
 *   All processes of one application should subscribe to the same event types.
 * - `identity` (null): default sender for `say`; null lets any worker holding the channel send.
 * - `requestTimeoutMs` (10 s): how long join/part/authorize/revoke/say wait for their answer;
 *   the coordinator polls every 100 ms, so 10 s means it is down or badly overloaded.
 * - `maxChannelsPerRequest` (1,000): channels per coordinator command, so a 100,000-channel join
 *   is 100 commands of a few kB instead of one 2 MB entry.
 * - `dedupTtlMs` (30 s): how long a decided line's keys are remembered. Two receivers' copies of
 *   a line sit side by side in the stream, so they are decided seconds apart even through a
 *   backlog; 30 s covers a receiver lagging that far behind the other. Memory (Redis keys in
 *   cluster mode) grows with events/s × TTL, one key per event. A copy that comes back after a
 *   consumer died undecided (`claimIdleMs` later) may find the key gone and be delivered again:
 *   after a consumer crash, delivery is at least once, as for handlers interrupted by it.
 * - `dedupWindowMs` (5 s): id-less lines (JOIN, PART, ROOMSTATE …) whose receive times differ by
 *   at most this much are one event; by 2× this or more, two. Covers clock skew between hosts
 *   and Twitch's membership batching, without merging a user's real re-join.
 * - `batchSize` (100) / `blockMs` (2 s): events per read, and how long a read waits for new ones.
 *   `blockMs` also bounds how long a closed client's last read may linger (see `close`).
 * - `concurrency` (16): handler calls in flight at once. Calls start in stream order; set 1 for
 *   strictly sequential handlers.
 * - `claimIdleMs` (60 s) / `claimIntervalMs` (30 s): events a consumer read but did not
 *   acknowledge for `claimIdleMs` (it crashed) are taken over, checked every `claimIntervalMs`.
 *   Keep `claimIdleMs` above your slowest handler, or a live consumer's batch is taken over too.
 * - `startFrom` (`'end'`): where a *new* application group starts reading: `'end'` = events
 *   after its creation, `'start'` = everything the stream still holds.
 */
export type ClusterClientOptions = z.output<typeof clusterClientOptionsSchema>;

/** What {@link createClusterClient} accepts: every option may be left out. */
export type ClusterClientOptionsInput = z.input<typeof clusterClientOptionsSchema>;

/** Parses and freezes options; throws TMI_ERR_INVALID_CONFIG naming each key and rule. */
export function resolveClusterClientOptions(
  input: ClusterClientOptionsInput = {},
): Readonly<ClusterClientOptions> {
  const parsed = clusterClientOptionsSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => {
      const path = i.path.length > 0 ? `client.${i.path.join('.')}` : 'client';
      return `${path}: ${i.message}`;
    });
    const field = parsed.error.issues[0]?.path.join('.') ?? '';
    throw new TmiClusterError('TMI_ERR_INVALID_CONFIG', issues.join('; '), { field, issues });
  }
  return Object.freeze(parsed.data);
}
