import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { formatMessage, type IrcMessage, parseLine } from '../src/irc/index.js';

const dataDir = fileURLToPath(new URL('../../../../shared/data/ircdocs-parser-tests/', import.meta.url));
const haveData = existsSync(dataDir);
if (!haveData) console.log(`ircdocs vectors skipped: ${dataDir} not found (outside the dev workspace)`);

interface Atoms {
  tags?: Record<string, string | null>;
  source?: string;
  verb: string;
  params?: string[];
}

function normalise(atoms: Atoms): IrcMessage {
  const tags: Record<string, string> = {};
  for (const [k, v] of Object.entries(atoms.tags ?? {})) tags[k] = v ?? '';
  return { tags, source: atoms.source ?? null, command: atoms.verb, params: atoms.params ?? [] };
}

function load<T>(file: string): T[] {
  return (parseYaml(readFileSync(dataDir + file, 'utf8')) as { tests: T[] }).tests;
}

describe.skipIf(!haveData)('ircdocs parser-tests', () => {
  const split = haveData ? load<{ input: string; atoms: Atoms }>('msg-split.yaml') : [];
  it('has the 35 msg-split cases', () => expect(split.length).toBe(35));
  it.each(split.map((t) => [t.input, t] as const))('splits %s', (_input, t) => {
    expect(parseLine(t.input)).toEqual(normalise(t.atoms));
  });

  const join = haveData ? load<{ desc: string; atoms: Atoms; matches: string[] }>('msg-join.yaml') : [];
  it.each(join.map((t) => [t.desc, t] as const))('joins: %s', (_desc, t) => {
    const line = formatMessage(normalise(t.atoms));
    // Tag order is free, so compare what the line parses back to.
    expect(t.matches.map((m) => parseLine(m))).toContainEqual(parseLine(line));
  });
});

describe('parseLine on Twitch lines', () => {
  it('keeps escaped tag values and the trailing param', () => {
    const m = parseLine(
      '@badge-info=;system-msg=ronni\\shas\\ssubscribed;emotes=25:0-4 :tmi.twitch.tv USERNOTICE #dallas :Great stream -- keep it up!',
    );
    expect(m.tags['system-msg']).toBe('ronni has subscribed');
    expect(m.tags['badge-info']).toBe('');
    expect(m.params).toEqual(['#dallas', 'Great stream -- keep it up!']);
  });

  it('rejects a line with no command', () => {
    expect(() => parseLine('@a=b ')).toThrow(/no command/);
    expect(() => parseLine('')).toThrow(/no command/);
  });
});

describe('codec properties', () => {
  const tagKey = fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/);
  const tagValue = fc.string({ maxLength: 20 }).filter((s) => !s.includes('\0'));
  const middle = fc.stringMatching(/^[^\s:\0][^\s\0]{0,10}$/);
  const trailing = fc.string({ maxLength: 30 }).filter((s) => !/[\r\n\0]/.test(s));

  it('format → parse is the identity', () => {
    fc.assert(
      fc.property(
        fc.dictionary(tagKey, tagValue, { maxKeys: 6 }),
        fc.option(fc.stringMatching(/^[a-z][a-z0-9!@.]{0,15}$/), { nil: null }),
        fc.stringMatching(/^[A-Z]{1,10}$/),
        fc.array(middle, { maxLength: 4 }),
        fc.option(trailing, { nil: undefined }),
        (tags, source, command, mids, trail) => {
          const params = trail === undefined ? mids : [...mids, trail];
          const msg: IrcMessage = { tags, source, command, params };
          expect(parseLine(formatMessage(msg))).toEqual(msg);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never throws anything but IrcParseError on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        try {
          parseLine(s);
        } catch (err) {
          expect((err as Error).name).toBe('IrcParseError');
        }
      }),
      { numRuns: 5000 },
    );
  });
});
