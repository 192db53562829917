import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { scanLine } from '../src/irc/lazy-line.js';
import { parseIrcLine } from '../src/irc/parse.js';

// scanLine is the hot-path shortcut for parseIrcLine: both must read the same command, channel
// and id from every line, real or generated, well-formed or not.

const corpusFile = fileURLToPath(
  new URL('../../../../shared/data/twitch-chat-replay/channel.txt.gz', import.meta.url),
);
const haveCorpus = existsSync(corpusFile);
if (!haveCorpus) console.log(`replay corpus skipped: ${corpusFile} not found (outside the dev workspace)`);

function viaParser(line: string) {
  const msg = parseIrcLine(line);
  const first = msg.params[0];
  return {
    command: msg.command,
    channel: first !== undefined && first.length > 1 && first.startsWith('#') ? first.slice(1) : null,
    id: msg.tags['id'] ?? null,
  };
}

function viaScan(line: string) {
  const { command, channel, id } = scanLine(line);
  return { command, channel, id };
}

describe.skipIf(!haveCorpus)('scanLine vs parseIrcLine on the replay corpus', () => {
  it('agree on every line', () => {
    const lines = gunzipSync(readFileSync(corpusFile)).toString('utf8').split('\n').filter(Boolean);
    expect(lines).toHaveLength(5000);
    for (const line of lines) expect(viaScan(line), line).toEqual(viaParser(line));
  });
});

/** mulberry32: a seeded generator, so a failure names a seed that reproduces it. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = [
  'id',
  'id',
  'i',
  'idx',
  'xid',
  'target-msg-id',
  'reply-parent-msg-id',
  'user-id',
  'room-id',
  'mod',
  '',
];
const VALUE_CHARS = ['a', '1', '-', '\\s', '\\:', '\\\\', '\\', 'id=', '=', 'é', '👋', '#', '@'];
const TOKENS = [
  'PRIVMSG',
  'PING',
  'USERNOTICE',
  '001',
  '353',
  '#chan',
  '#',
  '#a',
  ':#chan',
  ':x y',
  ':',
  'id=1',
  ';id=2',
  '@id=3',
  '*',
];

function generateLine(next: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const spaces = () => ' '.repeat(1 + Math.floor(next() * 3));
  let line = '';
  if (next() < 0.7) {
    const tags: string[] = [];
    const count = Math.floor(next() * 5);
    for (let t = 0; t <= count; t++) {
      const key = pick(KEYS);
      const valueLength = Math.floor(next() * 4);
      let value = '';
      for (let v = 0; v < valueLength; v++) value += pick(VALUE_CHARS);
      tags.push(next() < 0.15 ? key : `${key}=${value}`);
    }
    line += `@${tags.join(';')}`;
    if (next() < 0.95) line += spaces();
  }
  if (next() < 0.6)
    line += `:${pick(['tmi.twitch.tv', 'a!a@a.tmi.twitch.tv', 'x'])}${next() < 0.95 ? spaces() : ''}`;
  const params = Math.floor(next() * 4);
  if (next() < 0.95) line += pick(TOKENS);
  for (let p = 0; p < params; p++) line += spaces() + pick(TOKENS);
  if (next() < 0.1) line += pick(['\r\n', '\n', '\r', ' ']);
  return line;
}

/** Arbitrary strings over the characters that matter to both parsers. */
function garbageLine(next: () => number): string {
  const alphabet = ['@', ':', ';', '=', ' ', '#', '\\', 'i', 'd', 'P', '\r', '\n', 'x'];
  let line = '';
  const length = Math.floor(next() * 24);
  for (let c = 0; c < length; c++) line += alphabet[Math.floor(next() * alphabet.length)];
  return line;
}

describe('scanLine vs parseIrcLine on generated lines', () => {
  it.each([1, 2, 3, 4])('agree on 5,000 structured lines (seed %i)', (seed) => {
    const next = rng(seed);
    for (let n = 0; n < 5000; n++) {
      const line = generateLine(next);
      expect(viaScan(line), JSON.stringify(line)).toEqual(viaParser(line));
    }
  });

  it.each([5, 6])('agree on 5,000 arbitrary strings, without throwing (seed %i)', (seed) => {
    const next = rng(seed);
    for (let n = 0; n < 5000; n++) {
      const line = garbageLine(next);
      expect(viaScan(line), JSON.stringify(line)).toEqual(viaParser(line));
    }
  });
});
