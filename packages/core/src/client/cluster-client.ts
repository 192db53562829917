import { TmiClusterError } from '../errors/index.js';
import type { ChatEvent, ChatEventMap, ChatEventType } from '../events/chat-event.js';
import type { AssignmentStore } from '../ports/assignment-store.js';
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
   * `rate_limited`, `rejected` (`not_joined` without sending when no worker holds the channel) or
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
  on(type: SubscriptionName, handler: EventHandler<never> | ErrorHandler): Unsubscribe {
    if (this.closed) throw closedError();
    const unsubscribe = this.#subs.add(type, handler as EventHandler<ChatEvent> | ErrorHandler);
    if (type !== 'error') this.#consumer.start();
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
   * Stops both loops and rejects waiting requests with TMI_ERR_CLOSED. Waits for the event batch
   * in hand (its handlers settle and it is acknowledged); idempotent.
   */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#inbox.close();
      await this.#consumer.stop();
    })();
    return this.#closing;
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
