import type { SupervisorOptions } from './options.js';

type RestartPolicy = Pick<
  SupervisorOptions,
  'restartMinMs' | 'restartMaxMs' | 'crashWindowMs' | 'crashLimit' | 'restartCooldownMs'
>;

/** When the next worker may start after a crash, and why. */
export interface RestartDelay {
  delayMs: number;
  /** Crashes within the window, this one included. */
  recent: number;
  /** True when the crash limit was reached and the cooldown applies. */
  cooldown: boolean;
}

/**
 * Crashes of the whole pool within a sliding window. Counted per pool, not per worker: a
 * replacement has a new id, and when the cause is shared (a bad build, a broken config) every
 * worker crashes; counting them together is what stops the pool from restarting in a hot loop.
 */
export class CrashHistory {
  readonly #policy: RestartPolicy;
  readonly #random: () => number;
  #times: number[] = [];

  constructor(policy: RestartPolicy, random: () => number) {
    this.#policy = policy;
    this.#random = random;
  }

  /**
   * Records a crash at `now` and returns the delay before the next start: exponential from
   * `restartMinMs` (1, 2, 4 … × min, capped at `restartMaxMs`) plus up to 50 % jitter so that
   * supervisors that lost workers together do not restart in step; at `crashLimit` crashes within
   * `crashWindowMs`, at least `restartCooldownMs`.
   */
  record(now: number): RestartDelay {
    const { restartMinMs, restartMaxMs, crashWindowMs, crashLimit, restartCooldownMs } = this.#policy;
    this.#times = this.#times.filter((t) => now - t < crashWindowMs);
    this.#times.push(now);
    const recent = this.#times.length;
    const base = Math.min(restartMaxMs, restartMinMs * 2 ** (recent - 1));
    const jittered = Math.min(restartMaxMs, Math.round(base * (1 + this.#random() * 0.5)));
    const cooldown = recent >= crashLimit;
    return { delayMs: cooldown ? Math.max(jittered, restartCooldownMs) : jittered, recent, cooldown };
  }
}
