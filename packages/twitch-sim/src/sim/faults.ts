import { CAP_COMMANDS } from './caps.js';
import type { ConnectionInfo } from './events.js';
import { type FaultSettings, NO_FAULTS } from './outbox.js';
import { outLine } from './out-line.js';
import type { Session } from './session.js';

/**
 * Which connections a fault applies to: a connection id, `'all'` (every open connection, and for
 * delivery faults every future one too), every connection of a login, or a predicate.
 */
export type ConnectionTarget = string | 'all' | { login: string } | ((info: ConnectionInfo) => boolean);

const OVERSIZED_PREFIX = ':tmi.twitch.tv NOTICE * :';

/**
 * Faults on command. Delivery faults (latency, duplicate, reorder) go through each connection's
 * outbox and draw from a per-connection PRNG seeded from `faultSeed`, so a test replays the same
 * duplicates and swaps every run. Twitch documents that it may reorder and resend lines.
 */
export class FaultControl {
  /** Settings new connections start with (changed by `'all'` targets). */
  #defaults: FaultSettings = { ...NO_FAULTS };

  constructor(private readonly sessions: () => Iterable<Session>) {}

  /** @internal Settings for a new connection. */
  get defaults(): FaultSettings {
    return { ...this.#defaults };
  }

  /**
   * Sends `:tmi.twitch.tv RECONNECT` (to connections with the commands cap, as Twitch does), then
   * closes each connection gracefully after `closeAfterMs` (default 0). Returns how many it hit.
   */
  reconnect(target: ConnectionTarget, options: { closeAfterMs?: number } = {}): number {
    const targets = this.#resolve(target);
    for (const s of targets) {
      s.deliver(outLine('', ':tmi.twitch.tv RECONNECT', 'RECONNECT', null, CAP_COMMANDS));
      const close = () => s.end('reconnect');
      if (options.closeAfterMs) setTimeout(close, options.closeAfterMs).unref();
      else close();
    }
    return targets.length;
  }

  /** Abrupt close: the socket is destroyed with no goodbye. */
  close(target: ConnectionTarget): number {
    const targets = this.#resolve(target);
    for (const s of targets) s.destroy('fault: close');
    return targets.length;
  }

  /**
   * Stops reading from and writing to the connections, as a hung network path would. Output waits
   * (a stalled connection past maxBufferedBytes is dropped); it resumes after `ms` or on
   * {@link resume}. Server PINGs keep being queued, so a stall longer than the pong timeout ends
   * in a ping-timeout close, as it would on Twitch.
   */
  stall(target: ConnectionTarget, ms?: number): number {
    const targets = this.#resolve(target);
    for (const s of targets) {
      s.conn.pauseReading();
      s.outbox.stall();
      if (ms !== undefined) setTimeout(() => this.#resume(s), ms).unref();
    }
    return targets.length;
  }

  resume(target: ConnectionTarget): number {
    const targets = this.#resolve(target);
    for (const s of targets) this.#resume(s);
    return targets.length;
  }

  /** Adds `ms` (+ up to `jitterMs`) of delay to every line; order is kept unless reorder is on. */
  latency(options: { ms: number; jitterMs?: number; target?: ConnectionTarget }): number {
    const jitterMs = options.jitterMs ?? 0;
    if (!(options.ms >= 0 && jitterMs >= 0)) throw new RangeError('latency: ms and jitterMs must be >= 0');
    return this.#set(options.target ?? 'all', { latencyMs: options.ms, jitterMs });
  }

  /** Writes each line a second time with this probability. */
  duplicate(probability: number, target: ConnectionTarget = 'all'): number {
    return this.#set(target, { duplicate: checkProbability(probability) });
  }

  /** Holds a line back and writes it after the next one with this probability. */
  reorder(probability: number, target: ConnectionTarget = 'all'): number {
    return this.#set(target, { reorder: checkProbability(probability) });
  }

  /** Removes every delivery fault and resumes stalled connections. */
  clear(target: ConnectionTarget = 'all'): number {
    const n = this.#set(target, { ...NO_FAULTS });
    for (const s of this.#resolve(target)) this.#resume(s);
    return n;
  }

  /** Sends `line` as is (plus CRLF), caps ignored: broken tags, bad prefixes, stray CRs. */
  sendMalformed(target: ConnectionTarget, line: string): number {
    const targets = this.#resolve(target);
    for (const s of targets) s.outbox.push(line, outLine('', line, 'MALFORMED', null, 0));
    return targets.length;
  }

  /** Sends a NOTICE line of exactly `bytes` bytes, CRLF included. */
  sendOversized(target: ConnectionTarget, bytes: number): number {
    const fill = bytes - OVERSIZED_PREFIX.length - 2;
    if (!Number.isInteger(bytes) || fill < 1) {
      throw new RangeError(`sendOversized needs at least ${OVERSIZED_PREFIX.length + 3} bytes, got ${bytes}`);
    }
    const line = OVERSIZED_PREFIX + 'x'.repeat(fill);
    const targets = this.#resolve(target);
    for (const s of targets) s.outbox.push(line, outLine('', line, 'NOTICE', null, 0));
    return targets.length;
  }

  #resume(s: Session): void {
    if (s.state === 'closed') return;
    s.outbox.resume();
    s.conn.resumeReading();
  }

  #set(target: ConnectionTarget, change: Partial<FaultSettings>): number {
    if (target === 'all') Object.assign(this.#defaults, change);
    const targets = this.#resolve(target);
    for (const s of targets) s.outbox.setFaults({ ...s.outbox.faults, ...change });
    return targets.length;
  }

  #resolve(target: ConnectionTarget): Session[] {
    const out: Session[] = [];
    for (const s of this.sessions()) {
      if (s.state === 'closed') continue;
      if (
        target === 'all' ||
        (typeof target === 'string' && s.id === target) ||
        (typeof target === 'object' && s.login === target.login.toLowerCase()) ||
        (typeof target === 'function' && target(s.info()))
      ) {
        out.push(s);
      }
    }
    return out;
  }
}

function checkProbability(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`probability must be within [0, 1], got ${p}`);
  return p;
}
