import type { IrcMessage } from '../irc/parse.js';
import type { IrcSource } from '../irc/source.js';
import type { EventBase } from './base.js';
import { channelParam } from './tag-values.js';

/**
 * A line with no typed event (PING, numerics, CAP, …), or one that could not be typed: then
 * `error` says why and the line is still delivered, never dropped or thrown.
 */
export interface RawEvent extends EventBase {
  type: 'raw';
  /** The verb; `''` when the line has none. */
  command: string;
  params: string[];
  source: IrcSource | null;
  /** First param without `#` when it names a channel, else null. */
  channel: string | null;
  /** Why the line is not a typed event when its kind was recognised (or it had no command); else null. */
  error: string | null;
}

/** Wraps any parsed line as a {@link RawEvent}. */
export function rawEvent(msg: IrcMessage, base: EventBase, error: string | null): RawEvent {
  return {
    type: 'raw',
    ...base,
    command: msg.command,
    params: msg.params,
    source: msg.source,
    channel: channelParam(msg),
    error,
  };
}
