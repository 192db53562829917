import { ApiError, errorFromResponse } from './api-error.js';
import type {
  ChannelDetail,
  ChannelFilter,
  ChannelPage,
  EventItem,
  InviteState,
  JoinResult,
  Overview,
  Session,
  SupervisorItem,
  WorkerItem,
} from './types.js';

type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  /** Origin (and optional prefix) of the server; '' for the page's own origin. */
  baseUrl?: string;
  fetch?: FetchLike;
  /** Called on every 401, so the shell can show the login screen. */
  onUnauthenticated?: () => void;
}

export interface ChannelQuery {
  search?: string;
  filter?: ChannelFilter;
  cursor?: string | null;
  limit?: number;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The dashboard's HTTP client: JSON in and out, the session cookie sent by the browser, the CSRF
 * token of the current session added to every mutation, and failures as {@link ApiError}.
 */
export class ApiClient {
  readonly #base: string;
  readonly #fetch: FetchLike;
  readonly #onUnauthenticated: (() => void) | undefined;
  #csrf: string | null = null;

  constructor(options: ApiClientOptions = {}) {
    this.#base = (options.baseUrl ?? '').replace(/\/$/, '');
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#onUnauthenticated = options.onUnauthenticated;
  }

  /** The CSRF token mutations carry; set from login/session answers. */
  get csrfToken(): string | null {
    return this.#csrf;
  }

  set csrfToken(token: string | null) {
    this.#csrf = token;
  }

  url(path: string): string {
    return this.#base + path;
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (MUTATING.has(method) && this.#csrf !== null) headers['x-csrf-token'] = this.#csrf;
    let res: Response;
    try {
      res = await this.#fetch(this.url(path), {
        method,
        headers,
        credentials: 'same-origin',
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (err) {
      throw new ApiError(0, 'unreachable', `Server unreachable (${(err as Error).message})`);
    }
    if (!res.ok) {
      const error = await errorFromResponse(res);
      if (res.status === 401) this.#onUnauthenticated?.();
      throw error;
    }
    if (res.status === 204) return undefined as T;
    return (await res.json()) as T;
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body: unknown = {}): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  // --- session -------------------------------------------------------------------------------

  async login(token: string): Promise<Session> {
    const session = await this.post<Session>('/api/auth/login', { token });
    this.#csrf = session.csrfToken;
    return session;
  }

  /** The current session, or null when there is none (401). */
  async session(): Promise<Session | null> {
    try {
      const session = await this.get<Session>('/api/auth/session');
      this.#csrf = session.csrfToken;
      return session;
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return null;
      throw err;
    }
  }

  async logout(): Promise<void> {
    try {
      await this.post('/api/auth/logout');
    } finally {
      this.#csrf = null;
    }
  }

  // --- cluster -------------------------------------------------------------------------------

  overview(): Promise<Overview> {
    return this.get('/api/overview');
  }

  supervisors(): Promise<{ items: SupervisorItem[] }> {
    return this.get('/api/supervisors');
  }

  workers(): Promise<{ items: WorkerItem[] }> {
    return this.get('/api/workers');
  }

  channels(query: ChannelQuery = {}): Promise<ChannelPage> {
    return this.get(`/api/channels${channelQueryString(query)}`);
  }

  channel(login: string): Promise<ChannelDetail> {
    return this.get(`/api/channels/${encodeURIComponent(login)}`);
  }

  join(channels: string[], authorize?: boolean): Promise<JoinResult> {
    return this.post('/api/channels/join', authorize === undefined ? { channels } : { channels, authorize });
  }

  part(channels: string[]): Promise<unknown> {
    return this.post('/api/channels/part', { channels });
  }

  authorize(channels: string[], reconnect = true): Promise<unknown> {
    return this.post('/api/channels/authorize', { channels, reconnect });
  }

  revoke(channels: string[]): Promise<unknown> {
    return this.post('/api/channels/revoke', { channels });
  }

  say(channel: string, text: string): Promise<unknown> {
    return this.post('/api/channels/say', { channel, text });
  }

  supervisorAction(id: string, action: 'pause' | 'continue' | 'terminate'): Promise<unknown> {
    return this.post(`/api/supervisors/${encodeURIComponent(id)}/${action}`);
  }

  scale(workers: number, supervisor?: string): Promise<unknown> {
    return this.post('/api/scale', supervisor === undefined ? { workers } : { workers, supervisor });
  }

  events(limit = 200): Promise<{ items: EventItem[] }> {
    return this.get(`/api/events/log?limit=${limit}`);
  }

  config(): Promise<unknown> {
    return this.get('/api/config');
  }

  // --- invite --------------------------------------------------------------------------------

  invite(): Promise<InviteState> {
    return this.get('/api/invite');
  }

  inviteAuthorize(): Promise<unknown> {
    return this.post('/api/invite/authorize');
  }

  inviteRevoke(): Promise<unknown> {
    return this.post('/api/invite/revoke');
  }
}

/** `?search=…&filter=…` for the channel list; empty and default values are left out. */
export function channelQueryString(query: ChannelQuery): string {
  const params = new URLSearchParams();
  const search = query.search?.trim() ?? '';
  if (search !== '') params.set('search', search);
  if (query.filter !== undefined && query.filter !== 'all') params.set('filter', query.filter);
  if (query.cursor) params.set('cursor', query.cursor);
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  const qs = params.toString();
  return qs === '' ? '' : `?${qs}`;
}
