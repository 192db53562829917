import { TmiClusterError } from '../errors/index.js';
import type { ChatEvent, ChatEventMap, ChatEventType } from '../events/chat-event.js';
import type { AssignmentStore } from '../ports/assignment-store.js';
import type { ChannelManager } from '../ports/channel-manager.js';
import type { Clock } from '../ports/clock.js';
import type { DedupStore } from '../ports/dedup-store.js';
import type { Registry } from '../ports/registry.js';
import type { StreamLog } from '../ports/stream-log.js';
import type { WorkerSayCommand } from '../protocol/commands.js';
import { encodePayload } from '../protocol/envelope.js';
import { type JoinResult, type SayResult, sayReplySchema } from '../protocol/results.js';
import { Groups, Streams } from '../protocol/streams.js';
import {
  type AuthorizeOptions,
  ChannelRequests,
  type JoinOptions,
  type PartResult,
} from './channel-requests.js';
import { EventConsumer } from './event-consumer.js';
import { GapFeed, type GapHandler } from './gap-feed.js';
import {
  type ClusterClientOptions,
  type ClusterClientOptionsInput,
  resolveClusterClientOptions,
} from './options.js';
import { ReplyInbox } from './reply-inbox.js';
import { routeSay } from './say-route.js';
import { type SayOptions, validateSay } from './say-request.js';
import { type ClusterStatus, readClusterStatus } from './status.js';
import {
  type ErrorHandler,
  type EventHandler,
  type SubscriptionName,
  Subscriptions,
  type Unsubscribe,
} from './subscriptions.js';

/** The ports a client talks through: the same ones the cluster runs on (memory or Redis + SQL). */
export interface ClusterClientDeps {
  streams: StreamLog;
  store: AssignmentStore;
  registry: Registry;
  dedup: DedupStore;
  clock: Clock;
  /**
   * restrictMessages: when set, `say` first asks this manager and answers `rejected` with reason
   * `unauthorized` for a channel it does not authorize, without sending.
   */
  restrictMessages?: ChannelManager;
}

/**
 * What an application uses to drive the cluster and hear from it. Commands (`join`, `part`,
 * `authorize`, `revoke`) go to the coordinator, `say` to the worker holding the channel; each
 * resolves with its answer from the client's own reply stream, or rejects with TMI_ERR_TIMEOUT
 * after `requestTimeoutMs`. Events arrive through {@link on}, once each, in this process: never
 * on an IRC socket's thread or process.
 */
export class ClusterClient {
  readonly options: Readonly<ClusterClientOptions>;
  readonly #deps: ClusterClientDeps;
  readonly #inbox: ReplyInbox;
  readonly #channels: ChannelRequests;
  readonly #subs = new Subscriptions();
  readonly #consumer: EventConsumer;
  readonly #gaps: GapFeed;
  /** An event subscription started the consumer: it has a consumer in the events group. */
  #subscribed = false;
  #closing: Promise<void> | null = null;

