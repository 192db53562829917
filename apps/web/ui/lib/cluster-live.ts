import { type Readable, writable } from 'svelte/store';
import { BoundedLog } from './bounded-log.js';
import { isEventItem, isOverview, parseJson } from './guards.js';
import { LiveSource, type LiveSourceOptions, type LiveStatus } from './live-source.js';
import { SeriesRing } from './series-ring.js';
import type { EventItem, Overview } from './types.js';

/** Columns of {@link ClusterLive.series}, in order after the time column. */
export const SERIES = ['messagesIn', 'messagesOut', 'commands', 'wanted', 'confirmed', 'joinQueue'] as const;

/** 15 minutes at one overview a second. */
export const CHART_POINTS = 900;

export interface ClusterLive {
  overview: Readable<Overview | null>;
  /** Browser time the last overview arrived (for staleness, independent of server clocks). */
  receivedAt: Readable<number | null>;
  status: Readable<LiveStatus>;
  /** Bumped after each sample, so charts redraw without copying the ring on every store read. */
  tick: Readable<number>;
  series: SeriesRing;
  /** Lifecycle events seen live, newest first, bounded. */
  events: Readable<readonly EventItem[]>;
  start(): void;
  stop(): void;
  retryNow(): void;
}

export interface ClusterLiveOptions {
  url?: string;
  fetch?: LiveSourceOptions['fetch'];
  backoff?: LiveSourceOptions['backoff'];
  idleTimeoutMs?: number;
  now?: () => number;
  eventLimit?: number;
}

/**
 * The dashboard's one live connection (`/api/live`): overviews feed the cards, the banner and a
 * 900-point ring for the charts; lifecycle events feed the events log.
 */
export function createClusterLive(options: ClusterLiveOptions = {}): ClusterLive {
  const now = options.now ?? Date.now;
  const overview = writable<Overview | null>(null);
  const receivedAt = writable<number | null>(null);
  const tick = writable(0);
  const log = new BoundedLog<EventItem>(options.eventLimit ?? 500);
  const events = writable<readonly EventItem[]>(log.items);
  const series = new SeriesRing(CHART_POINTS, SERIES.length);
  let ticks = 0;

  const source = new LiveSource({
    url: options.url ?? '/api/live',
    idleTimeoutMs: options.idleTimeoutMs ?? 10_000,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    ...(options.backoff === undefined ? {} : { backoff: options.backoff }),
    now,
    onEvent(event) {
      const data = parseJson(event.data);
      if (event.event === 'overview' && isOverview(data)) {
        const t = data.at / 1000;
        series.push(t, [
          data.rates.messagesIn,
          data.rates.messagesOut,
          data.rates.commands,
          data.channels.wanted,
          data.channels.confirmed,
          data.joinQueue,
        ]);
        series.trimBefore(t - CHART_POINTS);
        overview.set(data);
        receivedAt.set(now());
        tick.set(++ticks);
      } else if (event.event === 'lifecycle' && isEventItem(data)) {
        const item = { ...data, id: String(data.id) };
        if (log.add(item)) events.set(log.items);
      }
    },
    onStatus(s) {
      status.set(s);
    },
  });
  const status = writable<LiveStatus>(source.status);

  return {
    overview,
    receivedAt,
    status,
    tick,
    series,
    events,
    start: () => source.start(),
    stop: () => source.stop(),
    retryNow: () => source.retryNow(),
  };
}
