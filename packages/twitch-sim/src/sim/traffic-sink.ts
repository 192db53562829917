/**
 * What the traffic generator (src/traffic) drives: the channels to talk in, a way to put a raw
 * line into one, and the sim's clock. Structural, so the generator needs nothing else of the sim.
 */
export interface TrafficSink {
  channels(): readonly { login: string; roomId: string }[];
  /** Fans a raw line out to a channel (`channel` without `#`). */
  inject(channel: string, line: string): void;
  now(): number;
}
