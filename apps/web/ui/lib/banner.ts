import type { LiveStatus } from './live-source.js';
import type { Overview } from './types.js';

export type BannerTone = 'ok' | 'warn' | 'error';

export interface Banner {
  tone: BannerTone;
  title: string;
  reasons: string[];
}

export interface BannerInput {
  live: LiveStatus;
  overview: Overview | null;
  /** When (this browser's clock) the last overview arrived. */
  receivedAt: number | null;
  now: number;
  /** Older overviews than this count as stale. Default 5 s (the server sends one a second). */
  staleAfterMs?: number;
}

/**
 * The status banner atop every screen. The connection comes first: when the dashboard cannot
 * reach the server, the last overview it saw says nothing about the cluster now.
 */
export function bannerFor(input: BannerInput): Banner {
  const { live, overview, receivedAt, now } = input;
  const staleAfter = input.staleAfterMs ?? 5_000;
  if (live.state === 'retrying') {
    const seconds = live.retryAt === null ? 0 : Math.max(0, Math.ceil((live.retryAt - now) / 1000));
    return {
      tone: 'error',
      title: 'Server unreachable',
      reasons: [
        `Live updates lost (${live.error ?? 'connection failed'}); reconnecting ${seconds > 0 ? `in ${seconds} s` : 'now'}.`,
      ],
    };
  }
  if (overview === null || receivedAt === null) {
    return { tone: 'warn', title: 'Connecting…', reasons: [] };
  }
  if (now - receivedAt > staleAfter) {
    return {
      tone: 'warn',
      title: 'No recent updates',
      reasons: [`The last overview arrived ${Math.round((now - receivedAt) / 1000)} s ago.`],
    };
  }
  switch (overview.status) {
    case 'operational':
      return { tone: 'ok', title: 'Operational', reasons: overview.reasons };
    case 'degraded':
      return { tone: 'warn', title: 'Degraded', reasons: overview.reasons };
    default:
      return { tone: 'error', title: 'Cluster down', reasons: overview.reasons };
  }
}
