import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseChatEvent } from '../src/events/parse-chat-event.js';

// 5,000 real lines from one busy channel (2019), gempir/go-twitch-irc test resources (MIT).
const corpusFile = fileURLToPath(
  new URL('../../../../shared/data/twitch-chat-replay/channel.txt.gz', import.meta.url),
);
const haveCorpus = existsSync(corpusFile);
if (!haveCorpus) console.log(`replay corpus skipped: ${corpusFile} not found (outside the dev workspace)`);

describe.skipIf(!haveCorpus)('replay corpus', () => {
  const lines = haveCorpus
    ? gunzipSync(readFileSync(corpusFile)).toString('utf8').split('\n').filter(Boolean)
    : [];

  it('types every line, with the documented counts', () => {
    expect(lines).toHaveLength(5000);
    const counts: Record<string, number> = {};
    for (const line of lines) {
      const e = parseChatEvent(line, { receivedAt: 0, receiverId: 'replay' });
      expect(e.type, line).not.toBe('raw');
      expect(e.raw).toBe(line);
      counts[e.type] = (counts[e.type] ?? 0) + 1;
    }
    // 4,933 PRIVMSG, 58 CLEARCHAT, and the 9 USERNOTICEs are 1 sub and 8 resubs.
    expect(counts).toEqual({ message: 4933, clearchat: 58, sub: 1, resub: 8 });
  });

  it('keeps typed fields sane on real traffic: ids, numbers, emote codes', () => {
    for (const line of lines) {
      const e = parseChatEvent(line, { receivedAt: 0, receiverId: 'replay' });
      if (e.type !== 'message') continue;
      expect(e.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(e.channel).toBe('xqcow');
      expect(Number.isInteger(e.sentAt)).toBe(true);
      // Twitch's ranges are right on real lines: every emote code is one word of the text.
      for (const emote of e.emotes) expect(emote.code, line).toMatch(/^\S+$/);
    }
  });
});
