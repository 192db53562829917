import type { Clock } from '../ports/clock.js';
import type { StreamEntry, StreamLog } from '../ports/stream-log.js';
import { type SupervisorCommand, supervisorCommandSchema } from '../protocol/commands.js';
import { decodePayload } from '../protocol/envelope.js';
import { Groups, Streams } from '../protocol/streams.js';
import { DEAD_LETTER_MAX_LEN, deadLetterFields } from '../protocol/dead-letter.js';

/** Dead letters are for operators, not a log: keep the newest (same cap as the coordinator's). */
const BATCH = 32;

export interface CommandReaderOptions {
  streams: StreamLog;
  clock: Clock;
  supervisorId: string;
  blockMs: number;
  onCommand(command: SupervisorCommand): void;
  onDeadLetter(entry: StreamEntry, reason: string): void;
  onError(err: unknown): void;
}

/**
 * Reads `Streams.supervisor(id)` in group `Groups.supervisor` with blocking reads, so a command
 * takes effect at once without polling. An invalid payload goes to the dead-letter stream with
 * the reason and is acknowledged, so one bad entry never stops the loop; a failed read (Redis
 * away) is retried after `blockMs`.
 */
export class CommandReader {
  readonly #o: CommandReaderOptions;
  readonly #stream: string;
  #stopped = false;
  #done: Promise<void> = Promise.resolve();

  constructor(options: CommandReaderOptions) {
    this.#o = options;
    this.#stream = Streams.supervisor(options.supervisorId);
  }

  /** Creates the group (from the start: commands sent before we started count). */
  async ensure(): Promise<void> {
    await this.#o.streams.ensureGroup(this.#stream, Groups.supervisor, 'start');
  }

  start(): void {
    this.#done = this.#loop();
  }

  /** Ends the loop after the read in flight (at most `blockMs`); resolves when it has ended. */
  stop(): Promise<void> {
    this.#stopped = true;
    return this.#done;
  }

  async #loop(): Promise<void> {
    const { streams, supervisorId, blockMs } = this.#o;
    while (!this.#stopped) {
      try {
        const entries = await streams.readGroup(this.#stream, Groups.supervisor, supervisorId, {
          count: BATCH,
          blockMs,
        });
        for (const entry of entries) await this.#handle(entry);
        if (entries.length > 0)
          await streams.ack(
            this.#stream,
            Groups.supervisor,
            entries.map((e) => e.id),
          );
      } catch (err) {
        this.#o.onError(err);
        await this.#sleep(blockMs);
      }
    }
  }

  async #handle(entry: StreamEntry): Promise<void> {
    const decoded = decodePayload(entry.fields, supervisorCommandSchema);
    if (decoded.ok) {
      // Reported, not retried: a handler is a plain state change, so a retry would fail the
      // same way and block every later command.
      try {
        this.#o.onCommand(decoded.value);
      } catch (err) {
        this.#o.onError(err);
      }
      return;
    }
    await this.#o.streams.append(Streams.deadLetter, deadLetterFields(this.#stream, entry, decoded.reason), {
      maxLen: DEAD_LETTER_MAX_LEN,
    });
    this.#o.onDeadLetter(entry, decoded.reason);
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.#o.clock.setTimeout(resolve, ms));
  }
}
