import { describe, expect, it } from 'vitest';
import { scanLine } from '../src/irc/lazy-line.js';

// Twitch's documented PRIVMSG example (dev.twitch.tv/docs/chat/irc, via reference/twitch-irc.md §1.6).
const PRIVMSG =
  '@badge-info=;badges=turbo/1;color=#0D4200;display-name=ronni;emotes=25:0-4,12-16/1902:6-10;id=b34ccfc7-4977-403a-8a94-33c6bac34fb8;mod=0;room-id=1337;subscriber=0;tmi-sent-ts=1507246572675;turbo=1;user-id=1337;user-type=global_mod :ronni!ronni@ronni.tmi.twitch.tv PRIVMSG #ronni :Kappa Keepo Kappa';
// A reply: `reply-parent-msg-id` and `reply-parent-user-id` come before `id` in the tag list.
const REPLY =
  '@badge-info=;badges=;client-nonce=cd56193132f934ac71b4d5ac488d4bd6;color=;display-name=LeftSwing;emotes=;first-msg=0;flags=;id=5b4f63a9-776f-4fce-bf3c-d9707f52e32d;mod=0;reply-parent-display-name=Retoon;reply-parent-msg-body=hello;reply-parent-msg-id=6b13e51b-7ecb-43b5-ba5b-2bb5288df696;reply-parent-user-id=37940952;reply-parent-user-login=retoon;returning-chatter=0;room-id=37940952;subscriber=0;tmi-sent-ts=1673925983585;turbo=0;user-id=133651738;user-type= :leftswing!leftswing@leftswing.tmi.twitch.tv PRIVMSG #retoon :@Retoon yes';

describe('scanLine', () => {
  it('finds command, channel, id and the end of the tags of a PRIVMSG', () => {
    const info = scanLine(PRIVMSG);
    expect(info).toEqual({
      command: 'PRIVMSG',
      channel: 'ronni',
      id: 'b34ccfc7-4977-403a-8a94-33c6bac34fb8',
      tagsEnd: PRIVMSG.indexOf(' :ronni!') + 1,
    });
    expect(PRIVMSG.slice(info.tagsEnd).startsWith(':ronni!')).toBe(true);
  });

  it('takes `id` and never reply-parent-msg-id, reply-parent-user-id, room-id or user-id', () => {
    expect(scanLine(REPLY).id).toBe('5b4f63a9-776f-4fce-bf3c-d9707f52e32d');
    // Without an `id` tag, the lookalikes must not match.
    const noId = REPLY.replace('id=5b4f63a9-776f-4fce-bf3c-d9707f52e32d;', '');
    expect(scanLine(noId).id).toBeNull();
    expect(
      scanLine('@target-msg-id=abc;target-user-id=1;room-id=2;idx=3;i=4 :tmi.twitch.tv CLEARMSG #a :x').id,
    ).toBeNull();
  });

  it('finds `id` as the first tag, the last tag, value-less, escaped and duplicated (last wins)', () => {
    expect(scanLine('@id=first;mod=0 PRIVMSG #a :b').id).toBe('first');
    expect(scanLine('@mod=0;id=last PRIVMSG #a :b').id).toBe('last');
    expect(scanLine('@id PRIVMSG #a :b').id).toBe('');
    expect(scanLine('@a=1;id;b=2 PRIVMSG #a :b').id).toBe('');
    expect(scanLine('@id=a\\sb PRIVMSG #a :b').id).toBe('a b');
    expect(scanLine('@id=1;x=2;id=3 PRIVMSG #a :b').id).toBe('3');
    expect(scanLine('@idx=1;xid=2 PRIVMSG #a :b').id).toBeNull();
  });

  it('ignores `;id=` in the message text', () => {
    expect(scanLine('@mod=0 :a!a@a PRIVMSG #a :x;id=nope').id).toBeNull();
    expect(scanLine(':a!a@a PRIVMSG #a :@id=nope ;id=nope').id).toBeNull();
  });

  it('handles lines without tags or prefix: PING, PONG, RECONNECT, numerics', () => {
    expect(scanLine('PING :tmi.twitch.tv')).toEqual({ command: 'PING', channel: null, id: null, tagsEnd: 0 });
    expect(scanLine('PONG :tmi.twitch.tv').command).toBe('PONG');
    expect(scanLine(':tmi.twitch.tv RECONNECT')).toEqual({
      command: 'RECONNECT',
      channel: null,
      id: null,
      tagsEnd: 0,
    });
    expect(scanLine(':tmi.twitch.tv 001 twitchdev :Welcome, GLHF!')).toMatchObject({
      command: '001',
      channel: null,
    });
    // 353's channel is its third param; scanLine only reads the first.
    expect(scanLine(':bar.tmi.twitch.tv 353 bar = #twitchdev :bar').channel).toBeNull();
    expect(scanLine(':bar!bar@bar.tmi.twitch.tv JOIN #twitchdev').channel).toBe('twitchdev');
    expect(scanLine(':bar!bar@bar.tmi.twitch.tv JOIN :#twitchdev').channel).toBe('twitchdev');
  });

  it('reads the channel of tag-only server lines and ignores non-channel first params', () => {
    expect(scanLine('@slow=10 :tmi.twitch.tv ROOMSTATE #dallas').channel).toBe('dallas');
    expect(scanLine(':tmi.twitch.tv NOTICE * :Login authentication failed').channel).toBeNull();
    expect(
      scanLine('@badges= :randers!randers@randers.tmi.twitch.tv WHISPER randers811 :hi').channel,
    ).toBeNull();
    expect(scanLine('@a=1 :tmi.twitch.tv GLOBALUSERSTATE').channel).toBeNull();
  });

  it('tolerates a trailing CRLF and runs of spaces', () => {
    expect(scanLine('@id=x  :a!a@a   PRIVMSG   #chan   :hi\r\n')).toEqual({
      command: 'PRIVMSG',
      channel: 'chan',
      id: 'x',
      tagsEnd: 7,
    });
    expect(scanLine('@id=x\r\n')).toEqual({ command: '', channel: null, id: 'x', tagsEnd: 5 });
  });

  it('returns command "" for malformed lines instead of throwing', () => {
    for (const line of ['', ' ', '@', '@a=b', ':prefix', ':prefix ', '@a=b :p', '\r\n', ':', '@ ']) {
      expect(scanLine(line).command, JSON.stringify(line)).toBe('');
    }
    expect(scanLine('PRIVMSG #').channel).toBeNull();
    expect(scanLine('PRIVMSG # :x').channel).toBeNull();
  });
});
