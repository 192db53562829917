import { describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock/manual-clock.js';
import { SystemClock } from '../src/clock/system-clock.js';

describe('ManualClock', () => {
  it('starts where told and moves only when advanced or set', () => {
    const clock = new ManualClock(1_000);
    expect(clock.now()).toBe(1_000);
    clock.advance(250);
    expect(clock.now()).toBe(1_250);
    clock.set(5_000);
    expect(clock.now()).toBe(5_000);
    clock.set(4_000);
    expect(clock.now()).toBe(4_000);
  });

  it('fires due timers in due order, ties in scheduling order, with now() at each due time', () => {
    const clock = new ManualClock(0);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push(`b@${clock.now()}`), 20);
    clock.setTimeout(() => fired.push(`a@${clock.now()}`), 10);
    clock.setTimeout(() => fired.push(`c@${clock.now()}`), 20);
    clock.setTimeout(() => fired.push(`late@${clock.now()}`), 31);
    clock.advance(30);
    expect(fired).toEqual(['a@10', 'b@20', 'c@20']);
    expect(clock.now()).toBe(30);
    clock.advance(1);
    expect(fired.at(-1)).toBe('late@31');
  });

  it('fires a timer exactly at its due time, not before', () => {
    const clock = new ManualClock(0);
    let fired = false;
    clock.setTimeout(() => {
      fired = true;
    }, 100);
    clock.advance(99);
    expect(fired).toBe(false);
    clock.advance(1);
    expect(fired).toBe(true);
  });

  it('fires timers scheduled by fired timers within the same advance', () => {
    const clock = new ManualClock(0);
    const fired: number[] = [];
    let links = 0;
    const chain = () => {
      fired.push(clock.now());
      if (++links < 5) clock.setTimeout(chain, 10);
    };
    clock.setTimeout(chain, 10);
    clock.setTimeout(() => fired.push(-clock.now()), 25);
    clock.advance(100);
    expect(fired).toEqual([10, 20, -25, 30, 40, 50]);
  });

  it('repeats intervals until cancelled, also from inside the callback', () => {
    const clock = new ManualClock(0);
    const ticks: number[] = [];
    const handle = clock.setInterval(() => {
      ticks.push(clock.now());
      if (ticks.length === 3) handle.cancel();
    }, 10);
    clock.advance(100);
    expect(ticks).toEqual([10, 20, 30]);
    expect(clock.pendingTimers).toBe(0);
  });

  it('cancels timers, harmlessly twice', () => {
    const clock = new ManualClock(0);
    let fired = 0;
    const handle = clock.setTimeout(() => fired++, 10);
    handle.cancel();
    handle.cancel();
    clock.advance(20);
    expect(fired).toBe(0);
  });

  it('treats negative and NaN delays as 0 and clamps zero intervals to 1 ms', () => {
    const clock = new ManualClock(0);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('neg'), -5);
    clock.setTimeout(() => fired.push('nan'), Number.NaN);
    const interval = clock.setInterval(() => fired.push(`i${clock.now()}`), 0);
    clock.advance(2);
    interval.cancel();
    expect(fired).toEqual(['neg', 'nan', 'i1', 'i2']);
  });

  it('fires timers on set() forward, not backward', () => {
    const clock = new ManualClock(100);
    let fired = 0;
    clock.setTimeout(() => fired++, 50);
    clock.set(90);
    expect(fired).toBe(0);
    clock.set(150);
    expect(fired).toBe(1);
  });

  it('advanceAsync lets async loops schedule their next timer', async () => {
    const clock = new ManualClock(0);
    const ticks: number[] = [];
    const sleep = (ms: number) => new Promise<void>((resolve) => clock.setTimeout(resolve, ms));
    const loop = async () => {
      for (let i = 0; i < 3; i++) {
        await sleep(10);
        ticks.push(clock.now());
      }
    };
    const done = loop();
    await clock.advanceAsync(30);
    await done;
    expect(ticks).toEqual([10, 20, 30]);
  });
});

describe('SystemClock', () => {
  it('tells wall time and runs and cancels real timers', async () => {
    const clock = new SystemClock();
    expect(Math.abs(clock.now() - Date.now())).toBeLessThan(50);
    let cancelledFired = false;
    clock
      .setTimeout(() => {
        cancelledFired = true;
      }, 1)
      .cancel();
    let ticks = 0;
    const interval = clock.setInterval(() => ticks++, 1);
    await new Promise<void>((resolve) => clock.setTimeout(resolve, 20));
    interval.cancel();
    const after = ticks;
    await new Promise<void>((resolve) => clock.setTimeout(resolve, 10));
    expect(cancelledFired).toBe(false);
    expect(after).toBeGreaterThan(0);
    expect(ticks).toBe(after);
  });
});
