import { describe, expect, it } from 'vitest';
import { EventDedup } from '../src/client/event-dedup.js';
import { typesForCommand } from '../src/client/command-types.js';
import { parseChatEvent } from '../src/events/parse-chat-event.js';
import { scanLine } from '../src/irc/lazy-line.js';
import { MemoryDedupStore } from '../src/memory/memory-dedup-store.js';
import type { PoolLine } from '../src/worker/types.js';

const W = 1_000;
const dedup = new EventDedup({ store: new MemoryDedupStore(), group: 'app:x', ttlMs: 60_000, windowMs: W });
const idless = (receivedAt: number, receiverId = 'w1/c1', channel: string | null = 'foo'): PoolLine => ({
  line: ':bob!bob@bob.tmi.twitch.tv JOIN #foo',
  receiverId,
  receivedAt,
  channel,
  command: 'JOIN',
  id: null,
});

describe('EventDedup keys', () => {
  it('uses the message id alone when there is one', () => {
    const line = { ...idless(5), id: 'abc' };
    expect(dedup.keysOf(line)).toEqual(['event:app:x:abc']);
    expect(dedup.keysOf({ ...line, receiverId: 'w9/c9', receivedAt: 99 })).toEqual(['event:app:x:abc']);
  });

  it('id-less: copies ≤ window apart share a key, copies ≥ 2 windows apart share none', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 5_000; i++) {
      const t = 1_700_000_000_000 + Math.floor(random() * 100_000);
      const near = t + Math.floor(random() * (W + 1));
      const far = t + 2 * W + Math.floor(random() * 3 * W);
      const keys = new Set(dedup.keysOf(idless(t)));
      expect(dedup.keysOf(idless(near, 'w2/c1')).some((k) => keys.has(k))).toBe(true);
      expect(dedup.keysOf(idless(far)).some((k) => keys.has(k))).toBe(false);
    }
  });

  it('puts the receiver into keys of connection-level lines only', () => {
    const ping = { ...idless(0, 'w1/c1', null), line: 'PING :tmi.twitch.tv', command: 'PING' };
    expect(dedup.keysOf(ping)[0]).toContain('w1/c1');
    expect(dedup.keysOf(idless(0))[0]).not.toContain('w1/c1');
  });

  it('admits exactly one of two racing copies', async () => {
    const store = new MemoryDedupStore();
    const d = new EventDedup({ store, group: 'g', ttlMs: 60_000, windowMs: W });
    for (let t = 0; t < 2_000; t += 37) {
      // A fresh line each round, so earlier rounds' claims do not interfere.
      const line = { ...idless(t), line: `:u${t}!u${t}@u${t}.tmi.twitch.tv JOIN #foo` };
      const copy = { ...line, receiverId: 'w2/c1', receivedAt: t + 500 };
      const results = await Promise.all([
        d.admit([{ line, entryId: `${t}-0` }]),
        d.admit([{ line: copy, entryId: `${t}-1` }]),
      ]);
      expect(results.flat().filter(Boolean)).toHaveLength(1);
      await new Promise((r) => setTimeout(r, 0));
    }
  });
});

describe('EventDedup batches', () => {
  it('admits one copy per line inside one batch and the same entry again on redelivery', async () => {
    const d = new EventDedup({ store: new MemoryDedupStore(), group: 'g', ttlMs: 60_000, windowMs: W });
    const a = { ...idless(1_000), line: ':u!u@u.tmi.twitch.tv JOIN #foo' };
    const b = { ...a, receiverId: 'w2/c1', receivedAt: 1_400 };
    expect(
      await d.admit([
        { line: a, entryId: '1-0' },
        { line: b, entryId: '1-1' },
      ]),
    ).toEqual([true, false]);
    // The winner's consumer died before acknowledging: its entry comes again and wins again;
    // the loser's copy comes again and loses again.
    expect(
      await d.admit([
        { line: b, entryId: '1-1' },
        { line: a, entryId: '1-0' },
      ]),
    ).toEqual([false, true]);
  });
});

describe('typesForCommand', () => {
  it('contains whatever parseChatEvent makes of a line with that command', () => {
    const lines = [
      '@badge-info=;badges=;bits=10;display-name=A;id=1;room-id=1;tmi-sent-ts=1;user-id=2 :a!a@a.tmi.twitch.tv PRIVMSG #foo :cheer10',
      '@id=1 :a!a@a.tmi.twitch.tv PRIVMSG #foo :hi',
      ':a!a@a.tmi.twitch.tv PRIVMSG foo',
      '@id=2;login=a;msg-id=sub;msg-param-sub-plan=1000;room-id=1;tmi-sent-ts=1;user-id=2 :tmi.twitch.tv USERNOTICE #foo',
      '@id=3;login=a;msg-id=brandnew;room-id=1;tmi-sent-ts=1;user-id=2 :tmi.twitch.tv USERNOTICE #foo',
      '@room-id=1;tmi-sent-ts=1 :tmi.twitch.tv CLEARCHAT #foo :bob',
      '@login=a;target-msg-id=x;tmi-sent-ts=1 :tmi.twitch.tv CLEARMSG #foo :hi',
      '@room-id=1;slow=0 :tmi.twitch.tv ROOMSTATE #foo',
      '@msg-id=msg_banned :tmi.twitch.tv NOTICE #foo :You are banned.',
      ':a!a@a.tmi.twitch.tv JOIN #foo',
      ':a!a@a.tmi.twitch.tv PART #foo',
      ':tmi.twitch.tv RECONNECT',
      ':tmi.twitch.tv HOSTTARGET #foo :bar 10',
      '@user-id=1 :tmi.twitch.tv GLOBALUSERSTATE',
      '@mod=0 :tmi.twitch.tv USERSTATE #foo',
      'PING :tmi.twitch.tv',
      ':tmi.twitch.tv 001 justinfan1 :Welcome',
      '',
    ];
    for (const line of lines) {
      const event = parseChatEvent(line, { receivedAt: 0, receiverId: 'r' });
      expect(typesForCommand(scanLine(line).command), line).toContain(event.type);
    }
  });
});
