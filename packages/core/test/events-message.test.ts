import { describe, expect, it } from 'vitest';
import type { ChatMessageEvent } from '../src/events/message.js';
import { eventTypesFor } from '../src/events/chat-event.js';
import { parseChatEvent } from '../src/events/parse-chat-event.js';

// Lines from Twitch's IRC docs (reference/twitch-irc.md §1.6) and real lines from
// twitch-irc-rs's tests (MIT; only the lines, which are Twitch's output).
const META = { receivedAt: 1_700_000_000_000, receiverId: 'host-a.x1y2z.0' };

const KAPPA =
  '@badge-info=;badges=turbo/1;color=#0D4200;display-name=ronni;emotes=25:0-4,12-16/1902:6-10;id=b34ccfc7-4977-403a-8a94-33c6bac34fb8;mod=0;room-id=1337;subscriber=0;tmi-sent-ts=1507246572675;turbo=1;user-id=1337;user-type=global_mod :ronni!ronni@ronni.tmi.twitch.tv PRIVMSG #ronni :Kappa Keepo Kappa';
const BITS =
  '@badge-info=;badges=staff/1,bits/1000;bits=100;color=;display-name=ronni;emotes=;id=b34ccfc7-4977-403a-8a94-33c6bac34fb8;mod=0;room-id=12345678;subscriber=0;tmi-sent-ts=1507246572675;turbo=1;user-id=12345678;user-type=staff :ronni!ronni@ronni.tmi.twitch.tv PRIVMSG #ronni :cheer100';
const REPLY =
  '@badge-info=;badges=;client-nonce=cd56193132f934ac71b4d5ac488d4bd6;color=;display-name=LeftSwing;emotes=;first-msg=0;flags=;id=5b4f63a9-776f-4fce-bf3c-d9707f52e32d;mod=0;reply-parent-display-name=Retoon;reply-parent-msg-body=hello;reply-parent-msg-id=6b13e51b-7ecb-43b5-ba5b-2bb5288df696;reply-parent-user-id=37940952;reply-parent-user-login=retoon;returning-chatter=0;room-id=37940952;subscriber=0;tmi-sent-ts=1673925983585;turbo=0;user-id=133651738;user-type= :leftswing!leftswing@leftswing.tmi.twitch.tv PRIVMSG #retoon :@Retoon yes';
const EMOJI =
  '@badge-info=subscriber/22;badges=moderator/1,subscriber/12;color=#19E6E6;display-name=randers;emotes=483:2-3,7-8,12-13;flags=;id=3695cb46-f70a-4d6f-a71b-159d434c45b5;mod=1;room-id=11148817;subscriber=1;tmi-sent-ts=1594557379272;turbo=0;user-id=40286300;user-type=mod :randers!randers@randers.tmi.twitch.tv PRIVMSG #pajlada :👉 <3 👉 <3 👉 <3';
const ACTION =
  '@badge-info=subscriber/22;badges=moderator/1,subscriber/12;color=#19E6E6;display-name=randers;emotes=25:0-4;flags=;id=d831d848-b7c7-4559-ae3a-2cb88f4dbfed;mod=1;room-id=11148817;subscriber=1;tmi-sent-ts=1594555275886;turbo=0;user-id=40286300;user-type=mod :randers!randers@randers.tmi.twitch.tv PRIVMSG #pajlada :\x01ACTION Kappa -tags\x01';
const OUT_OF_RANGE =
  '@badge-info=subscriber/3;badges=subscriber/3;color=#0000FF;display-name=Linkoping;emotes=25:44-48;flags=17-26:S.6;id=744f9c58-b180-4f46-bd9e-b515b5ef75c1;mod=0;room-id=188442366;subscriber=1;tmi-sent-ts=1566335866017;turbo=0;user-id=91673457;user-type= :linkoping!linkoping@linkoping.tmi.twitch.tv PRIVMSG #queenqarro :Då kan du begära skadestånd och förtal Kappa';

function message(line: string): ChatMessageEvent {
  const event = parseChatEvent(line, META);
  if (event.type !== 'message') throw new Error(`expected a message, got ${event.type}`);
  return event;
}