  constructor(deps: ClusterClientDeps, options: ClusterClientOptionsInput = {}) {
    this.options = resolveClusterClientOptions(options);
    this.#deps = deps;
    const o = this.options;
    this.#inbox = new ReplyInbox({
      streams: deps.streams,
      clock: deps.clock,
      clientId: o.clientId,
      blockMs: o.blockMs,
      onError: (err) => this.#subs.reportError(err, null),
    });
    this.#channels = new ChannelRequests({
      streams: deps.streams,
      inbox: this.#inbox,
      clientId: o.clientId,
      requestTimeoutMs: o.requestTimeoutMs,
      maxChannelsPerRequest: o.maxChannelsPerRequest,
      newRequestId: () => globalThis.crypto.randomUUID(),
    });
    this.#consumer = new EventConsumer(
      {
        streams: deps.streams,
        dedup: deps.dedup,
        clock: deps.clock,
        group: Groups.application(o.application),
        consumer: o.clientId,
        batchSize: o.batchSize,
        blockMs: o.blockMs,
        concurrency: o.concurrency,
        claimIdleMs: o.claimIdleMs,
        claimIntervalMs: o.claimIntervalMs,
        startFrom: o.startFrom,
        dedupTtlMs: o.dedupTtlMs,
        dedupWindowMs: o.dedupWindowMs,
      },
      this.#subs,
    );
    this.#gaps = new GapFeed({
      streams: deps.streams,
      clock: deps.clock,
      group: Groups.application(o.application),
      consumer: o.clientId,
      blockMs: o.blockMs,
      startFrom: o.startFrom,
      claimIdleMs: o.claimIdleMs,
      onError: (err) => this.#subs.reportError(err, null),
    });
  }

  get clientId(): string {
    return this.options.clientId;
  }

  get closed(): boolean {
    return this.#closing !== null;
  }

  /**
   * Asks the coordinator to join the channels (`#Foo`, `foo` …; repeats are dropped). Every name is
   * checked first: any invalid one throws TMI_ERR_INVALID_CHANNEL naming all of them, and nothing
   * is sent. Long lists go as several commands of `maxChannelsPerRequest`; the answer merges them.
   */
  join(channels: string | readonly string[], options: JoinOptions = {}): Promise<JoinResult> {
    return this.#guard(() => this.#channels.join(channels, options));
  }

  /** Asks the coordinator to part the channels everywhere and forget them. */
  part(channels: string | readonly string[]): Promise<PartResult> {
    return this.#guard(() => this.#channels.part(channels));
  }

  /** Allows the channels in the channel manager (they are not joined by this). */
  authorize(channels: string | readonly string[], options: AuthorizeOptions = {}): Promise<string[]> {
    return this.#guard(() => this.#channels.authorize(channels, options));
  }

  /** Withdraws the channels' authorization; the coordinator parts them at once. */
  revoke(channels: string | readonly string[]): Promise<string[]> {
    return this.#guard(() => this.#channels.revoke(channels));
  }

  /**
   * Sends a chat message through the worker that holds the channel (a confirmed placement), and
   * resolves with what happened: `sent` (with Twitch's message id when it acknowledged in time),
   * `rate_limited`, `rejected` (`not_joined` without sending when no worker holds the channel;
   * `unauthorized` with restrictMessages when the channel manager does not allow it) or
   * `duplicate` (this idempotency key was used already). On TMI_ERR_TIMEOUT the message may still
   * go out: call again with the same `idempotencyKey` to find out without sending twice.
   */
  say(channel: string, text: string, options: SayOptions = {}): Promise<SayResult> {
    return this.#guard(async () => {
      const o = this.options;
      const say = validateSay(channel, text, options, {
        identity: o.identity,
        newKey: () => globalThis.crypto.randomUUID(),
      });
      const restrict = this.#deps.restrictMessages;
      if (restrict !== undefined && !(await restrict.authorized([say.channel])).has(say.channel)) {
        return { status: 'rejected', channel: say.channel, reason: 'unauthorized' };
      }
      const workerId = await routeSay(this.#deps.store, this.#deps.registry, say.channel, say.identity);
      if (workerId === null) return { status: 'rejected', channel: say.channel, reason: 'not_joined' };
      const requestId = globalThis.crypto.randomUUID();
      const command: WorkerSayCommand = {
        type: 'say',
        channel: say.channel,
        text: say.text,
        ...(say.replyTo === undefined ? {} : { replyTo: say.replyTo }),
        idempotencyKey: say.idempotencyKey,
        requestId,
        respondTo: o.clientId,
      };
      const reply = await this.#inbox.request({
        requestId,
        what: `say in #${say.channel} (idempotency key ${say.idempotencyKey}) via worker ${workerId}`,
        timeoutMs: o.requestTimeoutMs,
        schema: sayReplySchema,
        send: async () => {
          await this.#deps.streams.append(Streams.worker(workerId), encodePayload(command));
        },
      });
      return reply.result;
    });
  }

  /**
   * Subscribes to one event type (`message`, `cheer`, `sub` …), to every event (`*`), or to
   * errors (`error`: a handler that threw, with its event; trouble in the client's loops, with
   * null). The first event subscription starts the consumer loop; it runs until {@link close}.
   * Every event reaches one process of the application, once; a handler may be async, and the
   * batch is acknowledged after it settles.
   */
  on<K extends ChatEventType>(type: K, handler: EventHandler<ChatEventMap[K]>): Unsubscribe;
  on(type: '*', handler: EventHandler<ChatEvent>): Unsubscribe;
  on(type: 'error', handler: ErrorHandler): Unsubscribe;
  /**
   * Chat the cluster may have missed (a worker died, a connection dropped): channel, from, to
   * (epoch ms), cause. Each record reaches one process of the application; a failing handler is
   * reported to `error` handlers.
   */
  on(type: 'gap', handler: GapHandler): Unsubscribe;
  on(type: SubscriptionName | 'gap', handler: EventHandler<never> | ErrorHandler | GapHandler): Unsubscribe {
    if (this.closed) throw closedError();
    if (type === 'gap') {
      if (typeof handler !== 'function')
        throw new TmiClusterError('TMI_ERR_INVALID_ARGUMENT', 'on("gap"): the handler must be a function', {
          field: 'handler',
          rule: 'must be a function',
        });
      return this.#gaps.add(handler as GapHandler);
    }
    const unsubscribe = this.#subs.add(type, handler as EventHandler<ChatEvent> | ErrorHandler);
    if (type !== 'error') {
      this.#subscribed = true;
      this.#consumer.start();
    }
    return unsubscribe;
  }

  /**
   * Resolves once the event consumer's group exists, so events appended from now on reach this
   * application (matters only for a brand-new application with `startFrom: 'end'`).
   */
  ready(): Promise<void> {
    return this.#consumer.ready();
  }

  /** Workers, supervisors, channel totals and this client's counters (for `tmi-cluster status`). */
  status(): Promise<ClusterStatus> {
    const o = this.options;
    return readClusterStatus(this.#deps.registry, this.#deps.store, this.#deps.clock.now(), {
      clientId: o.clientId,
      application: o.application,
      closed: this.closed,
      pendingRequests: this.#inbox.pending,
      lateReplies: this.#inbox.unmatched,
      consuming: this.#consumer.running,
      events: { ...this.#consumer.stats },
      unreportedErrors: this.#subs.unreported,
    });
  }

  /**
   * Stops the loops and rejects waiting requests with TMI_ERR_CLOSED. Waits for the event batch
   * in hand (its handlers settle and it is acknowledged), then deletes this client's reply stream
   * and its consumers (see #cleanUp); idempotent.
   */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#inbox.close();
      await Promise.all([this.#consumer.stop(), this.#gaps.stop()]);
      await this.#cleanUp();
    })();
    return this.#closing;
  }

  /**
   * Leaves nothing behind in the stream log: the reply stream is deleted, and this process's
   * consumer leaves the application's groups unless it still has entries pending there (a read
   * that returned after the stop), which another process takes over after `claimIdleMs` and which
   * deleting it would lose. Best effort: a failure is reported to `error` handlers.
   */
  async #cleanUp(): Promise<void> {
    const { streams } = this.#deps;
    const { clientId, application } = this.options;
    const group = Groups.application(application);
    const leave = async (stream: string) => {
      const pending = await streams.pending(stream, group);
      if (!pending.some((p) => p.consumer === clientId))
        await streams.deleteConsumer(stream, group, clientId);
    };
    const steps = [streams.destroy(Streams.replies(clientId))];
    if (this.#subscribed) steps.push(leave(Streams.events));
    if (this.#gaps.started) steps.push(leave(Streams.gaps));
    for (const result of await Promise.allSettled(steps))
      if (result.status === 'rejected') this.#subs.reportError(result.reason, null);
  }

  async #guard<T>(run: () => Promise<T>): Promise<T> {
    if (this.closed) throw closedError();
    return run();
  }
}

/** A client on the given ports; options are validated (TMI_ERR_INVALID_CONFIG names the field). */
export function createClusterClient(
  deps: ClusterClientDeps,
  options: ClusterClientOptionsInput = {},
): ClusterClient {
  return new ClusterClient(deps, options);
}

function closedError(): TmiClusterError {
  return new TmiClusterError('TMI_ERR_CLOSED', 'the cluster client was closed');
}
