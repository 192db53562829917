import { describe, expect, it } from 'vitest';
import {
  type ChatEvent,
  type ChatEventMap,
  EVENT_TYPES,
  eventTypesFor,
  isChatEventType,
} from '../src/events/chat-event.js';
import { parseChatEvent } from '../src/events/parse-chat-event.js';

const META = { receivedAt: 7, receiverId: 'r' };

function parseAs<K extends keyof ChatEventMap>(type: K, line: string): ChatEventMap[K] {
  const event: ChatEvent = parseChatEvent(line, META);
  expect(event.type).toBe(type);
  return event as ChatEventMap[K];
}

describe('WHISPER, RECONNECT, HOSTTARGET', () => {
  it('whisper (real line from twitch-irc-rs whisper.rs)', () => {
    const e = parseAs(
      'whisper',
      '@badges=;color=#19E6E6;display-name=randers;emotes=25:22-26;message-id=1;thread-id=40286300_553170741;turbo=0;user-id=40286300;user-type= :randers!randers@randers.tmi.twitch.tv WHISPER randers811 :hello, this is a test Kappa',
    );
    expect(e).toMatchObject({
      recipientLogin: 'randers811',
      text: 'hello, this is a test Kappa',
      isAction: false,
      messageId: '1',
      threadId: '40286300_553170741',
      emotes: [{ id: '25', start: 22, end: 26, code: 'Kappa' }],
    });
    expect(e.user).toMatchObject({ id: '40286300', login: 'randers', color: '#19E6E6' });
  });

  it('reconnect', () => {
    expect(parseAs('reconnect', ':tmi.twitch.tv RECONNECT')).toMatchObject({
      raw: ':tmi.twitch.tv RECONNECT',
    });
  });

  it('legacy hosttarget, start and stop (tmi.js test lines)', () => {
    expect(parseAs('hosttarget', ':tmi.twitch.tv HOSTTARGET #schmoopiie :schmoopiie 3')).toMatchObject({
      channel: 'schmoopiie',
      targetLogin: 'schmoopiie',
      viewerCount: 3,
    });
    expect(parseAs('hosttarget', ':tmi.twitch.tv HOSTTARGET #schmoopiie :- 0')).toMatchObject({
      targetLogin: null,
      viewerCount: 0,
    });
  });
});

describe('raw', () => {
  it('lines without a typed event are raw without error', () => {
    expect(parseAs('raw', 'PING :tmi.twitch.tv')).toMatchObject({
      command: 'PING',
      params: ['tmi.twitch.tv'],
      source: null,
      channel: null,
      error: null,
    });
    expect(parseAs('raw', ':tmi.twitch.tv 001 twitchdev :Welcome, GLHF!')).toMatchObject({
      command: '001',
      error: null,
    });
    expect(parseAs('raw', ':bar.tmi.twitch.tv 366 bar #twitchdev :End of /NAMES list').command).toBe('366');
    expect(
      parseAs('raw', ':tmi.twitch.tv CAP * ACK :twitch.tv/membership twitch.tv/tags twitch.tv/commands'),
    ).toMatchObject({
      command: 'CAP',
      params: ['*', 'ACK', 'twitch.tv/membership twitch.tv/tags twitch.tv/commands'],
    });
    expect(parseAs('raw', ':jtv MODE #chan +o user').channel).toBe('chan');
  });

  it('malformed lines become raw with an error and keep the line; nothing throws', () => {
    const inputs = [
      '',
      ' ',
      '@',
      '@a=b',
      ':prefix',
      '\r\n',
      '@id=x;bits=12 ',
      ':a!a@a PRIVMSG',
      ':x WHISPER bob',
      'USERSTATE',
    ];
    for (const line of inputs) {
      const e = parseChatEvent(line, META);
      expect(e.type, JSON.stringify(line)).toBe('raw');
      expect(e.raw).toBe(line);
      if (e.type === 'raw') expect(e.error, JSON.stringify(line)).toBeTypeOf('string');
    }
  });

  it('never throws on arbitrary strings', () => {
    const alphabet = ['@', ':', ';', '=', ' ', '#', '\\', 'a', '1', '-', '/', ',', '\x01', '👋'];
    const commands = [
      'PRIVMSG',
      'USERNOTICE',
      'CLEARCHAT',
      'CLEARMSG',
      'ROOMSTATE',
      'NOTICE',
      'WHISPER',
      'HOSTTARGET',
    ];
    let seed = 42;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const noise = (n: number) =>
      Array.from({ length: n }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
    for (let i = 0; i < 3000; i++) {
      const command = commands[Math.floor(next() * commands.length)];
      const line = `@${noise(12)} :${noise(4)} ${command} ${noise(10)}`;
      const e = parseChatEvent(line, META);
      expect(e.raw).toBe(line);
      if (e.type === 'raw') expect(e.error ?? '').not.toMatch(/parser bug/);
    }
  });
});

describe('EVENT_TYPES, ChatEventMap, eventTypesFor', () => {
  it('lists every subscribable name once, cheer included', () => {
    expect(new Set(EVENT_TYPES).size).toBe(EVENT_TYPES.length);
    expect(EVENT_TYPES).toHaveLength(28);
    expect(EVENT_TYPES).toContain('cheer');
    expect(Object.isFrozen(EVENT_TYPES)).toBe(true);
    expect(isChatEventType('subgift')).toBe(true);
    expect(isChatEventType('toString')).toBe(false);
  });

  it('eventTypesFor gives each event its own type, and cheer only for bits > 0', () => {
    const join = parseChatEvent(':a!a@a JOIN #c', META);
    expect(eventTypesFor(join)).toEqual(['join']);
    expect(eventTypesFor(parseChatEvent('@bits=0 :a!a@a PRIVMSG #c :x', META))).toEqual(['message']);
    expect(eventTypesFor(parseChatEvent('@bits=5 :a!a@a PRIVMSG #c :x', META))).toEqual(['message', 'cheer']);
  });

  it('supports a typed on(type, handler) API', () => {
    const handlers = new Map<keyof ChatEventMap, ((e: ChatEvent) => void)[]>();
    const on = <K extends keyof ChatEventMap>(type: K, handler: (e: ChatEventMap[K]) => void) => {
      const list = handlers.get(type) ?? [];
      // Sound: dispatch below only hands a handler the events eventTypesFor files under its name.
      list.push(handler as (e: ChatEvent) => void);
      handlers.set(type, list);
    };
    const seen: string[] = [];
    on('cheer', (e) => {
      const bits: number = e.bits; // a CheerEvent's bits are never null
      seen.push(`cheer ${bits}`);
    });
    on('message', (e) => seen.push(`message ${e.text}`));
    const event = parseChatEvent('@bits=5 :a!a@a PRIVMSG #c :hi', META);
    for (const type of eventTypesFor(event)) {
      for (const handler of handlers.get(type) ?? []) handler(event);
    }
    expect(seen).toEqual(['message hi', 'cheer 5']);
  });

  it('passes the envelope through to every event', () => {
    const e = parseChatEvent(':tmi.twitch.tv RECONNECT', { receivedAt: 123, receiverId: 'node-1.abcde.2' });
    expect(e).toMatchObject({ receivedAt: 123, receiverId: 'node-1.abcde.2', tags: {} });
  });
});
