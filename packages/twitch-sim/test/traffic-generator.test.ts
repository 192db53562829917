import { describe, expect, it } from 'vitest';
import { type IrcMessage, parseLine } from '../src/irc/index.js';
import {
  createTrafficGenerator,
  DEFAULT_MIX,
  TRAFFIC_KINDS,
  type TrafficChannel,
  type TrafficKind,
  type TrafficLine,
} from '../src/traffic/index.js';
import { TextBuilder } from '../src/traffic/text.js';
import { GLOBAL_EMOTES } from '../src/traffic/vocab.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const T0 = 1_700_000_000_000;

function channelList(n: number): TrafficChannel[] {
  return Array.from({ length: n }, (_, i) => ({ login: `chan_${i}`, roomId: String(50_000 + i) }));
}

/** A mix where every kind is frequent enough to be checked in a few thousand lines. */
const EVEN_MIX = {
  privmsg: 0.5,
  usernotice: 0.12,
  clearchat: 0.08,
  clearmsg: 0.08,
  roomstate: 0.05,
  notice: 0.05,
  join: 0.06,
  part: 0.06,
};

function generate(
  n: number,
  opts: { seed?: number; channels?: number; mix?: Partial<typeof EVEN_MIX> } = {},
) {
  const channels = channelList(opts.channels ?? 40);
  const gen = createTrafficGenerator({ seed: opts.seed ?? 1, channels, mix: opts.mix ?? EVEN_MIX });
  const out: { t: TrafficLine; m: IrcMessage; now: number }[] = [];
  for (let i = 0; i < n; i++) {
    const now = T0 + i * 7;
    const t = gen.next(now);
    out.push({ t, m: parseLine(t.line), now });
  }
  return { channels, out };
}

const PRIVMSG_TAGS = [
  'badge-info',
  'badges',
  'color',
  'display-name',
  'emotes',
  'first-msg',
  'flags',
  'id',
  'mod',
  'returning-chatter',
  'room-id',
  'subscriber',
  'tmi-sent-ts',
  'turbo',
  'user-id',
  'user-type',
];
const USERNOTICE_TAGS = [
  'badge-info',
  'badges',
  'color',
  'display-name',
  'emotes',
  'flags',
  'id',
  'login',
  'mod',
  'msg-id',
  'room-id',
  'subscriber',
  'system-msg',
  'tmi-sent-ts',
  'user-id',
  'user-type',
];
const USERNOTICE_PARAMS: Record<string, string[]> = {
  sub: ['cumulative-months', 'months', 'should-share-streak', 'sub-plan', 'sub-plan-name'],
  resub: ['cumulative-months', 'months', 'should-share-streak', 'sub-plan', 'sub-plan-name'],
  subgift: [
    'gift-months',
    'months',
    'origin-id',
    'recipient-display-name',
    'recipient-id',
    'recipient-user-name',
    'sender-count',
    'sub-plan',
    'sub-plan-name',
  ],
  submysterygift: ['mass-gift-count', 'origin-id', 'sender-count', 'sub-plan'],
  raid: ['displayName', 'login', 'profileImageURL', 'viewerCount'],
  announcement: ['color'],
};
const REPLY_TAGS = [
  'reply-parent-display-name',
  'reply-parent-msg-body',
  'reply-parent-msg-id',
  'reply-parent-user-id',
  'reply-parent-user-login',
  'reply-thread-parent-display-name',
  'reply-thread-parent-msg-id',
  'reply-thread-parent-user-id',
  'reply-thread-parent-user-login',
];
const MODE_KEYS = ['emote-only', 'followers-only', 'r9k', 'slow', 'subs-only'];
const NOTICE_TEXT: Record<string, RegExp> = {
  slow_on: /^This room is now in slow mode\. You may send messages every \d+ seconds\.$/,
  slow_off: /^This room is no longer in slow mode\.$/,
  emote_only_on: /^This room is now in emote-only mode\.$/,
  emote_only_off: /^This room is no longer in emote-only mode\.$/,
  followers_on: /^This room is now in \d+ minutes followers-only mode\.$/,
  followers_on_zero: /^This room is now in followers-only mode\.$/,
  followers_off: /^This room is no longer in followers-only mode\.$/,
  subs_on: /^This room is now in subscribers-only mode\.$/,
  subs_off: /^This room is no longer in subscribers-only mode\.$/,
};

/**
 * Collects failed checks so a loop over 20,000 lines makes one assertion (vitest's `expect` per
 * line made the suite ten times slower) while still naming the failing line.
 */
