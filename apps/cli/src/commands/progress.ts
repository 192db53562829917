/**
 * A tiny progress renderer: on a TTY it redraws one line in place (carriage return, clear to end
 * of line); elsewhere (logs, pipes, tests) it prints a plain line at most every `everyMs`, so a
 * log file does not fill with redraws.
 */
export class ProgressLine {
  readonly #tty: boolean;
  readonly #write: (text: string) => void;
  readonly #everyMs: number;
  #lastPlain = 0;
  #drawn = false;

  constructor(options: { tty: boolean; write: (text: string) => void; everyMs?: number }) {
    this.#tty = options.tty;
    this.#write = options.write;
    this.#everyMs = options.everyMs ?? 5_000;
  }

  update(text: string, now = Date.now()): void {
    if (this.#tty) {
      this.#write(`\r${text}\x1b[K`);
      this.#drawn = true;
    } else if (now - this.#lastPlain >= this.#everyMs) {
      this.#lastPlain = now;
      this.#write(`${text}\n`);
    }
  }

  /** Ends the bar with its final text on its own line. */
  done(text: string): void {
    this.#write(this.#tty ? `\r${text}\x1b[K\n` : `${text}\n`);
    this.#drawn = false;
  }

  /** Moves off a drawn bar so other output starts on a fresh line. */
  break(): void {
    if (this.#drawn) this.#write('\n');
    this.#drawn = false;
  }
}
