import { type Readable, writable } from 'svelte/store';
import { BoundedLog } from './bounded-log.js';
import { isChatMessage, parseJson } from './guards.js';
import { LiveSource, type LiveSourceOptions, type LiveStatus } from './live-source.js';
import type { ChatMessage } from './types.js';

export interface ChatTail {
  /** Newest first, at most `limit`. */
  messages: Readable<readonly ChatMessage[]>;
  status: Readable<LiveStatus>;
  start(): void;
  stop(): void;
}

/** The live chat of one channel (`/api/channels/:login/chat`), bounded to the last `limit` lines. */
export function createChatTail(
  login: string,
  options: {
    baseUrl?: string;
    limit?: number;
    fetch?: LiveSourceOptions['fetch'];
    backoff?: LiveSourceOptions['backoff'];
  } = {},
): ChatTail {
  const log = new BoundedLog<ChatMessage>(options.limit ?? 200);
  const messages = writable<readonly ChatMessage[]>(log.items);
  const source = new LiveSource({
    url: `${options.baseUrl ?? ''}/api/channels/${encodeURIComponent(login)}/chat`,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    ...(options.backoff === undefined ? {} : { backoff: options.backoff }),
    onEvent(event) {
      if (event.event !== 'message') return;
      const data = parseJson(event.data);
      if (isChatMessage(data) && log.add(data)) messages.set(log.items);
    },
    onStatus: (s) => status.set(s),
  });
  const status = writable<LiveStatus>(source.status);
  return { messages, status, start: () => source.start(), stop: () => source.stop() };
}
