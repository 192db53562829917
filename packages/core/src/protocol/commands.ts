import { z } from 'zod';

const channel = z.string().regex(/^[a-z0-9_]{1,25}$/, 'must be a lowercase Twitch login without #');
const channels = z.array(channel).min(1, 'must name at least one channel').max(100_000);
const requestMeta = {
  /** Correlates the answer on the caller's reply stream. */
  requestId: z.string().min(1).max(100).optional(),
  /** Client id whose reply stream gets the answer. */
  respondTo: z.string().min(1).max(200).optional(),
};

/** Commands the coordinator executes (sent by clients and the CLI). */
export const coordinatorCommandSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('join'),
    channels,
    /** Authorize the channels in the channel manager first (`join --authorize`). */
    authorize: z.boolean().optional(),
    /** Mark authorization as `reconnect` (re-joined when nobody holds it). */
    reconnect: z.boolean().optional(),
    ...requestMeta,
  }),
  z.object({ type: z.literal('part'), channels, ...requestMeta }),
  z.object({ type: z.literal('authorize'), channels, reconnect: z.boolean().optional(), ...requestMeta }),
  z.object({ type: z.literal('revoke'), channels, ...requestMeta }),
]);
export type CoordinatorCommand = z.infer<typeof coordinatorCommandSchema>;

/**
 * Outbound chat in a channel the receiving worker holds: a client looks up the confirmed placement
 * and sends this to `Streams.worker(workerId)`. It carries no `fence` (clients send it, not the
 * coordinator) and no identity (a worker reads and writes a channel with its one identity). The
 * answer goes to `Streams.replies(respondTo)` as a {@link SayReply}.
 */
export const workerSayCommandSchema = z.object({
  type: z.literal('say'),
  channel,
  /** Up to 10,000 characters: longer than Twitch's 500, because the worker may split it. */
  text: z.string().min(1).max(10_000),
  /** Twitch message id this message replies to (`reply-parent-msg-id`). */
  replyTo: z.string().min(1).max(100).optional(),
  /** Same key within the worker's idempotency window → sent at most once; later deliveries answer `duplicate`. */
  idempotencyKey: z.string().min(1).max(200),
  /** Correlates the answer on the caller's reply stream. */
  requestId: z.string().min(1).max(100),
  /** Client id whose reply stream gets the answer. */
  respondTo: z.string().min(1).max(200),
});
export type WorkerSayCommand = z.infer<typeof workerSayCommandSchema>;

/** Commands one worker executes; `fence` is the coordinator's lease token when it sent them. */
export const workerCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('join'), channels, identity: z.string().min(1), fence: z.number().int() }),
  z.object({ type: z.literal('part'), channels, fence: z.number().int() }),
  z.object({
    type: z.literal('raw'),
    line: z.string().min(1).max(8192),
    identity: z.string().min(1).optional(),
  }),
  /** Hand every channel back to the coordinator (make-before-break) and stop taking work. */
  z.object({ type: z.literal('drain') }),
  /**
   * Sent by the coordinator once a draining worker holds no channel any more (each one is held
   * elsewhere, or the drain timed out): the worker may exit now.
   */
  z.object({ type: z.literal('drained'), fence: z.number().int() }),
  /** A seat granted to the worker's sender account (answer to `seat-wanted`): join `channel` as it. */
  z.object({ type: z.literal('seat'), identity: z.string().min(1), channel, fence: z.number().int() }),
  /** Give the seat back: the sender parts `channel` (after a say in flight there) and reports `seat-released`. */
  z.object({ type: z.literal('unseat'), identity: z.string().min(1), channel, fence: z.number().int() }),
  workerSayCommandSchema,
]);
export type WorkerCommand = z.infer<typeof workerCommandSchema>;

/**
 * Outbound chat, taken by any worker that has a connection for `identity`, through the shared
 * `Streams.say`. Not used by the worker runtime: a channel is written by the worker that holds it,
 * so clients send {@link workerSayCommandSchema} to that worker's own stream instead.
 */
export const sayCommandSchema = z.object({
  type: z.literal('say'),
  channel,
  text: z.string().min(1).max(10_000),
  /** Twitch message id this message replies to (`reply-parent-msg-id`). */
  replyTo: z.string().min(1).max(100).optional(),
  identity: z.string().min(1),
  /** Same key → sent at most once, even when the command is delivered twice. */
  idempotencyKey: z.string().min(1).max(200),
  ...requestMeta,
});
export type SayCommand = z.infer<typeof sayCommandSchema>;

/** Commands a supervisor executes. */
export const supervisorCommandSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('scale'),
    workers: z.number().int().min(0).max(10_000),
    /**
     * Workers the coordinator chose to retire for this scale-in (the least loaded; it has sent
     * them `drain`): stop these, not others, once they exit after `drained`.
     */
    drain: z.array(z.string().min(1).max(200)).max(10_000).optional(),
  }),
  z.object({ type: z.literal('pause') }),
  z.object({ type: z.literal('continue') }),
  z.object({ type: z.literal('terminate') }),
]);
export type SupervisorCommand = z.infer<typeof supervisorCommandSchema>;
