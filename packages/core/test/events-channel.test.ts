import { describe, expect, it } from 'vitest';
import type { ChatEvent, ChatEventMap } from '../src/events/chat-event.js';
import { parseChatEvent } from '../src/events/parse-chat-event.js';

// Twitch's documented lines (reference/twitch-irc.md §1.2, §1.3, §1.6).
const META = { receivedAt: 5, receiverId: 'r' };

function parseAs<K extends keyof ChatEventMap>(type: K, line: string): ChatEventMap[K] {
  const event: ChatEvent = parseChatEvent(line, META);
  expect(event.type).toBe(type);
  return event as ChatEventMap[K];
}

describe('CLEARCHAT', () => {
  it('whole chat', () => {
    const e = parseAs(
      'clearchat',
      '@room-id=12345678;tmi-sent-ts=1642715695392 :tmi.twitch.tv CLEARCHAT #dallas',
    );
    expect(e).toMatchObject({
      action: 'clear',
      channel: 'dallas',
      roomId: '12345678',
      targetLogin: null,
      targetUserId: null,
      durationSeconds: null,
      sentAt: 1642715695392,
    });
  });

  it('permanent ban', () => {
    const e = parseAs(
      'clearchat',
      '@room-id=12345678;target-user-id=87654321;tmi-sent-ts=1642715756806 :tmi.twitch.tv CLEARCHAT #dallas :ronni',
    );
    expect(e).toMatchObject({
      action: 'ban',
      targetLogin: 'ronni',
      targetUserId: '87654321',
      durationSeconds: null,
    });
  });

  it('timeout with its duration as a number', () => {
    const e = parseAs(
      'clearchat',
      '@ban-duration=350;room-id=12345678;target-user-id=87654321;tmi-sent-ts=1642719320727 :tmi.twitch.tv CLEARCHAT #dallas :ronni',
    );
    expect(e).toMatchObject({ action: 'timeout', targetLogin: 'ronni', durationSeconds: 350 });
  });
});

describe('CLEARMSG', () => {
  it('deleted message, empty room-id as null', () => {
    const e = parseAs(
      'clearmsg',
      '@login=ronni;room-id=;target-msg-id=abc-123-def;tmi-sent-ts=1642720582342 :tmi.twitch.tv CLEARMSG #dallas :HeyGuys',
    );
    expect(e).toMatchObject({
      channel: 'dallas',
      roomId: null,
      targetMsgId: 'abc-123-def',
      login: 'ronni',
      text: 'HeyGuys',
      isAction: false,
      sentAt: 1642720582342,
    });
  });

  it('a deleted /me message, and one without target-msg-id is raw', () => {
    const e = parseAs('clearmsg', '@login=a;target-msg-id=x :tmi.twitch.tv CLEARMSG #c :\x01ACTION test\x01');
    expect(e).toMatchObject({ text: 'test', isAction: true });
    expect(parseChatEvent('@login=a :tmi.twitch.tv CLEARMSG #c :x', META)).toMatchObject({
      type: 'raw',
      error: 'CLEARMSG without target-msg-id',
    });
  });
});

describe('ROOMSTATE', () => {
  it('full state on join', () => {
    const e = parseAs(
      'roomstate',
      '@emote-only=0;followers-only=-1;r9k=0;room-id=141981764;slow=0;subs-only=0 :tmi.twitch.tv ROOMSTATE #twitchdev',
    );
    expect(e).toMatchObject({
      channel: 'twitchdev',
      roomId: '141981764',
      emoteOnly: false,
      followersOnlyMinutes: -1,
      r9k: false,
      slowSeconds: 0,
      subsOnly: false,
    });
  });

  it('a change carries only the changed key', () => {
    const e = parseAs('roomstate', '@slow=10 :tmi.twitch.tv ROOMSTATE #dallas');
    expect(e.slowSeconds).toBe(10);
    expect(e.roomId).toBeNull();
    for (const key of ['emoteOnly', 'followersOnlyMinutes', 'r9k', 'subsOnly'])
      expect(key in e, key).toBe(false);
  });
});

describe('NOTICE', () => {
  it('with msg-id and channel', () => {
    expect(
      parseAs(
        'notice',
        '@msg-id=delete_message_success :tmi.twitch.tv NOTICE #bar :The message from foo is now deleted.',
      ),
    ).toMatchObject({
      msgId: 'delete_message_success',
      channel: 'bar',
      text: 'The message from foo is now deleted.',
    });
  });

  it('connection-wide, without tags', () => {
    expect(parseAs('notice', ':tmi.twitch.tv NOTICE * :Login authentication failed')).toMatchObject({
      msgId: null,
      channel: null,
      text: 'Login authentication failed',
    });
  });
});

describe('USERSTATE / GLOBALUSERSTATE', () => {
  it('USERSTATE', () => {
    const e = parseAs(
      'userstate',
      '@badge-info=;badges=staff/1;color=#0D4200;display-name=ronni;emote-sets=0,33,50,237,793,2126,3517,4578,5569,9400,10337,12239;mod=1;subscriber=1;turbo=1;user-type=staff :tmi.twitch.tv USERSTATE #dallas',
    );
    expect(e).toMatchObject({
      channel: 'dallas',
      id: null,
      displayName: 'ronni',
      color: '#0D4200',
      badges: { staff: '1' },
      isMod: true,
      isSubscriber: true,
      isBroadcaster: false,
      userType: 'staff',
    });
    expect(e.emoteSets).toHaveLength(12);
  });

  it("USERSTATE after the bot's own message carries that message's id", () => {
    const e = parseAs(
      'userstate',
      '@badges=;display-name=bar;id=sent-1;mod=0 :tmi.twitch.tv USERSTATE #twitchdev',
    );
    expect(e.id).toBe('sent-1');
    expect(e.emoteSets).toEqual([]);
  });

  it('GLOBALUSERSTATE', () => {
    const e = parseAs(
      'globaluserstate',
      '@badge-info=subscriber/8;badges=subscriber/6;color=#0D4200;display-name=dallas;emote-sets=0,33,50,237,793,2126,3517,4578,5569,9400,10337,12239;turbo=0;user-id=12345678;user-type=admin :tmi.twitch.tv GLOBALUSERSTATE',
    );
    expect(e).toMatchObject({
      userId: '12345678',
      displayName: 'dallas',
      badgeInfo: { subscriber: '8' },
      badges: { subscriber: '6' },
      userType: 'admin',
    });
  });
});

describe('JOIN / PART', () => {
  it('reads login and channel from membership lines', () => {
    expect(parseAs('join', ':bar!bar@bar.tmi.twitch.tv JOIN #twitchdev')).toMatchObject({
      login: 'bar',
      channel: 'twitchdev',
    });
    expect(parseAs('part', ':bar!bar@bar.tmi.twitch.tv PART #twitchdev')).toMatchObject({
      login: 'bar',
      channel: 'twitchdev',
    });
  });

  it('JOIN without a sender or channel is raw with an error', () => {
    expect(parseChatEvent('JOIN #a', META)).toMatchObject({ type: 'raw', error: 'JOIN without a sender' });
    expect(parseChatEvent(':a!a@a JOIN', META)).toMatchObject({
      type: 'raw',
      error: 'JOIN without a #channel',
    });
  });
});
