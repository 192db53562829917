/** Something with queued output to write in one go. */
export interface Flushable {
  flush(): void;
}

/**
 * Batches writes: connections that queued output are flushed together once the current turn of the
 * event loop is over (or after `delayMs`). A burst of injected lines then becomes one socket write
 * (or one WebSocket frame) per connection instead of one per line, which is what keeps fan-out
 * cheap; it also makes the server pack several lines per frame the way Twitch does.
 */
export class FlushQueue {
  #dirty: Flushable[] = [];
  #scheduled = false;

  constructor(private readonly delayMs = 0) {}

  schedule(item: Flushable): void {
    this.#dirty.push(item);
    if (this.#scheduled) return;
    this.#scheduled = true;
    if (this.delayMs > 0) setTimeout(this.#run, this.delayMs).unref();
    else setImmediate(this.#run).unref();
  }

  readonly #run = (): void => {
    this.#scheduled = false;
    const items = this.#dirty;
    this.#dirty = [];
    for (const item of items) item.flush();
  };
}
