import type { ChannelEventRecord } from './channel-store.js';

/**
 * Where the coordinator reports what happened to channels (joined, parted, failed). `record`
 * must not block or throw: an implementation buffers and writes in the background, so a slow
 * or absent database never holds up placement.
 */
export interface ChannelEventSink {
  record(events: readonly ChannelEventRecord[]): void;
}
