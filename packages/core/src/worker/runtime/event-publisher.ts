import type { Clock } from '../../ports/clock.js';
import type { StreamFields, StreamLog } from '../../ports/stream-log.js';
import { Streams } from '../../protocol/streams.js';
import type { PoolLine } from '../types.js';
import { encodeEventEntries } from './event-wire.js';
import type { ResolvedRuntimeOptions } from './options.js';
import { StreamPublisher, type StreamPublisherOptions } from './stream-publisher.js';

type Trouble = StreamPublisherOptions<unknown>['onTrouble'];

interface PublisherDeps {
  streams: StreamLog;
  clock: Clock;
  random: () => number;
  options: ResolvedRuntimeOptions;
}

/**
 * The event stream's publisher: lines packed into batch entries (wire format:
 * {@link EventBatchFields}), one `appendMany` per `eventBatchSize` lines or `eventFlushMs`, up to `eventBufferMax` held while the
 * sink is down (then dropped, counted and announced), trimmed to about `eventStreamMaxLen`.
 */
export function eventPublisher(deps: PublisherDeps, onTrouble: Trouble): StreamPublisher<PoolLine> {
  const o = deps.options;
  return new StreamPublisher<PoolLine>({
    ...common(deps),
    stream: Streams.events,
    encode: encodeEventEntries,
    batchSize: o.eventBatchSize,
    flushMs: o.eventFlushMs,
    maxBuffered: o.eventBufferMax,
    maxLen: o.eventStreamMaxLen ?? undefined,
    onTrouble,
  });
}

/**
 * The reports' publisher: payload entries for the coordinator, never trimmed (an unread report
 * must not vanish), sent on the next timer turn because they come in bursts (a join command of
 * 1,000 channels) and the coordinator waits for them.
 */
export function reportPublisher(deps: PublisherDeps, onTrouble: Trouble): StreamPublisher<StreamFields> {
  return new StreamPublisher<StreamFields>({
    ...common(deps),
    stream: Streams.reports,
    encode: (reports) => [...reports],
    batchSize: 1_000,
    flushMs: 0,
    maxBuffered: deps.options.reportBufferMax,
    onTrouble,
  });
}

function common(deps: PublisherDeps) {
  const { streams, clock, random, options } = deps;
  return {
    streams,
    clock,
    random,
    retryMinMs: options.publishRetryMinMs,
    retryMaxMs: options.publishRetryMaxMs,
  };
}
