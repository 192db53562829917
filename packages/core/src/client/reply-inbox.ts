import { z } from 'zod';
import { isTmiClusterError, TmiClusterError } from '../errors/index.js';
import type { Clock, TimerHandle } from '../ports/clock.js';
import type { StreamEntry, StreamLog } from '../ports/stream-log.js';
import { decodePayload } from '../protocol/envelope.js';
import { Groups, Streams } from '../protocol/streams.js';
import { backoffMs, Sleeper } from './sleeper.js';

/** Only the correlation id is read here; each request validates its own reply shape. */
const envelopeSchema = z.looseObject({ type: z.string(), requestId: z.string() });

const READ_COUNT = 100;

interface Waiting {
  schema: z.ZodType<unknown>;
  resolve(value: unknown): void;
  reject(err: Error): void;
  timer: TimerHandle;
}

export interface ReplyInboxOptions {
  streams: StreamLog;
  clock: Clock;
  clientId: string;
  blockMs: number;
  /** Trouble in the reader loop (stream log down …); the loop goes on after a back-off. */
  onError(err: unknown): void;
}

/** What one request needs: its id, time limit, how to send it and what its answer looks like. */
export interface ReplyRequest<T> {
  requestId: string;
  /** For error messages: `join of 1000 channel(s)`. */
  what: string;
  timeoutMs: number;
  schema: z.ZodType<T>;
  send(): Promise<void>;
}

/**
 * The client's one reader of its own reply stream (`Streams.replies(clientId)`, group
 * `Groups.replies`): requests register their id before they are sent, and each reply settles the
 * request with that id. Replies nobody waits for any more (timed out, or from before a restart
 * with the same client id) are acknowledged and dropped. Started on the first request.
 */
export class ReplyInbox {
  readonly #o: ReplyInboxOptions;
  readonly #stream: string;
  readonly #waiting = new Map<string, Waiting>();
  readonly #sleeper: Sleeper;
  #group: Promise<void> | null = null;
  #loop: Promise<void> | null = null;
  #closed = false;
  /** Replies that matched no waiting request. */
  unmatched = 0;

  constructor(options: ReplyInboxOptions) {
    this.#o = options;
    this.#stream = Streams.replies(options.clientId);
    this.#sleeper = new Sleeper(options.clock);
  }

  get pending(): number {
    return this.#waiting.size;
  }

  /** Sends a request and resolves with its validated reply; TMI_ERR_TIMEOUT after `timeoutMs`. */
  async request<T>(req: ReplyRequest<T>): Promise<T> {
    if (this.#closed) throw closedError();
    await this.#start();
    if (this.#closed) throw closedError();
    const answer = new Promise<T>((resolve, reject) => {
      const timer = this.#o.clock.setTimeout(() => {
        this.#waiting.delete(req.requestId);
        const message = `${req.what} (request ${req.requestId}) got no answer within ${req.timeoutMs} ms; it may still be executed, and repeating it is safe`;
        reject(new TmiClusterError('TMI_ERR_TIMEOUT', message, { requestId: req.requestId }));
      }, req.timeoutMs);
      const settle = (value: unknown) => resolve(value as T);
      this.#waiting.set(req.requestId, { schema: req.schema, resolve: settle, reject, timer });
    });
    // close() may reject it while send() is still in flight, before the caller awaits it.
    answer.catch(() => {});
    try {
      await req.send();
    } catch (err) {
      this.#drop(req.requestId);
      throw err;
    }
    return answer;
  }

  /** Stops reading and rejects every waiting request with TMI_ERR_CLOSED. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#sleeper.wakeAll();
    for (const [requestId, waiting] of this.#waiting) {
      waiting.timer.cancel();
      waiting.reject(closedError({ requestId }));
    }
    this.#waiting.clear();
  }

  /** Creates the group before the first request goes out, then runs the loop in the background. */
  #start(): Promise<void> {
    this.#group ??= this.#o.streams.ensureGroup(this.#stream, Groups.replies, 'start').then(
      () => {
        this.#loop ??= this.#run();
      },
      (err: unknown) => {
        this.#group = null; // let the next request try again
        throw err;
      },
    );
    return this.#group;
  }

  async #run(): Promise<void> {
    const { streams, clientId, blockMs } = this.#o;
    let failures = 0;
    while (!this.#closed) {
      try {
        const options = { count: READ_COUNT, blockMs };
        const entries = await streams.readGroup(this.#stream, Groups.replies, clientId, options);
        for (const entry of entries) this.#settle(entry);
        if (entries.length > 0)
          await streams.ack(
            this.#stream,
            Groups.replies,
            entries.map((e) => e.id),
          );
        failures = 0;
      } catch (err) {
        if (this.#closed) return;
        this.#o.onError(err);
        await this.#sleeper.sleep(backoffMs(++failures));
        if (isTmiClusterError(err, 'TMI_ERR_NO_SUCH_GROUP'))
          await streams.ensureGroup(this.#stream, Groups.replies, 'start').catch(() => {});
      }
    }
  }

  #settle(entry: StreamEntry): void {
    const envelope = decodePayload(entry.fields, envelopeSchema);
    const waiting = envelope.ok ? this.#waiting.get(envelope.value.requestId) : undefined;
    if (!envelope.ok || waiting === undefined) {
      this.unmatched++;
      return;
    }
    this.#drop(envelope.value.requestId);
    const parsed = waiting.schema.safeParse(envelope.value);
    if (parsed.success) {
      waiting.resolve(parsed.data);
      return;
    }
    const reason = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    const requestId = envelope.value.requestId;
    const message = `the answer to request ${requestId} is malformed: ${reason}`;
    waiting.reject(new TmiClusterError('TMI_ERR_INVALID_COMMAND', message, { requestId, reason }));
  }

  #drop(requestId: string): void {
    this.#waiting.get(requestId)?.timer.cancel();
    this.#waiting.delete(requestId);
  }
}

function closedError(details: Record<string, unknown> = {}): TmiClusterError {
  return new TmiClusterError('TMI_ERR_CLOSED', 'the cluster client was closed', details);
}
