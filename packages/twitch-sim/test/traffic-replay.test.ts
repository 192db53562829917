import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { parseLine } from '../src/irc/index.js';
import { createReplaySource, type TrafficChannel, type TrafficKind } from '../src/traffic/index.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const dataFile = fileURLToPath(
  new URL('../../../../shared/data/twitch-chat-replay/channel.txt.gz', import.meta.url),
);
const haveData = existsSync(dataFile);
if (!haveData) console.log(`replay of real lines skipped: ${dataFile} not found (outside the dev workspace)`);

const TARGET: TrafficChannel = { login: 'target_chan', roomId: '424242' };
const T0 = 1_800_000_000_000;

/**
 * Puts the original values back into a re-stamped line; the result must equal the recorded line
 * byte for byte, which proves that nothing but id, tmi-sent-ts, room-id and the channel changed.
 */
function unstamp(stamped: string, original: string, newId: string | null, now: number): string {
  const o = parseLine(original);
  let s = stamped;
  if (newId !== null) s = s.replace(`id=${newId}`, `id=${o.tags['id']}`);
  s = s.replace(`tmi-sent-ts=${now}`, `tmi-sent-ts=${o.tags['tmi-sent-ts']}`);
  if (o.tags['room-id'] !== undefined)
    s = s.replace(`room-id=${TARGET.roomId}`, `room-id=${o.tags['room-id']}`);
  return s.replace(` #${TARGET.login}`, ` ${o.params[0]}`);
}

describe.skipIf(!haveData)('replay of the recorded #xqcow lines', () => {
  const recorded = haveData
    ? gunzipSync(readFileSync(dataFile))
        .toString('utf8')
        .split(/\r?\n/)
        .filter((l) => l !== '')
    : [];
  const source = haveData ? createReplaySource({ file: dataFile, channel: TARGET, seed: 3 }) : undefined;

  it('keeps all 5,000 lines', () => {
    expect(recorded).toHaveLength(5000);
    expect(source!.size).toBe(5000);
    expect(source!.skipped.size).toBe(0);
  });

  it('re-stamps id, tmi-sent-ts, room-id and channel and keeps every other byte', () => {
    const kinds = new Map<TrafficKind, number>();
    const problems: string[] = [];
    const ids = new Set<string>();
    for (let i = 0; i < recorded.length; i++) {
      const now = T0 + i;
      const out = source!.next(now);
      const original = recorded[i]!;
      kinds.set(out.kind, (kinds.get(out.kind) ?? 0) + 1);
      const m = parseLine(out.line);
      const o = parseLine(original);
      const ok =
        out.channel === TARGET.login &&
        m.params[0] === `#${TARGET.login}` &&
        m.tags['tmi-sent-ts'] === String(now) &&
        (o.tags['room-id'] === undefined || m.tags['room-id'] === TARGET.roomId) &&
        (o.tags['id'] === undefined
          ? out.id === null
          : out.id === m.tags['id'] && UUID_V4.test(out.id!) && out.id !== o.tags['id']) &&
        unstamp(out.line, original, out.id, now) === original;
      if (!ok && problems.length < 5) problems.push(`${out.line}\n  from ${original}`);
      if (out.id) ids.add(out.id);
    }
    expect(problems).toEqual([]);
    expect(Object.fromEntries(kinds)).toEqual({ privmsg: 4933, clearchat: 58, usernotice: 9 });
    expect(ids.size).toBe(4942);
  });

  it('loops when the recording is exhausted', () => {
    const s = createReplaySource({ file: dataFile, channel: TARGET });
    let first = '';
    for (let i = 0; i < 5000; i++) {
      const line = s.next(T0).line;
      if (i === 0) first = line;
    }
    const again = s.next(T0);
    expect(again.kind).toBe('privmsg');
    expect(unstamp(again.line, recorded[0]!, again.id, T0)).toBe(recorded[0]);
    expect(again.id).not.toBe(parseLine(first).tags['id']);
  });

  it('spreads the lines over channels by popularity', () => {
    const channels = Array.from({ length: 30 }, (_, i) => ({ login: `c${i}`, roomId: String(100 + i) }));
    const s = createReplaySource({ file: dataFile, channels, seed: 5 });
    const counts = new Map<string, number>();
    for (let i = 0; i < 20_000; i++) {
      const out = s.next(T0);
      counts.set(out.channel, (counts.get(out.channel) ?? 0) + 1);
      if (i < 200) {
        const m = parseLine(out.line);
        expect(m.params[0]).toBe(`#${out.channel}`);
        if (m.tags['room-id'] !== undefined)
          expect(m.tags['room-id']).toBe(String(100 + Number(out.channel.slice(1))));
      }
    }
    expect(counts.size).toBe(30);
    const sorted = [...counts.values()].sort((a, b) => a - b);
    expect(counts.get('c0')!).toBeGreaterThan(5 * sorted[15]!);
  });
});

