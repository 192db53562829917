/** Kinds of server→client lines a traffic source emits. */
export type TrafficKind =
  | 'privmsg'
  | 'usernotice'
  | 'clearchat'
  | 'clearmsg'
  | 'roomstate'
  | 'notice'
  | 'join'
  | 'part';

/** Every {@link TrafficKind}, in a fixed order (the order mix weights are applied in). */
export const TRAFFIC_KINDS: readonly TrafficKind[] = [
  'privmsg',
  'usernotice',
  'clearchat',
  'clearmsg',
  'roomstate',
  'notice',
  'join',
  'part',
];

/** A channel traffic can be sent to: its lowercase login (no `#`) and numeric room id. */
export interface TrafficChannel {
  login: string;
  roomId: string;
}

/** One emitted line. */
export interface TrafficLine {
  /** Target channel login, without `#`. */
  channel: string;
  kind: TrafficKind;
  /** The IRC line as Twitch sends it, without CRLF. */
  line: string;
  /** The line's `id` tag (PRIVMSG, USERNOTICE), or null when it has none. */
  id: string | null;
}

/** Anything that produces lines on demand: the generator and the replay source. */
export interface TrafficSource {
  /** Produces the next line, stamped with `nowMs` as its `tmi-sent-ts` where it has one. */
  next(nowMs: number): TrafficLine;
}

/**
 * Where the driver puts lines: implemented by the sim's server, which delivers a line to every
 * client joined to the channel.
 */
export interface TrafficSink {
  /** Channels traffic may go to (a source is usually built from this list). */
  channels(): readonly TrafficChannel[];
  /** Delivers one line (no CRLF) to the channel's members. */
  inject(channel: string, line: string): void;
  /** The sim's clock in ms since the epoch; used for `tmi-sent-ts`. */
  now(): number;
}
