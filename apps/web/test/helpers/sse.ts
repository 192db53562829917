/** One parsed SSE event. */
export interface SseEvent {
  event: string;
  data: unknown;
  at: number;
}

/** An SSE stream read with fetch; events collect in `events`; `close()` aborts the request. */
export interface SseReader {
  events: SseEvent[];
  status: number;
  close(): void;
  next(event: string, ms?: number, after?: number): Promise<SseEvent>;
}

export async function openSse(url: string, cookie: string): Promise<SseReader> {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { cookie, accept: 'text/event-stream' }, signal: abort.signal });
  const events: SseEvent[] = [];
  const reader: SseReader = {
    events,
    status: res.status,
    close: () => abort.abort(),
    async next(event, ms = 5_000, after = 0) {
      const deadline = Date.now() + ms;
      for (;;) {
        const found = events.slice(after).find((e) => e.event === event);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no SSE "${event}" within ${ms} ms`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
  if (res.body === null || res.status !== 200) return reader;
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let cut = buffer.indexOf('\n\n');
        while (cut >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const lines = block.split('\n');
          const name = lines.find((l) => l.startsWith('event: '))?.slice(7);
          const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
          if (name !== undefined && data !== undefined)
            events.push({ event: name, data: JSON.parse(data), at: Date.now() });
          cut = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // aborted
    }
  })();
  return reader;
}
