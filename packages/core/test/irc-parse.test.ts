import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type IrcMessage, parseIrcLine } from '../src/irc/parse.js';
import { type IrcSource, parseSource } from '../src/irc/source.js';
import { unescapeTagValue } from '../src/irc/tag-escape.js';

// ircdocs/parser-tests (CC0), read from the shared data folder, not copied into the repo.
const dataDir = fileURLToPath(new URL('../../../../shared/data/ircdocs-parser-tests/', import.meta.url));
const haveData = existsSync(dataDir);
if (!haveData) console.log(`ircdocs vectors skipped: ${dataDir} not found (outside the dev workspace)`);

type Node = string | Node[] | { [key: string]: Node };

/**
 * Reads the YAML subset the ircdocs files use (block maps and lists, double-quoted or plain
 * scalars, comments). core cannot depend on the `yaml` package (it is not resolvable from
 * here and core takes no runtime deps), and this subset is a few lines.
 */
function readVectors(file: string): Record<string, Node>[] {
  const lines = readFileSync(dataDir + file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.trim().startsWith('#'))
    .map((l) => ({ indent: l.length - l.trimStart().length, text: l.trim() }));
  let i = 0;
  const scalar = (s: string): string =>
    s.startsWith('"')
      ? JSON.parse(s.replace(/\\x([0-9a-fA-F]{2})|\\(.)/g, (m, hex) => (hex ? `\\u00${hex}` : m)))
      : s;
  const block = (indent: number): Node => {
    const first = lines[i];
    if (first?.text.startsWith('- ') || first?.text === '-') {
      const list: Node[] = [];
      while (lines[i]?.indent === indent && lines[i]?.text.startsWith('-')) {
        const line = lines[i]!;
        const rest = line.text.slice(2);
        if (/^("[^"]*"|[^:]*)$/.test(rest)) {
          list.push(scalar(rest));
          i++;
        } else {
          // `- key: value` starts a map whose keys sit two columns deeper.
          line.indent += 2;
          line.text = rest;
          list.push(block(indent + 2));
        }
      }
      return list;
    }
    const map: Record<string, Node> = {};
    while (lines[i] !== undefined && lines[i]!.indent === indent && !lines[i]!.text.startsWith('- ')) {
      const text = lines[i]!.text;
      const m = /^("(?:[^"\\]|\\.)*"|[^:]+):\s*(.*)$/.exec(text)!;
      const key = scalar(m[1]!);
      i++;
      if (m[2] !== '') map[key] = scalar(m[2]!);
      else if (lines[i] && lines[i]!.indent >= indent) map[key] = block(lines[i]!.indent);
      else map[key] = '';
    }
    return map;
  };
  return (block(0) as { tests: Record<string, Node>[] }).tests;
}

interface SplitAtoms {
  tags?: Record<string, string>;
  source?: string;
  verb: string;
  params?: string[];
}

function sourceString(source: IrcSource | null): string | undefined {
  if (source === null) return undefined;
  return (
    source.nick +
    (source.user === null ? '' : `!${source.user}`) +
    (source.host === null ? '' : `@${source.host}`)
  );
}

function atomsOf(msg: IrcMessage): SplitAtoms {
  const atoms: SplitAtoms = { verb: msg.command };
  if (Object.keys(msg.tags).length > 0) atoms.tags = { ...msg.tags };
  const source = sourceString(msg.source);
  if (source !== undefined) atoms.source = source;
  if (msg.params.length > 0) atoms.params = msg.params;
  return atoms;
}

describe.skipIf(!haveData)('ircdocs msg-split vectors', () => {
  const cases = haveData ? readVectors('msg-split.yaml') : [];
  it('reads all 35 cases', () => expect(cases).toHaveLength(35));
  it.each(cases.map((c) => [c['input'] as string, c['atoms'] as unknown as SplitAtoms]))(
    'splits %j',
    (input, atoms) => {
      expect(atomsOf(parseIrcLine(input))).toEqual(atoms);
    },
  );
});

