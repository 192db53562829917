import type { AccountInput } from './accounts.js';
import type { ChannelInput } from './channel.js';
import type { RateLimiter, RateLimitOptions } from './limits/types.js';

/** Options of {@link startTwitchSim}; every field is optional. */
export interface TwitchSimOptions {
  /** Interface both listeners bind to. Default `'127.0.0.1'`. */
  host?: string;
  /** Plain-TCP IRC port (Twitch: 6667). 0 picks a free port; false disables TCP. Default 0. */
  tcpPort?: number | false;
  /** WebSocket IRC port. 0 picks a free port; false disables WebSocket. Default 0. */
  wsPort?: number | false;
  /** Accounts that can log in (`PASS oauth:<token>`). Default none. */
  accounts?: AccountInput[];
  /**
   * The channel directory: entries, or a number N that creates `<channelPrefix>0 … N-1`.
   * Default none (every JOIN is silently dropped unless `createChannelsOnJoin`).
   */
  channels?: ChannelInput[] | number;
  /** Name prefix for generated channels. Default `'channel'`. */
  channelPrefix?: string;
  /**
   * Create a channel when a client joins an unknown (but well-formed) name. Default false: like
   * Twitch, a JOIN of a channel that does not exist gets no reply at all.
   */
  createChannelsOnJoin?: boolean;
  /** Options for the built-in rate limiter. Default: Twitch's limits. */
  limits?: RateLimitOptions;
  /** A ready limiter to use instead of building one from `limits`. */
  limiter?: RateLimiter;
  /** Interval of the server's `PING :tmi.twitch.tv`. Default 300 000 ms (Twitch: about 5 min). */
  pingIntervalMs?: number;
  /** A connection that does not answer a server PING within this time is closed. Default 10 000 ms. */
  pongTimeoutMs?: number;
  /** Clock for `tmi-sent-ts`, ground-truth timestamps and (by default) the limiter. Default Date.now. */
  clock?: () => number;
  /**
   * Keep the full log of every line sent (connection, channel, line, time) and every message id
   * per channel. Counters are always kept. Default false (the log grows without bound).
   */
  recordLines?: boolean;
  /**
   * Longest client line accepted, in bytes without CR/LF. Longer lines are discarded and the
   * connection stays open (Twitch's real cap is undocumented; this is the lenient choice).
   * Default 8192.
   */
  maxLineBytes?: number;
  /** Unsent output past which a connection is dropped as a slow consumer. Default 16 MiB. */
  maxBufferedBytes?: number;
  /** Largest WebSocket frame the server packs lines into; 0 = one line per frame. Default 4096. */
  wsFrameMaxBytes?: number;
  /** Extra time to collect lines into one WebSocket frame. Default 0 (next event-loop turn). */
  wsBatchMs?: number;
  /** Rooms with more members than this get no membership JOIN/PART (Twitch: 1000). Default 1000. */
  membershipEventLimit?: number;
  /** Message ids remembered per channel, for replies (`reply-parent-msg-id`). Default 200. */
  recentMessagesPerChannel?: number;
  /** Seed of the PRNG behind the duplicate/reorder/jitter faults. Default 1. */
  faultSeed?: number;
}

/** Options after defaults were applied; frozen. */
export interface ResolvedOptions {
  readonly host: string;
  readonly tcpPort: number | false;
  readonly wsPort: number | false;
  readonly accounts: readonly AccountInput[];
  readonly channels: readonly ChannelInput[];
  readonly createChannelsOnJoin: boolean;
  readonly limits: RateLimitOptions;
  readonly limiter: RateLimiter | undefined;
  readonly pingIntervalMs: number;
  readonly pongTimeoutMs: number;
  readonly clock: () => number;
  readonly recordLines: boolean;
  readonly maxLineBytes: number;
  readonly maxBufferedBytes: number;
  readonly wsFrameMaxBytes: number;
  readonly wsBatchMs: number;
  readonly membershipEventLimit: number;
  readonly recentMessagesPerChannel: number;
  readonly faultSeed: number;
}

function port(name: string, value: number | false | undefined): number | false {
  if (value === undefined) return 0;
  if (value === false) return false;
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new TypeError(`twitch-sim option ${name} must be a port number (0-65535) or false, got ${value}`);
  }
  return value;
}

function positive(name: string, value: number | undefined, fallback: number, allowZero = false): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new TypeError(
      `twitch-sim option ${name} must be a ${allowZero ? 'non-negative' : 'positive'} number, got ${value}`,
    );
  }
  return value;
}

function generatedChannels(count: number, prefix: string): ChannelInput[] {
  if (!Number.isInteger(count) || count < 0) {
    throw new TypeError(`twitch-sim option channels must be a non-negative integer or a list, got ${count}`);
  }
  return Array.from({ length: count }, (_, i) => ({ login: `${prefix}${i}` }));
}

/** Applies defaults and checks every option once, naming the option in any error. */
export function resolveOptions(options: TwitchSimOptions = {}): ResolvedOptions {
  const clock = options.clock ?? Date.now;
  const channels =
    typeof options.channels === 'number'
      ? generatedChannels(options.channels, options.channelPrefix ?? 'channel')
      : (options.channels ?? []);
  return Object.freeze({
    host: options.host ?? '127.0.0.1',
    tcpPort: port('tcpPort', options.tcpPort),
    wsPort: port('wsPort', options.wsPort),
    accounts: options.accounts ?? [],
    channels,
    createChannelsOnJoin: options.createChannelsOnJoin ?? false,
    limits: { clock, ...options.limits },
    limiter: options.limiter,
    pingIntervalMs: positive('pingIntervalMs', options.pingIntervalMs, 300_000),
    pongTimeoutMs: positive('pongTimeoutMs', options.pongTimeoutMs, 10_000),
    clock,
    recordLines: options.recordLines ?? false,
    maxLineBytes: positive('maxLineBytes', options.maxLineBytes, 8192),
    maxBufferedBytes: positive('maxBufferedBytes', options.maxBufferedBytes, 16 * 1024 * 1024),
    wsFrameMaxBytes: positive('wsFrameMaxBytes', options.wsFrameMaxBytes, 4096, true),
    wsBatchMs: positive('wsBatchMs', options.wsBatchMs, 0, true),
    membershipEventLimit: positive('membershipEventLimit', options.membershipEventLimit, 1000, true),
    recentMessagesPerChannel: positive(
      'recentMessagesPerChannel',
      options.recentMessagesPerChannel,
      200,
      true,
    ),
    faultSeed: positive('faultSeed', options.faultSeed, 1, true),
  });
}