describe('PRIVMSG → message', () => {
  it("types Twitch's documented example", () => {
    const e = message(KAPPA);
    expect(e).toMatchObject({
      type: 'message',
      raw: KAPPA,
      receivedAt: META.receivedAt,
      receiverId: META.receiverId,
      channel: 'ronni',
      roomId: '1337',
      id: 'b34ccfc7-4977-403a-8a94-33c6bac34fb8',
      text: 'Kappa Keepo Kappa',
      isAction: false,
      bits: null,
      reply: null,
      sentAt: 1507246572675,
    });
    expect(e.user).toEqual({
      id: '1337',
      login: 'ronni',
      displayName: 'ronni',
      color: '#0D4200',
      badges: { turbo: '1' },
      badgeInfo: {},
      isMod: false,
      isVip: false,
      isSubscriber: false,
      isBroadcaster: false,
      isFirstMessage: false,
      isReturningChatter: false,
      userType: 'global_mod',
    });
    expect(e.emotes).toEqual([
      { id: '25', start: 0, end: 4, code: 'Kappa' },
      { id: '1902', start: 6, end: 10, code: 'Keepo' },
      { id: '25', start: 12, end: 16, code: 'Kappa' },
    ]);
    expect(e.tags['turbo']).toBe('1');
  });

  it('slices emotes by code points when emoji come first', () => {
    const e = message(EMOJI);
    expect(e.emotes.map((x) => x.code)).toEqual(['<3', '<3', '<3']);
    expect(e.emotes.map((x) => x.start)).toEqual([2, 7, 12]);
    expect(e.user).toMatchObject({ isMod: true, isSubscriber: true, badgeInfo: { subscriber: '22' } });
  });

  it('handles a surrogate pair right before the emote and an emote at the very end', () => {
    const line = '@emotes=25:2-6,8-12;id=x :a!a@a PRIVMSG #c :😀 Kappa Kappa';
    expect(message(line).emotes.map((x) => x.code)).toEqual(['Kappa', 'Kappa']);
  });

  it('keeps out-of-range emote ranges with what overlaps (twitchdev/issues#104)', () => {
    expect(message(OUT_OF_RANGE).emotes).toEqual([{ id: '25', start: 44, end: 48, code: '' }]);
  });

  it('strips /me and counts emote indices from after the wrapper', () => {
    const e = message(ACTION);
    expect(e.isAction).toBe(true);
    expect(e.text).toBe('Kappa -tags');
    expect(e.emotes).toEqual([{ id: '25', start: 0, end: 4, code: 'Kappa' }]);
  });

  it('reads bits as a number and lists the message under cheer as well', () => {
    const e = message(BITS);
    expect(e.bits).toBe(100);
    expect(e.user.badges).toEqual({ staff: '1', bits: '1000' });
    expect(e.user.color).toBeNull();
    expect(eventTypesFor(e)).toEqual(['message', 'cheer']);
    expect(eventTypesFor(message(KAPPA))).toEqual(['message']);
  });

  it('structures a reply', () => {
    const e = message(REPLY);
    expect(e.reply).toEqual({
      parentMsgId: '6b13e51b-7ecb-43b5-ba5b-2bb5288df696',
      parentUserId: '37940952',
      parentUserLogin: 'retoon',
      parentDisplayName: 'Retoon',
      parentMsgBody: 'hello',
      threadParentMsgId: null,
      threadParentUserLogin: null,
    });
    expect(e.id).toBe('5b4f63a9-776f-4fce-bf3c-d9707f52e32d');
    expect(e.text).toBe('@Retoon yes');
  });

  it('reads first-msg, returning-chatter, vip, broadcaster, msg-id and an escaped reply body', () => {
    const line =
      '@badges=broadcaster/1,vip/1;display-name=Ab\\s;first-msg=1;returning-chatter=1;vip=1;msg-id=highlighted-message;custom-reward-id=r-1;reply-parent-msg-id=p;reply-parent-msg-body=a\\sb\\:c;reply-thread-parent-msg-id=t;reply-thread-parent-user-login=u;bits=abc;tmi-sent-ts= :ab!ab@ab PRIVMSG #ab :hi';
    const e = message(line);
    expect(e.user).toMatchObject({
      isFirstMessage: true,
      isReturningChatter: true,
      isVip: true,
      isBroadcaster: true,
    });
    expect(e.user.displayName).toBe('Ab');
    expect(e.msgId).toBe('highlighted-message');
    expect(e.customRewardId).toBe('r-1');
    expect(e.reply).toMatchObject({
      parentMsgBody: 'a b;c',
      threadParentMsgId: 't',
      threadParentUserLogin: 'u',
    });
    // Not numeric → null, never NaN.
    expect(e.bits).toBeNull();
    expect(e.sentAt).toBeNull();
  });

  it('does not count vip=0 as VIP', () => {
    expect(message('@vip=0;badges= :a!a@a PRIVMSG #c :x').user.isVip).toBe(false);
  });

  it('types a PRIVMSG without tags (no tags capability) with nulls', () => {
    const e = message(':ronni!ronni@ronni.tmi.twitch.tv PRIVMSG #ronni :hello');
    expect(e).toMatchObject({ id: null, roomId: null, sentAt: null, bits: null, text: 'hello', emotes: [] });
    expect(e.user).toMatchObject({ id: null, login: 'ronni', displayName: 'ronni', badges: {} });
  });

  it('turns a PRIVMSG without channel, text or sender into raw with an error', () => {
    for (const line of [':a!a@a PRIVMSG', ':a!a@a PRIVMSG #c', ':a!a@a PRIVMSG bob :hi', 'PRIVMSG #c :hi']) {
      const e = parseChatEvent(line, META);
      expect(e.type, line).toBe('raw');
      if (e.type === 'raw') expect(e.error, line).toMatch(/PRIVMSG/);
    }
  });
});
