/**
 * Splits a byte stream into lines at LF; a CR right before the LF is dropped, so both CRLF and
 * bare-LF clients work. Lines are cut from Buffers so the `maxLineBytes` cap counts real bytes and
 * a multi-byte character split across two chunks still decodes correctly.
 */
export class LineSplitter {
  #parts: Buffer[] = [];
  #size = 0;
  /** Set while skipping the rest of an oversized line up to its LF. */
  #discarding = false;

  constructor(
    private readonly maxLineBytes: number,
    private readonly onLine: (line: string) => void,
    private readonly onOversized: () => void,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    while (start < chunk.length) {
      const nl = chunk.indexOf(10, start);
      const end = nl === -1 ? chunk.length : nl;
      if (!this.#discarding) {
        if (this.#size + (end - start) > this.maxLineBytes + 1) this.#overflow();
        else if (nl !== -1 && this.#size === 0) this.#emit(chunk.toString('utf8', start, end), end - start);
        else if (end > start) {
          this.#parts.push(chunk.subarray(start, end));
          this.#size += end - start;
        }
      }
      if (nl === -1) return;
      if (this.#size > 0) this.#emit(Buffer.concat(this.#parts, this.#size).toString('utf8'), this.#size);
      this.#discarding = false;
      start = nl + 1;
    }
  }

  /** Ends the current line even without a LF (a WebSocket frame is always whole lines). */
  flush(): void {
    if (this.#size > 0) this.#emit(Buffer.concat(this.#parts, this.#size).toString('utf8'), this.#size);
    this.#discarding = false;
  }

  #emit(raw: string, bytes: number): void {
    this.#parts = [];
    this.#size = 0;
    const cr = raw.endsWith('\r');
    // The +1 in push lets a line of exactly maxLineBytes carry its CR; check the real size here.
    if (bytes - (cr ? 1 : 0) > this.maxLineBytes) this.onOversized();
    else this.onLine(cr ? raw.slice(0, -1) : raw);
  }

  #overflow(): void {
    this.#parts = [];
    this.#size = 0;
    this.#discarding = true;
    this.onOversized();
  }
}
