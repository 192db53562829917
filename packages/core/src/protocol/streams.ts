/**
 * Every stream, group and key name the cluster uses, built in this one module (STYLE.md #8), so
 * the layout is documented in one place and the Redis adapter can hash-tag them consistently.
 * Names are relative; adapters add their own prefix.
 */
export const Streams = {
  /** Commands for the active coordinator (join, part, authorize …); group {@link Groups.coordinator}. */
  coordinator: 'cmd:coordinator',
  /** Commands for one worker (assigned joins, parts, raw lines, drain). */
  worker: (workerId: string) => `cmd:worker:${workerId}`,
  /** Commands for one supervisor (scale, pause, continue, terminate). */
  supervisor: (supervisorId: string) => `cmd:supervisor:${supervisorId}`,
  /** Outbound chat: any worker with a connection for the sending identity takes it. */
  say: 'cmd:say',
  /** Worker → coordinator reports (joins confirmed or failed, parts, gaps). */
  reports: 'reports',
  /** Every inbound IRC line with receiver id and receive time. */
  events: 'events:chat',
  /** Answers to a caller's requests (join results, say results); one stream per client. */
  replies: (clientId: string) => `replies:${clientId}`,
  /** Gap records (protocol/gaps.ts: chat that may have been missed), for applications. */
  gaps: 'gaps',
  /** Entries that failed validation, with the reason; kept for operators. */
  deadLetter: 'dead-letter',
} as const;

export const Groups = {
  coordinator: 'coordinator',
  worker: 'worker',
  supervisor: 'supervisor',
  say: 'say',
  reports: 'coordinator',
  /** An application's consumer group on the event stream: each event reaches one of its processes. */
  application: (name: string) => `app:${name}`,
  replies: 'client',
} as const;

export const Leases = {
  /** The single active coordinator. */
  coordinator: 'coordinator',
} as const;

/** Rate-limiter keys: Twitch counts per account, so every key names the identity. */
export const LimitKeys = {
  join: (identity: string) => `join:${identity}`,
  auth: (identity: string) => `auth:${identity}`,
  privmsg: (identity: string) => `privmsg:${identity}`,
  privmsgModerator: (identity: string) => `privmsg-mod:${identity}`,
  privmsgChannel: (identity: string, channel: string) => `privmsg:${identity}:${channel}`,
} as const;

/** De-duplication keys. */
export const DedupKeys = {
  /** An inbound event, by Twitch message id, per consuming group. */
  event: (group: string, messageId: string) => `event:${group}:${messageId}`,
  /** An outbound message, by the caller's idempotency key. */
  say: (idempotencyKey: string) => `say:${idempotencyKey}`,
} as const;
