import { describe, expect, it } from 'vitest';
import { DatabaseChannelManager } from '../channels/database-channel-manager.js';
import { ManualClock } from '../clock/manual-clock.js';
import { isTmiClusterError } from '../errors/index.js';
import type { ChannelStore } from '../ports/channel-store.js';
import { type PortFactory, useHarness } from './harness.js';

const T0 = 1_700_000_000_000;
const HOUR = 3_600_000;

/** Options of {@link channelStoreContract}. */
export interface ChannelStoreContractOptions {
  /** Channels in the one-call bulk test (default 100,000: far past the 65,535 bind-parameter limit). */
  bulk?: number;
  /** Called with each bulk step's duration, so a suite can print it. */
  onTiming?: (step: string, ms: number) => void;
}

/**
 * The ChannelStore contract (see the port's TSDoc), plus the DatabaseChannelManager's rules on
 * top of the store (validation, stale boundary to the millisecond on a ManualClock). Every
 * adapter runs it: memory, SQLite, PostgreSQL, MySQL/MariaDB.
 */
export function channelStoreContract(
  name: string,
  factory: PortFactory<ChannelStore>,
  options: ChannelStoreContractOptions = {},
): void {
  describe(`ChannelStore contract: ${name}`, () => {
    const h = useHarness(factory);
    const store = () => h().port;

    it('authorizes, revokes and re-authorizes; unknown channels are not authorized', async () => {
      await store().authorize(['a', 'b'], T0);
      expect([...(await store().authorized(['a', 'b', 'c']))].sort()).toEqual(['a', 'b']);
      await store().revoke(['b', 'x'], T0 + 1);
      expect([...(await store().authorized(['a', 'b', 'x']))]).toEqual(['a']);
      await store().authorize(['b'], T0 + 2);
      expect([...(await store().authorized(['b']))]).toEqual(['b']);
      expect(await store().authorized([])).toEqual(new Set());
    });

    it('keeps one row per channel with its times, and sets reconnect only when given', async () => {
      await store().authorize(['a'], T0, { reconnect: true });
      await store().authorize(['a'], T0 + 5);
      const [row] = await store().list();
      expect(row).toEqual({
        login: 'a',
        roomId: null,
        revoked: false,
        reconnect: true,
        acknowledgedAt: null,
        authorizedAt: T0 + 5,
        options: {},
        createdAt: T0,
        updatedAt: T0 + 5,
      });
      await store().authorize(['a'], T0 + 6, { reconnect: false });
      expect((await store().list())[0]?.reconnect).toBe(false);
      expect(await store().list()).toHaveLength(1);
    });

    it('lists reconnectable channels: reconnect and not revoked, by login', async () => {
      await store().authorize(['c', 'a', 'b'], T0, { reconnect: true });
      await store().authorize(['d'], T0);
      await store().revoke(['b'], T0 + 1);
      expect(await store().reconnectable()).toEqual(['a', 'c']);
    });

    it('acknowledges only known channels', async () => {
      await store().authorize(['a'], T0);
      await store().acknowledge(['a', 'ghost'], T0 + 10);
      const rows = await store().list();
      expect(rows.map((r) => [r.login, r.acknowledgedAt])).toEqual([['a', T0 + 10]]);
    });

    it('calls revoked and strictly-older acknowledged channels stale, never unknown or unacknowledged ones', async () => {
      await store().authorize(['old', 'edge', 'fresh', 'never'], T0);
      await store().acknowledge(['old'], T0 - 1);
      await store().acknowledge(['edge'], T0);
      await store().acknowledge(['fresh'], T0 + 1);
      await store().revoke(['gone'], T0);
      const stale = await store().stale(['old', 'edge', 'fresh', 'never', 'gone', 'unknown'], T0);
      expect([...stale].sort()).toEqual(['gone', 'old']);
    });

    it('filters the list by revoked, stale, search, limit and offset', async () => {
      await store().authorize(['alpha', 'bravo', 'charlie', 'delta'], T0);
      await store().revoke(['bravo'], T0);
      await store().acknowledge(['charlie'], T0 - 10);
      await store().acknowledge(['delta'], T0 + 10);
      const logins = async (q: Parameters<ChannelStore['list']>[0]) =>
        (await store().list(q)).map((r) => r.login);
      expect(await logins({})).toEqual(['alpha', 'bravo', 'charlie', 'delta']);
      expect(await logins({ revoked: true })).toEqual(['bravo']);
      expect(await logins({ revoked: false })).toEqual(['alpha', 'charlie', 'delta']);
      expect(await logins({ staleBefore: T0 })).toEqual(['bravo', 'charlie']);
      expect(await logins({ search: 'ha' })).toEqual(['alpha', 'charlie']);
      expect(await logins({ search: '%' })).toEqual([]);
      expect(await logins({ search: '_' })).toEqual([]);
      expect(await logins({ limit: 2, offset: 1 })).toEqual(['bravo', 'charlie']);
    });

    it('appends events and reads them newest first, per channel and limited', async () => {
      await store().record([
        { channel: 'a', kind: 'authorized', reason: null, workerId: null, at: T0 },
        { channel: 'a', kind: 'joined', reason: null, workerId: 'w1', at: T0 + 1 },
        { channel: 'b', kind: 'failed', reason: 'msg_banned', workerId: 'w2', at: T0 + 2 },
        { channel: 'a', kind: 'parted', reason: 'stale', workerId: 'w1', at: T0 + 3 },
      ]);
      expect(await store().events({ channel: 'a', limit: 2 })).toEqual([
        { channel: 'a', kind: 'parted', reason: 'stale', workerId: 'w1', at: T0 + 3 },
        { channel: 'a', kind: 'joined', reason: null, workerId: 'w1', at: T0 + 1 },
      ]);
      expect((await store().events()).map((e) => e.kind)).toEqual([
        'parted',
        'failed',
        'joined',
        'authorized',
      ]);
      await store().record([]);
      expect(await store().events({ channel: 'zz' })).toEqual([]);
    });

    it('handles one call with many channels (chunked below the bind-parameter limit)', async () => {
      const count = options.bulk ?? 100_000;
      const channels = Array.from({ length: count }, (_, i) => `bulk_${i}`);
      const timed = async <T>(step: string, fn: () => Promise<T>): Promise<T> => {
        const started = performance.now();
        const out = await fn();
        options.onTiming?.(`${step} ×${count}`, performance.now() - started);
        return out;
      };
      await timed('authorize', () => store().authorize(channels, T0));
      await timed('revoke', () => store().revoke(channels.slice(0, 10), T0));
      const authorized = await timed('authorized', () => store().authorized(channels));
      expect(authorized.size).toBe(count - 10);
      await timed('acknowledge', () => store().acknowledge(channels, T0 - 1));
      const stale = await timed('stale', () => store().stale(channels, T0));
      expect(stale.size).toBe(count);
    }, 120_000);

    describe('with the DatabaseChannelManager on a ManualClock', () => {
      const manager = (clock: ManualClock) => new DatabaseChannelManager(store(), { clock, staleHours: 2 });

      it('is stale exactly one millisecond after staleHours, not at the limit', async () => {
        const clock = new ManualClock(T0);
        const m = manager(clock);
        await m.authorize(['x']);
        await m.acknowledged(['x']);
        clock.advance(2 * HOUR);
        expect(await m.stale(['x'])).toEqual(new Set());
        clock.advance(1);
        expect(await m.stale(['x'])).toEqual(new Set(['x']));
        await m.acknowledged(['x']);
        expect(await m.stale(['x'])).toEqual(new Set());
      });

      it('normalises logins and rejects bad ones before touching the store', async () => {
        const m = manager(new ManualClock(T0));
        await m.authorize(['#Mixed']);
        expect(await m.authorized(['mixed', '#MIXED'])).toEqual(new Set(['mixed']));
        for (const bad of ['', 'a'.repeat(26), 'bad-name', 'sp ace', 'ünï']) {
          const err = await m.authorize(['ok_one', bad]).catch((e: unknown) => e);
          expect(isTmiClusterError(err, 'TMI_ERR_INVALID_CHANNEL'), String(err)).toBe(true);
          await expect(m.authorized([bad])).rejects.toThrow(/invalid channel/);
        }
        expect(await m.authorized(['ok_one'])).toEqual(new Set());
      });

      it('records authorize and revoke in the event log, and lists disconnected reconnect channels', async () => {
        const clock = new ManualClock(T0);
        const m = manager(clock);
        await m.authorize(['r1', 'r2'], { reconnect: true });
        clock.advance(5);
        await m.revoke(['r2']);
        expect(await m.disconnected(['r1'])).toEqual([]);
        expect(await m.reconnectable()).toEqual(['r1']);
        const events = await store().events({ channel: 'r2' });
        expect(events.map((e) => [e.kind, e.at])).toEqual([
          ['revoked', T0 + 5],
          ['authorized', T0],
        ]);
      });
    });
  });
}
