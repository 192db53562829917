/** One dispatched Server-Sent Event. `event` defaults to `message`, as in EventSource. */
export interface SseEvent {
  event: string;
  data: string;
  id: string | null;
}

/**
 * Incremental `text/event-stream` parser (WHATWG HTML §9.2.6): feed it decoded chunks in any
 * split, it calls `onEvent` for each complete event and `onRetry` for a `retry:` field. Used
 * instead of EventSource so the client sees HTTP statuses (401 means "sign in", not "retry").
 */
export class SseParser {
  #buffer = '';
  #data: string[] = [];
  #event = '';
  #id: string | null = null;
  #sawCr = false;

  constructor(
    private readonly onEvent: (event: SseEvent) => void,
    private readonly onRetry: (ms: number) => void = () => {},
  ) {}

  push(chunk: string): void {
    let text = chunk;
    // A CRLF split across two chunks: the LF belongs to the CR already handled.
    if (this.#sawCr && text.startsWith('\n')) text = text.slice(1);
    this.#sawCr = false;
    this.#buffer += text;
    let start = 0;
    for (let i = 0; i < this.#buffer.length; i++) {
      const ch = this.#buffer[i];
      if (ch !== '\n' && ch !== '\r') continue;
      this.#line(this.#buffer.slice(start, i));
      if (ch === '\r') {
        if (i + 1 < this.#buffer.length) {
          if (this.#buffer[i + 1] === '\n') i++;
        } else {
          this.#sawCr = true;
        }
      }
      start = i + 1;
    }
    this.#buffer = this.#buffer.slice(start);
  }

  /** Forgets a partial event, as a reconnect must. */
  reset(): void {
    this.#buffer = '';
    this.#data = [];
    this.#event = '';
    this.#sawCr = false;
  }

  #line(line: string): void {
    if (line === '') {
      this.#dispatch();
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        this.#event = value;
        break;
      case 'data':
        this.#data.push(value);
        break;
      case 'id':
        if (!value.includes('\0')) this.#id = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.onRetry(Number(value));
        break;
      default:
        break;
    }
  }

  #dispatch(): void {
    const data = this.#data;
    const event = this.#event;
    this.#data = [];
    this.#event = '';
    if (data.length === 0) return;
    this.onEvent({ event: event === '' ? 'message' : event, data: data.join('\n'), id: this.#id });
  }
}
