import type { StreamFields } from '../../ports/stream-log.js';
import { encodePayload } from '../../protocol/envelope.js';
import type { WorkerReport } from '../../protocol/reports.js';
import type { PoolLine } from '../types.js';
import type { ChannelState } from './channel-state.js';
import type { SayConfirmations } from './say-confirm.js';
import type { SayExecutor } from './say-executor.js';
import type { RuntimeStats } from './stats.js';
import type { StreamPublisher } from './stream-publisher.js';

/** Past this many, the set of recovered connection ids is cleared (it only de-duplicates counting). */
const RECOVERED_MAX = 10_000;

/**
 * What the pool hands up, in one place: every inbound line goes to the event stream (and, if it
 * is a USERSTATE or NOTICE, to the say confirmations), every report to the reports stream and to
 * the say path's view of the channels; both are counted for the heartbeat. The pool calls these
 * from socket callbacks: they must not throw.
 */
export class Ingest {
  /** Connections that re-joined after a loss (their gap reports), counted once each as a reconnect. */
  readonly #recovered = new Set<string>();

  constructor(
    private readonly stats: RuntimeStats,
    private readonly events: StreamPublisher<PoolLine>,
    private readonly reports: StreamPublisher<StreamFields>,
    private readonly channels: ChannelState,
    private readonly confirmations: SayConfirmations,
    private readonly says: () => SayExecutor,
  ) {}

  /** The hot path: chat, nine lines in ten, costs two counters and one small object. */
  line(line: PoolLine): void {
    const stats = this.stats;
    stats.linesIn++;
    if (line.command === 'PRIVMSG') stats.messagesIn++;
    else {
      if (line.command === 'RECONNECT') stats.reconnects++;
      try {
        this.confirmations.observe(line);
      } catch {
        // A line the parser cannot read answers no say; the line itself is still published.
      }
    }
    this.events.push(line);
  }

  report(report: WorkerReport): void {
    this.channels.apply(report);
    if (report.type === 'gap') {
      this.stats.gaps++;
      if (!this.#recovered.has(report.connectionId)) {
        if (this.#recovered.size >= RECOVERED_MAX) this.#recovered.clear();
        this.#recovered.add(report.connectionId);
        this.stats.reconnects++;
      }
    } else if (report.type === 'parted' || report.type === 'join-failed') {
      this.says().forget(report.channel);
    }
    this.reports.push(encodePayload(report));
  }
}