describe.skipIf(!haveData)('ircdocs userhost-split vectors', () => {
  const cases = haveData ? readVectors('userhost-split.yaml') : [];
  it('reads all 7 cases', () => expect(cases).toHaveLength(7));
  it.each(cases.map((c) => [c['source'] as string, c['atoms'] as Record<string, string>]))(
    'splits %j',
    (source, atoms) => {
      const got = parseSource(source);
      expect({ nick: got.nick, user: got.user ?? '', host: got.host ?? '' }).toEqual({
        nick: atoms['nick'] ?? '',
        user: atoms['user'] ?? '',
        host: atoms['host'] ?? '',
      });
    },
  );
});

describe('parseIrcLine', () => {
  it('splits a Twitch PRIVMSG', () => {
    const msg = parseIrcLine(
      '@badge-info=;badges=turbo/1;color=#0D4200;display-name=ronni;emotes=25:0-4,12-16/1902:6-10;id=b34ccfc7-4977-403a-8a94-33c6bac34fb8;mod=0;room-id=1337;subscriber=0;tmi-sent-ts=1507246572675;turbo=1;user-id=1337;user-type=global_mod :ronni!ronni@ronni.tmi.twitch.tv PRIVMSG #ronni :Kappa Keepo Kappa',
    );
    expect(msg.command).toBe('PRIVMSG');
    expect(msg.params).toEqual(['#ronni', 'Kappa Keepo Kappa']);
    expect(msg.source).toEqual({ nick: 'ronni', user: 'ronni', host: 'ronni.tmi.twitch.tv' });
    expect(msg.tags['emotes']).toBe('25:0-4,12-16/1902:6-10');
    expect(msg.tags['badge-info']).toBe('');
    expect(msg.tags['user-type']).toBe('global_mod');
  });

  it('parses PING without a prefix and a server PONG', () => {
    expect(parseIrcLine('PING :tmi.twitch.tv')).toEqual({
      tags: {},
      source: null,
      command: 'PING',
      params: ['tmi.twitch.tv'],
    });
    expect(parseIrcLine(':tmi.twitch.tv PONG tmi.twitch.tv :asd def').params).toEqual([
      'tmi.twitch.tv',
      'asd def',
    ]);
  });

  it('ignores one trailing CRLF', () => {
    expect(parseIrcLine(':tmi.twitch.tv RECONNECT\r\n').command).toBe('RECONNECT');
    expect(parseIrcLine('PRIVMSG #a :hi\r\n').params).toEqual(['#a', 'hi']);
    expect(parseIrcLine('@id=x\n').tags['id']).toBe('x');
  });

  it('returns command "" for lines without one, and never throws', () => {
    for (const line of ['', ' ', '@', '@a=b', '@a=b ', ':prefix', ':prefix   ', '@a :p', '\r\n', ':']) {
      expect(parseIrcLine(line).command, JSON.stringify(line)).toBe('');
    }
  });

  it('keeps tag keys that shadow Object.prototype names as ordinary keys', () => {
    const tags = parseIrcLine('@constructor=1;__proto__=2;toString=3 CMD').tags;
    expect(tags['constructor']).toBe('1');
    expect(Object.getOwnPropertyDescriptor(tags, '__proto__')?.value).toBe('2');
    expect(tags['toString']).toBe('3');
    expect(parseIrcLine('@a=1 CMD').tags['constructor']).toBeUndefined();
  });
});

describe('unescapeTagValue', () => {
  it.each([
    ['plain', 'plain'],
    ['a\\sb', 'a b'],
    ['a\\:b', 'a;b'],
    ['a\\\\b', 'a\\b'],
    ['a\\rb\\n', 'a\rb\n'],
    ['\\\\s', '\\s'],
    ['unknown\\b', 'unknownb'],
    ['trailing\\', 'trailing'],
    ['\\', ''],
    ['bla\\sbla\\bla', 'bla blabla'],
    ['15\\sraiders\\sfrom\\sTestChannel\\shave\\sjoined\\n!', '15 raiders from TestChannel have joined\n!'],
  ])('%j → %j', (escaped, plain) => {
    expect(unescapeTagValue(escaped)).toBe(plain);
  });
});