describe('replay of given lines', () => {
  const lines = [
    '@badge-info=;badges=turbo/1;color=#0D4200;display-name=ronni;emotes=25:0-4,12-16/1902:6-10;id=b34ccfc7-4977-403a-8a94-33c6bac34fb8;mod=0;room-id=1337;subscriber=0;tmi-sent-ts=1507246572675;turbo=1;user-id=1337;user-type=global_mod :ronni!ronni@ronni.tmi.twitch.tv PRIVMSG #ronni :Kappa Keepo Kappa',
    '@login=ronni;room-id=;target-msg-id=abc-123-def;tmi-sent-ts=1642720582342 :tmi.twitch.tv CLEARMSG #dallas :HeyGuys',
    ':bar!bar@bar.tmi.twitch.tv JOIN #twitchdev',
    'PING :tmi.twitch.tv',
    '',
    '@slow=10 :tmi.twitch.tv ROOMSTATE #dallas',
    ':tmi.twitch.tv 421 someone WHO :Unknown command',
  ];

  it('re-stamps each kind and drops what it cannot replay', () => {
    const s = createReplaySource({ lines, channel: TARGET, seed: 1 });
    expect(s.size).toBe(4);
    expect(Object.fromEntries(s.skipped)).toEqual({
      'command PING is not replayed': 1,
      'command 421 is not replayed': 1,
    });
    const privmsg = s.next(5);
    expect(privmsg.line).toMatch(
      /^@badge-info=;badges=turbo\/1;color=#0D4200;display-name=ronni;emotes=25:0-4,12-16\/1902:6-10;id=[0-9a-f-]{36};mod=0;room-id=424242;subscriber=0;tmi-sent-ts=5;turbo=1;user-id=1337;user-type=global_mod :ronni!ronni@ronni\.tmi\.twitch\.tv PRIVMSG #target_chan :Kappa Keepo Kappa$/,
    );
    expect(s.next(6)).toEqual({
      channel: TARGET.login,
      kind: 'clearmsg',
      line: '@login=ronni;room-id=424242;target-msg-id=abc-123-def;tmi-sent-ts=6 :tmi.twitch.tv CLEARMSG #target_chan :HeyGuys',
      id: null,
    });
    expect(s.next(7).line).toBe(':bar!bar@bar.tmi.twitch.tv JOIN #target_chan');
    expect(s.next(8).line).toBe('@slow=10 :tmi.twitch.tv ROOMSTATE #target_chan');
    expect(s.next(9).kind).toBe('privmsg');
  });

  const dir = mkdtempSync(join(tmpdir(), 'traffic-replay-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a plain file', () => {
    const file = join(dir, 'lines.txt');
    writeFileSync(file, lines.join('\r\n'));
    expect(createReplaySource({ file, channel: TARGET }).size).toBe(4);
  });

  it('rejects missing input, channels and empty recordings', () => {
    expect(() => createReplaySource({ channel: TARGET })).toThrow(RangeError);
    expect(() => createReplaySource({ lines })).toThrow(RangeError);
    expect(() => createReplaySource({ lines: ['PING :x'], channel: TARGET })).toThrow(/no replayable lines/);
    expect(() => createReplaySource({ file: join(dir, 'missing.gz'), channel: TARGET })).toThrow(/ENOENT/);
  });
});
