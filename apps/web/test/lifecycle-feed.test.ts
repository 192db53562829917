import type { MemberRecord } from '@tmi-cluster/core';
import { describe, expect, it } from 'vitest';
import { LifecycleFeed } from '../src/backend/lifecycle-feed.js';

const worker = (id: string, startedAt: number, state = 'ready', supervisorId = 's1'): MemberRecord => ({
  kind: 'worker',
  id,
  supervisorId,
  host: 'h',
  state,
  startedAt,
  data: {},
});
const sup = (state: string, target: number): MemberRecord => ({
  kind: 'supervisor',
  id: 's1',
  host: 'h',
  state,
  startedAt: 1,
  data: { target },
});

describe('LifecycleFeed', () => {
  it('turns membership, lease and coordinator changes into events, each once', () => {
    const feed = new LifecycleFeed(100);
    const heard: string[] = [];
    const stop = feed.subscribe((e) => heard.push(e.kind));
    feed.observe(
      { workers: [worker('w1', 1)], supervisors: [sup('running', 1)], coordinator: { id: 'c1', term: 1 } },
      10,
    );
    expect(feed.list(10)).toEqual([]); // the first sample is the baseline
    feed.observe(
      {
        workers: [worker('w1', 2), worker('w2', 5)],
        supervisors: [sup('running', 2)],
        coordinator: { id: 'c2', term: 2 },
      },
      20,
    );
    feed.observe(
      { workers: [worker('w2', 5, 'draining')], supervisors: [sup('paused', 2)], coordinator: null },
      30,
    );
    feed.observe({ workers: [], supervisors: [sup('paused', 2)], coordinator: null }, 40);
    expect(feed.list(100).map((e) => e.kind)).toEqual([
      'worker-restarted',
      'worker-started',
      'scaled',
      'coordinator-failover',
      'worker-state',
      'worker-lost',
      'supervisor-paused',
      'coordinator-lost',
      'worker-stopped',
    ]);
    expect(heard).toHaveLength(9);
    stop();
    feed.observeCoordinator([
      { at: 50, type: 'placed', message: 'a' },
      { at: 50, type: 'placed', message: 'b' },
    ]);
    feed.observeCoordinator([
      { at: 50, type: 'placed', message: 'a' },
      { at: 50, type: 'placed', message: 'b' },
      { at: 51, type: 'scaled', message: 'c' },
    ]);
    expect(feed.list(3).map((e) => e.message)).toEqual(['a', 'b', 'c']);
    expect(heard).toHaveLength(9);
    const ids = feed.list(100).map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps the newest `capacity` items', () => {
    const feed = new LifecycleFeed(3);
    for (let i = 0; i < 5; i++) feed.add('x', String(i), i);
    expect(feed.list(10).map((e) => e.message)).toEqual(['2', '3', '4']);
  });
});