class Problems {
  readonly list: string[] = [];
  check(ok: boolean, what: string, line: string): void {
    if (!ok && this.list.length < 10) this.list.push(`${what}: ${line}`);
  }
}

/** The raw `key=value` atoms of a line's tags, in wire order. */
function rawTags(line: string): string[] {
  return line.startsWith('@') ? line.slice(1, line.indexOf(' ')).split(';') : [];
}

/** The message text the `emotes` ranges index into (a `/me` counts from after `ACTION `). */
function emoteText(m: IrcMessage): string {
  const text = m.params[1] ?? '';
  return text.startsWith('\x01ACTION ') && text.endsWith('\x01') ? text.slice(8, -1) : text;
}

function emoteRanges(tag: string): { id: string; start: number; end: number }[] {
  if (!tag) return [];
  return tag.split('/').flatMap((part) => {
    const [id, ranges] = part.split(':') as [string, string];
    return ranges.split(',').map((r) => {
      const [s, e] = r.split('-').map(Number) as [number, number];
      return { id, start: s, end: e };
    });
  });
}

describe('generated lines', () => {
  const { channels, out } = generate(20_000);
  const roomOf = new Map(channels.map((c) => [c.login, c.roomId]));
  const byKind = (kind: TrafficKind) => out.filter((o) => o.t.kind === kind);

  it('produces every kind', () => {
    for (const kind of TRAFFIC_KINDS) expect(byKind(kind).length, kind).toBeGreaterThan(100);
  });

  it('are single lines whose tags are written as Twitch writes them', () => {
    const p = new Problems();
    for (const { t } of out) {
      p.check(!/[\r\n]/.test(t.line), 'CR or LF', t.line);
      const atoms = rawTags(t.line);
      // Twitch writes `key=` for an empty value and sorts by `key=` (msg-param-sub-plan-name first).
      p.check(
        atoms.every((a) => a.includes('=')),
        'bare key',
        t.line,
      );
      const keys = atoms.map((a) => a.slice(0, a.indexOf('=') + 1));
      p.check(keys.join(';') === [...keys].sort().join(';'), 'tag order', t.line);
    }
    expect(p.list).toEqual([]);
  });

  it('PRIVMSG carries Twitch tags, a fresh uuid, now and the room id', () => {
    const p = new Problems();
    const ids = new Set<string>();
    for (const { t, m, now } of byKind('privmsg')) {
      const tags = m.tags;
      const login = m.source!.split('!')[0]!;
      p.check(m.command === 'PRIVMSG', 'command', t.line);
      p.check(m.source === `${login}!${login}@${login}.tmi.twitch.tv`, 'source', t.line);
      p.check(m.params[0] === `#${t.channel}` && m.params.length === 2, 'params', t.line);
      for (const k of PRIVMSG_TAGS) p.check(k in tags, `missing ${k}`, t.line);
      p.check(UUID_V4.test(tags['id']!) && t.id === tags['id'], 'id', t.line);
      ids.add(t.id!);
      p.check(tags['tmi-sent-ts'] === String(now), 'tmi-sent-ts', t.line);
      p.check(tags['room-id'] === roomOf.get(t.channel), 'room-id', t.line);
      p.check(tags['display-name']!.toLowerCase() === login, 'display-name', t.line);
      p.check(tags['vip'] === undefined || tags['vip'] === '1', 'vip', t.line);
      p.check(tags['mod'] !== '1' || tags['user-type'] === 'mod', 'user-type', t.line);
      if (tags['bits'] !== undefined) {
        const cheers = [...(m.params[1] ?? '').matchAll(/\b[Cc]heer(\d+)\b/g)].map((x) => Number(x[1]));
        p.check(cheers.reduce((a, b) => a + b, 0) === Number(tags['bits']), 'bits', t.line);
      }
      if (tags['reply-parent-msg-id'] !== undefined) {
        for (const k of REPLY_TAGS) p.check(k in tags, `missing ${k}`, t.line);
        p.check(m.params[1]!.startsWith(`@${tags['reply-parent-display-name']} `), 'reply mention', t.line);
      }
    }
    expect(p.list).toEqual([]);
    expect(ids.size).toBe(byKind('privmsg').length);
  });

  it('has the variety of real chat', () => {
    const tags = byKind('privmsg').map((o) => o.m.tags);
    const texts = byKind('privmsg').map((o) => o.m.params[1] ?? '');
    expect(tags.some((t) => t['bits'] !== undefined)).toBe(true);
    expect(tags.some((t) => t['reply-parent-msg-id'] !== undefined)).toBe(true);
    expect(texts.some((t) => t.startsWith('\x01ACTION ') && t.endsWith('\x01'))).toBe(true);
    expect(tags.some((t) => t['first-msg'] === '1')).toBe(true);
    expect(tags.some((t) => t['vip'] === '1' && t['badges']!.startsWith('vip/1'))).toBe(true);
    expect(tags.some((t) => t['mod'] === '1' && t['badges']!.startsWith('moderator/1'))).toBe(true);
    expect(tags.some((t) => t['badges']!.startsWith('broadcaster/1'))).toBe(true);
    expect(tags.some((t) => /subscriber\/\d+.*premium\/1/.test(t['badges']!))).toBe(true);
    expect(tags.some((t) => /^subscriber\/\d+$/.test(t['badge-info']!) && t['subscriber'] === '1')).toBe(
      true,
    );
    expect(tags.some((t) => t['display-name'] !== t['display-name']!.toLowerCase())).toBe(true);
    expect(tags.some((t) => t['color'] === '')).toBe(true);
    expect(tags.some((t) => t['client-nonce'] !== undefined)).toBe(true);
  });

  it('keeps a chatter stable: one login, one user-id, display name and colour', () => {
    const seen = new Map<string, string>();
    for (const { m } of byKind('privmsg')) {
      const login = m.source!.split('!')[0]!;
      const identity = `${m.tags['user-id']}|${m.tags['display-name']}|${m.tags['color']}`;
      const prev = seen.get(login);
      if (prev !== undefined) expect(identity).toBe(prev);
      seen.set(login, identity);
    }
  });

  it('USERNOTICE carries the msg-param-* tags of its msg-id and an escaped system-msg', () => {
    const seen = new Set<string>();
    for (const { t, m, now } of byKind('usernotice')) {
      expect(m.command).toBe('USERNOTICE');
      expect(m.source).toBe('tmi.twitch.tv');
      expect(m.params[0]).toBe(`#${t.channel}`);
      for (const k of USERNOTICE_TAGS) expect(m.tags, `${k} in ${t.line}`).toHaveProperty(k);
      expect(m.tags['tmi-sent-ts']).toBe(String(now));
      expect(t.id).toBe(m.tags['id']);
      const msgId = m.tags['msg-id']!;
      seen.add(msgId);
      for (const p of USERNOTICE_PARAMS[msgId]!)
        expect(m.tags, `${p} in ${t.line}`).toHaveProperty(`msg-param-${p}`);
      if (msgId === 'resub') {
        expect(m.tags['msg-param-streak-months'] !== undefined).toBe(
          m.tags['msg-param-should-share-streak'] === '1',
        );
      }
      const systemMsg = m.tags['system-msg']!;
      if (msgId === 'announcement') {
        expect(systemMsg).toBe('');
        expect(m.params[1]).toBeTruthy();
      } else {
        expect(systemMsg).toContain(' ');
        expect(t.line).toContain(`system-msg=${systemMsg.replaceAll(' ', '\\s')};`);
      }
      if (msgId === 'raid') expect(systemMsg).toMatch(/^\d+ raiders from \S+ have joined!$/);
      if (msgId === 'subgift')
        expect(systemMsg).toContain(`sub to ${m.tags['msg-param-recipient-display-name']}!`);
    }
    expect([...seen].sort()).toEqual(Object.keys(USERNOTICE_PARAMS).sort());
  });

  it('CLEARCHAT clears the chat, bans or times out', () => {
    let whole = 0;
    let bans = 0;
    let timeouts = 0;
    for (const { t, m, now } of byKind('clearchat')) {
      expect(m.command).toBe('CLEARCHAT');
      expect(m.source).toBe('tmi.twitch.tv');
      expect(m.tags['room-id']).toBe(roomOf.get(t.channel));
      expect(m.tags['tmi-sent-ts']).toBe(String(now));
      expect(t.id).toBeNull();
      if (m.params.length === 1) {
        whole++;
        expect(Object.keys(m.tags).sort()).toEqual(['room-id', 'tmi-sent-ts']);
      } else {
        expect(m.tags['target-user-id']).toMatch(/^\d+$/);
        expect(m.params[1]).toMatch(/^[a-z0-9_]+$/);
        if (m.tags['ban-duration'] === undefined) bans++;
        else {
          timeouts++;
          expect(m.tags['ban-duration']).toMatch(/^\d+$/);
        }
      }
    }
    expect(whole).toBeGreaterThan(0);
    expect(bans).toBeGreaterThan(0);
    expect(timeouts).toBeGreaterThan(bans);
  });

  it('CLEARMSG, ROOMSTATE, NOTICE, JOIN and PART look like Twitch', () => {
    for (const { t, m } of byKind('clearmsg')) {
      expect(m.command).toBe('CLEARMSG');
      expect(Object.keys(m.tags)).toEqual(['login', 'room-id', 'target-msg-id', 'tmi-sent-ts']);
      expect(m.params).toHaveLength(2);
      expect(t.line).toContain(';room-id=;');
    }
    for (const { t, m } of byKind('roomstate')) {
      expect(m.command).toBe('ROOMSTATE');
      expect(m.params).toEqual([`#${t.channel}`]);
      const keys = Object.keys(m.tags);
      expect(keys).toHaveLength(2);
      expect(m.tags['room-id']).toBe(roomOf.get(t.channel));
      expect(MODE_KEYS).toContain(keys.find((k) => k !== 'room-id'));
    }
    for (const { t, m } of byKind('notice')) {
      expect(m.command).toBe('NOTICE');
      expect(Object.keys(m.tags)).toEqual(['msg-id']);
      expect(m.params[0]).toBe(`#${t.channel}`);
      expect(m.params[1]).toMatch(NOTICE_TEXT[m.tags['msg-id']!]!);
    }
    for (const kind of ['join', 'part'] as const) {
      for (const { t, m } of byKind(kind)) {
        expect(m.command).toBe(kind.toUpperCase());
        expect(t.line).toMatch(/^:([a-z0-9_]+)!\1@\1\.tmi\.twitch\.tv (JOIN|PART) #[a-z0-9_]+$/);
        expect(m.params).toEqual([`#${t.channel}`]);
      }
    }
  });

  it('replies and CLEARMSGs refer to messages sent earlier in the same channel', () => {
    const sent = new Map<string, { channel: string; text: string; login: string }>();
    let replies = 0;
    let deletes = 0;
    for (const { t, m } of out) {
      if (t.kind === 'privmsg') {
        const parentId = m.tags['reply-parent-msg-id'];
        if (parentId !== undefined) {
          replies++;
          const parent = sent.get(parentId);
          expect(parent?.channel).toBe(t.channel);
          expect(m.tags['reply-parent-msg-body']).toBe(parent?.text);
          expect(m.tags['reply-parent-user-login']).toBe(parent?.login);
          expect(sent.get(m.tags['reply-thread-parent-msg-id']!)?.channel).toBe(t.channel);
        }
        sent.set(t.id!, { channel: t.channel, text: emoteText(m), login: m.source!.split('!')[0]! });
      } else if (t.kind === 'clearmsg') {
        deletes++;
        const target = sent.get(m.tags['target-msg-id']!);
        expect(target?.channel).toBe(t.channel);
        expect(m.params[1]).toBe(target?.text);
        expect(m.tags['login']).toBe(target?.login);
      }
    }
    expect(replies).toBeGreaterThan(50);
    expect(deletes).toBeGreaterThan(100);
  });

  it('emote ranges slice the emote out of the text by code point', () => {
    const p = new Problems();
    const globalById = new Map(GLOBAL_EMOTES.map((e) => [e.id, e.text]));
    let withEmotes = 0;
    let emojiBefore = 0;
    for (const { t, m } of out) {
      if (t.kind !== 'privmsg' && t.kind !== 'usernotice') continue;
      const ranges = emoteRanges(m.tags['emotes'] ?? '');
      if (ranges.length === 0) continue;
      withEmotes++;
      const cps = [...emoteText(m)];
      const codeOf = new Map<string, string>();
      for (const r of ranges) {
        const code = cps.slice(r.start, r.end + 1).join('');
        // A whole word, the same code for every range of one id, the known code for global ids.
        p.check((cps[r.start - 1] ?? ' ') === ' ' && (cps[r.end + 1] ?? ' ') === ' ', 'not a word', t.line);
        p.check((codeOf.get(r.id) ?? code) === code, `one id, two codes (${code})`, t.line);
        codeOf.set(r.id, code);
        const known = globalById.get(r.id);
        p.check(
          known === undefined ? /^emotesv2_[0-9a-f]{32}$/.test(r.id) : code === known,
          `code ${code}`,
          t.line,
        );
        // Before an emoji (outside the BMP), UTF-16 offsets and code points disagree.
        if (cps.slice(0, r.start).join('').length !== r.start) emojiBefore++;
      }
    }
    expect(p.list).toEqual([]);
    expect(withEmotes).toBeGreaterThan(1000);
    expect(emojiBefore).toBeGreaterThan(20);
  });
});

describe('TextBuilder', () => {
  it('counts code points, not UTF-16 units, before an emote', () => {
    const b = new TextBuilder('😂 ');
    b.add({ text: 'Kappa', cp: 5 }, '25');
    b.add({ text: '🇩🇪', cp: 2 });
    b.add({ text: 'Kappa', cp: 5 }, '25');
    b.add({ text: 'Keepo', cp: 5 }, '1902');
    const { text, emotes } = b.finish();
    expect(text).toBe('😂 Kappa 🇩🇪 Kappa Keepo');
    expect(emotes).toBe('25:2-6,11-15/1902:17-21');
    expect([...text].slice(11, 16).join('')).toBe('Kappa');
  });
});

describe('determinism', () => {
  const run = (seed: number) => generate(3000, { seed, channels: 25 }).out.map((o) => o.t.line);

  it('gives the same lines for the same seed and times', () => {
    expect(run(42)).toEqual(run(42));
  });

  it('gives different lines for different seeds', () => {
    const a = run(1);
    const b = run(2);
    const same = a.filter((line, i) => line === b[i]).length;
    expect(same).toBeLessThan(a.length / 20);
  });
});

describe('channel popularity', () => {
  it('sends the top channel far more than the median channel, and reaches all', () => {
    const channels = channelList(200);
    const gen = createTrafficGenerator({ seed: 9, channels });
    const counts = new Map(channels.map((c) => [c.login, 0]));
    for (let i = 0; i < 50_000; i++) {
      const { channel } = gen.next(T0 + i);
      counts.set(channel, counts.get(channel)! + 1);
    }
    const sorted = [...counts.values()].sort((a, b) => a - b);
    const median = sorted[100]!;
    expect(counts.get('chan_0')!).toBeGreaterThan(20 * median);
    expect(sorted[0]!).toBeGreaterThan(0);
  });

  it('spreads evenly with exponent 0', () => {
    const channels = channelList(10);
    const gen = createTrafficGenerator({ seed: 9, channels, zipfExponent: 0 });
    const counts = new Map<string, number>();
    for (let i = 0; i < 20_000; i++) {
      const { channel } = gen.next(T0);
      counts.set(channel, (counts.get(channel) ?? 0) + 1);
    }
    for (const c of counts.values()) expect(Math.abs(c - 2000)).toBeLessThan(250);
  });
});

describe('mix', () => {
  const expectMix = (weights: Record<TrafficKind, number>, seed: number) => {
    const n = 50_000;
    const gen = createTrafficGenerator({ seed, channels: channelList(100), mix: weights });
    const counts = Object.fromEntries(TRAFFIC_KINDS.map((k) => [k, 0])) as Record<TrafficKind, number>;
    for (let i = 0; i < n; i++) counts[gen.next(T0 + i).kind]++;
    const total = TRAFFIC_KINDS.reduce((s, k) => s + weights[k], 0);
    for (const kind of TRAFFIC_KINDS) {
      const p = weights[kind] / total;
      // Five standard deviations plus a little slack for CLEARMSGs that fall back to chat early on.
      const tolerance = 5 * Math.sqrt((n * p * (1 - p)) / n ** 2) + 0.002;
      expect(Math.abs(counts[kind] / n - p), kind).toBeLessThan(tolerance);
    }
  };

  it('matches the default mix (about 97 % PRIVMSG)', () => expectMix({ ...DEFAULT_MIX }, 3));
  it('matches a custom mix', () => expectMix(EVEN_MIX, 4));

  it('turns a kind off with weight 0 and rejects bad weights', () => {
    const gen = createTrafficGenerator({ seed: 1, channels: channelList(3), mix: { join: 0, part: 0 } });
    for (let i = 0; i < 5000; i++) expect(['join', 'part']).not.toContain(gen.next(T0).kind);
    expect(gen.mix.join).toBe(0);
    expect(() => createTrafficGenerator({ seed: 1, channels: channelList(3), mix: { privmsg: -1 } })).toThrow(
      RangeError,
    );
  });
});

describe('options', () => {
  it('rejects bad channels and sizes', () => {
    expect(() => createTrafficGenerator({ seed: 1, channels: [] })).toThrow(RangeError);
    expect(() => createTrafficGenerator({ seed: 1, channels: [{ login: '#Bad', roomId: '1' }] })).toThrow(
      TypeError,
    );
    expect(() => createTrafficGenerator({ seed: 1, channels: [{ login: 'ok', roomId: 'x' }] })).toThrow(
      TypeError,
    );
    expect(() =>
      createTrafficGenerator({ seed: 1, channels: channelList(1), chattersPerChannel: 1 }),
    ).toThrow(RangeError);
  });
});
