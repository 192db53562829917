import type { StreamEntry, StreamLog } from '../ports/stream-log.js';
import type { SupervisorCommand, WorkerCommand } from '../protocol/commands.js';
import { encodePayload } from '../protocol/envelope.js';
import type { GapRecord } from '../protocol/gaps.js';
import type { CoordinatorReply } from '../protocol/results.js';
import { Streams } from '../protocol/streams.js';
import { DEAD_LETTER_MAX_LEN, deadLetterFields } from '../protocol/dead-letter.js';

/** Replies and dead letters are for people and callers, not a log: keep the newest. */
const REPLY_MAX_LEN = 1_000;
/** Gaps are rare (a dead worker, a dropped connection): ten thousand cover any backlog worth reading. */
const GAPS_MAX_LEN = 10_000;

/**
 * Everything the coordinator sends: worker and supervisor commands, replies, dead letters. Worker
 * commands carry the term's fencing token, so a worker can ignore a deposed coordinator.
 */
export class Outbox {
  readonly #streams: StreamLog;
  readonly #token: number;
  readonly #maxPerCommand: number;

  constructor(streams: StreamLog, token: number, maxPerCommand: number) {
    this.#streams = streams;
    this.#token = token;
    this.#maxPerCommand = maxPerCommand;
  }

  /** One command per worker and up to `maxPerCommand` channels, not one per channel. */
  async join(workerId: string, identity: string, channels: readonly string[]): Promise<void> {
    for (const chunk of chunks(channels, this.#maxPerCommand))
      await this.worker(workerId, { type: 'join', channels: chunk, identity, fence: this.#token });
  }

  async part(workerId: string, channels: readonly string[]): Promise<void> {
    for (const chunk of chunks(channels, this.#maxPerCommand))
      await this.worker(workerId, { type: 'part', channels: chunk, fence: this.#token });
  }

  async drained(workerId: string): Promise<void> {
    await this.worker(workerId, { type: 'drained', fence: this.#token });
  }

  async worker(workerId: string, command: WorkerCommand): Promise<void> {
    await this.#streams.append(Streams.worker(workerId), encodePayload(command));
  }

  async supervisor(supervisorId: string, command: SupervisorCommand): Promise<void> {
    await this.#streams.append(Streams.supervisor(supervisorId), encodePayload(command));
  }

  async reply(respondTo: string, reply: CoordinatorReply): Promise<void> {
    await this.#streams.append(Streams.replies(respondTo), encodePayload(reply), { maxLen: REPLY_MAX_LEN });
  }

  /** Tells applications (their `gap` subscription) that a channel's chat may have a hole. */
  async gap(record: GapRecord): Promise<void> {
    await this.#streams.append(Streams.gaps, encodePayload(record), { maxLen: GAPS_MAX_LEN });
  }

  /** Keeps a refused entry with its origin and the reason, for operators. */
  async deadLetter(stream: string, entry: StreamEntry, reason: string): Promise<void> {
    await this.#streams.append(Streams.deadLetter, deadLetterFields(stream, entry, reason), {
      maxLen: DEAD_LETTER_MAX_LEN,
    });
  }
}

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
