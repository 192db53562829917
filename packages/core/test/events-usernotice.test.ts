import { describe, expect, it } from 'vitest';
import type { ChatEvent, ChatEventMap } from '../src/events/chat-event.js';
import { parseChatEvent } from '../src/events/parse-chat-event.js';

// resub, subgift and raid are Twitch's documented examples (reference/twitch-irc.md §1.6); the
// viewermilestone line is from Twitch's IRC docs; the rest are real lines from twitch-irc-rs's
// tests (MIT; only the lines, which are Twitch's output).
const META = { receivedAt: 1, receiverId: 'r' };

const LINES = {
  resub:
    '@badge-info=;badges=staff/1,broadcaster/1,turbo/1;color=#008000;display-name=ronni;emotes=;id=db25007f-7a18-43eb-9379-80131e44d633;login=ronni;mod=0;msg-id=resub;msg-param-cumulative-months=6;msg-param-streak-months=2;msg-param-should-share-streak=1;msg-param-sub-plan=Prime;msg-param-sub-plan-name=Prime;room-id=12345678;subscriber=1;system-msg=ronni\\shas\\ssubscribed\\sfor\\s6\\smonths!;tmi-sent-ts=1507246572675;turbo=1;user-id=87654321;user-type=staff :tmi.twitch.tv USERNOTICE #dallas :Great stream -- keep it up!',
  subgift:
    '@badge-info=;badges=staff/1,premium/1;color=#0000FF;display-name=TWW2;emotes=;id=e9176cd8-5e22-4684-ad40-ce53c2561c5e;login=tww2;mod=0;msg-id=subgift;msg-param-months=1;msg-param-recipient-display-name=Mr_Woodchuck;msg-param-recipient-id=55554444;msg-param-recipient-name=mr_woodchuck;msg-param-sub-plan-name=House\\sof\\sNyoro~n;msg-param-sub-plan=1000;room-id=12345678;subscriber=0;system-msg=TWW2\\sgifted\\sa\\sTier\\s1\\ssub\\sto\\sMr_Woodchuck!;tmi-sent-ts=1521159445153;turbo=0;user-id=87654321;user-type=staff :tmi.twitch.tv USERNOTICE #forstycup',
  raid: '@badge-info=;badges=turbo/1;color=#9ACD32;display-name=TestChannel;emotes=;id=3d830f12-795c-447d-af3c-ea05e40fbddb;login=testchannel;mod=0;msg-id=raid;msg-param-displayName=TestChannel;msg-param-login=testchannel;msg-param-viewerCount=15;room-id=33332222;subscriber=0;system-msg=15\\sraiders\\sfrom\\sTestChannel\\shave\\sjoined\\n!;tmi-sent-ts=1507246572675;turbo=1;user-id=123456;user-type= :tmi.twitch.tv USERNOTICE #othertestchannel',
  sub: '@badge-info=subscriber/0;badges=subscriber/0,premium/1;color=;display-name=fallenseraphhh;emotes=;flags=;id=2a9bea11-a80a-49a0-a498-1642d457f775;login=fallenseraphhh;mod=0;msg-id=sub;msg-param-cumulative-months=1;msg-param-months=0;msg-param-should-share-streak=0;msg-param-sub-plan-name=Channel\\sSubscription\\s(xqcow);msg-param-sub-plan=Prime;room-id=71092938;subscriber=1;system-msg=fallenseraphhh\\ssubscribed\\swith\\sTwitch\\sPrime.;tmi-sent-ts=1582685713242;user-id=224005980;user-type= :tmi.twitch.tv USERNOTICE #xqcow',
  anonsubgift:
    '@badge-info=;badges=;color=;display-name=xQcOW;emotes=;flags=;id=e21409b1-d25d-4a1a-b5cf-ef27d8b7030e;login=xqcow;mod=0;msg-id=anonsubgift;msg-param-gift-months=1;msg-param-months=2;msg-param-origin-id=da\\s39\\sa3\\see\\s5e\\s6b\\s4b\\s0d\\s32\\s55\\sbf\\sef\\s95\\s60\\s18\\s90\\saf\\sd8\\s07\\s09;msg-param-recipient-display-name=qatarking24xd;msg-param-recipient-id=236653628;msg-param-recipient-user-name=qatarking24xd;msg-param-sender-count=0;msg-param-sub-plan-name=Channel\\sSubscription\\s(xqcow);msg-param-sub-plan=1000;room-id=71092938;subscriber=0;system-msg=An\\sanonymous\\sgifter\\sgifted\\sa\\sTier\\s1\\ssub\\sto\\sqatarking24xd!;tmi-sent-ts=1594583782376;user-id=71092938;user-type= :tmi.twitch.tv USERNOTICE #xqcow',
  submysterygift:
    "@badge-info=;badges=sub-gifter/50;color=;display-name=AdamAtReflectStudios;emotes=;flags=;id=049e6371-7023-4fca-8605-7dec60e72e12;login=adamatreflectstudios;mod=0;msg-id=submysterygift;msg-param-mass-gift-count=20;msg-param-origin-id=1f\\sbe\\sbb\\s4a\\s81\\s9a\\s65\\sd1\\s4b\\s77\\sf5\\s23\\s16\\s4a\\sd3\\s13\\s09\\se7\\sbe\\s55;msg-param-sender-count=100;msg-param-sub-plan=1000;room-id=71092938;subscriber=0;system-msg=AdamAtReflectStudios\\sis\\sgifting\\s20\\sTier\\s1\\sSubs\\sto\\sxQcOW's\\scommunity!\\sThey've\\sgifted\\sa\\stotal\\sof\\s100\\sin\\sthe\\schannel!;tmi-sent-ts=1594583777669;user-id=211711554;user-type= :tmi.twitch.tv USERNOTICE #xqcow",
  anonsubmysterygift:
    "@badge-info=;badges=;color=;display-name=AnAnonymousGifter;emotes=;flags=;id=8db97752-3dee-460b-9001-e925d0e2ba5b;login=ananonymousgifter;mod=0;msg-id=submysterygift;msg-param-mass-gift-count=10;msg-param-origin-id=13\\s33\\sed\\sc0\\sef\\sa0\\s7b\\s9b\\s48\\s59\\scb\\scc\\se4\\s39\\s7b\\s90\\sf9\\s54\\s75\\s66;msg-param-sub-plan=1000;room-id=71092938;subscriber=0;system-msg=An\\sanonymous\\suser\\sis\\sgifting\\s10\\sTier\\s1\\sSubs\\sto\\sxQcOW's\\scommunity!;tmi-sent-ts=1585447099603;user-id=274598607;user-type= :tmi.twitch.tv USERNOTICE #xqcow",
  giftpaidupgrade:
    '@badge-info=subscriber/2;badges=subscriber/2;color=#00FFF5;display-name=CrazyCrackAnimal;emotes=;flags=;id=7006f242-a45c-4e07-83b3-11f9c6d1ee28;login=crazycrackanimal;mod=0;msg-id=giftpaidupgrade;msg-param-sender-login=stridezgum;msg-param-sender-name=Stridezgum;msg-param-promo-name=TestSubtember2020;msg-param-promo-gift-total=4003;room-id=71092938;subscriber=1;system-msg=CrazyCrackAnimal\\sis\\scontinuing\\sthe\\sGift\\sSub\\sthey\\sgot\\sfrom\\sStridezgum!\\sbla\\sbla\\bla\\sstuff\\sabout\\spromo\\shere;tmi-sent-ts=1594518849459;user-id=86082877;user-type= :tmi.twitch.tv USERNOTICE #xqcow',
  anongiftpaidupgrade:
    '@badge-info=subscriber/1;badges=subscriber/0,premium/1;color=#8A2BE2;display-name=samura1jack_ttv;emotes=;flags=;id=144ee636-0c1d-404e-8b29-35449a045a7e;login=samura1jack_ttv;mod=0;msg-id=anongiftpaidupgrade;room-id=71092938;subscriber=1;system-msg=samura1jack_ttv\\sis\\scontinuing\\sthe\\sGift\\sSub\\sthey\\sgot\\sfrom\\san\\sanonymous\\suser!;tmi-sent-ts=1594327421732;user-id=102707709;user-type= :tmi.twitch.tv USERNOTICE #xqcow',
  ritual:
    '@badge-info=;badges=;color=;display-name=SevenTest1;emotes=30259:0-6;id=37feed0f-b9c7-4c3a-b475-21c6c6d21c3d;login=seventest1;mod=0;msg-id=ritual;msg-param-ritual-name=new_chatter;room-id=6316121;subscriber=0;system-msg=Seventoes\\sis\\snew\\shere!;tmi-sent-ts=1508363903826;turbo=0;user-id=131260580;user-type= :tmi.twitch.tv USERNOTICE #seventoes :HeyGuys',
  bitsbadgetier:
    '@badge-info=subscriber/2;badges=subscriber/2,bits/1000;color=#FF4500;display-name=whoopiix;emotes=;flags=;id=d2b32a02-3071-4c52-b2ce-bc3716acdc44;login=whoopiix;mod=0;msg-id=bitsbadgetier;msg-param-threshold=1000;room-id=71092938;subscriber=1;system-msg=bits\\sbadge\\stier\\snotification;tmi-sent-ts=1594520403813;user-id=104252055;user-type= :tmi.twitch.tv USERNOTICE #xqcow',
  announcement:
    '@badge-info=subscriber/88;badges=moderator/1,subscriber/72;color=#19E6E6;display-name=randers;emotes=185989:11-15/25:17-21/1902:23-27;flags=;id=9045a344-75b9-44fa-af49-c413bcb39559;login=randers;mod=1;msg-id=announcement;msg-param-color=PRIMARY;room-id=11148817;subscriber=1;system-msg=;tmi-sent-ts=1780872797175;user-id=40286300;user-type=mod;vip=0 :tmi.twitch.tv USERNOTICE #pajlada :hello pajs pajaH Kappa Keepo',
  viewermilestone:
    '@badge-info=;badges=;color=#1E90FF;display-name=TwitchDev;emotes=;flags=;id=97459ff9-8cd9-47d0-8a81-1fa5fe1d4367;login=twitchdev;mod=0;msg-id=viewermilestone;msg-param-category=watch-streak;msg-param-id=a872953b-606f-410a-9970-c95b744f116c;msg-param-value=3;room-id=197886470;subscriber=0;system-msg=TwitchDev\\swatched\\s3\\sconsecutive\\sstreams\\sthis\\smonth\\sand\\ssparked\\sa\\swatch\\sstreak!;tmi-sent-ts=1681057151588;user-id=141981764;user-type= :tmi.twitch.tv USERNOTICE #twitchrivals',
  rewardgift:
    "@badge-info=;badges=sub-gifter/50;color=;display-name=AdamAtReflectStudios;emotes=;flags=;id=7f1336e4-f84a-4510-809d-e57bf50af0cc;login=adamatreflectstudios;mod=0;msg-id=rewardgift;msg-param-domain=pride_megacommerce_2020;msg-param-selected-count=100;msg-param-total-reward-count=100;msg-param-trigger-amount=20;msg-param-trigger-type=SUBGIFT;room-id=71092938;subscriber=0;system-msg=AdamAtReflectStudios's\\sGift\\sshared\\srewards\\sto\\s100\\sothers\\sin\\sChat!;tmi-sent-ts=1594583778756;user-id=211711554;user-type= :tmi.twitch.tv USERNOTICE #xqcow",
};

function parseAs<K extends keyof ChatEventMap>(type: K, line: string): ChatEventMap[K] {
  const event: ChatEvent = parseChatEvent(line, META);
  expect(event.type).toBe(type);
  return event as ChatEventMap[K];
}

describe('USERNOTICE', () => {
  it('resub: numbers as numbers, the streak flag as boolean, system-msg unescaped', () => {
    const e = parseAs('resub', LINES.resub);
    expect(e).toMatchObject({
      channel: 'dallas',
      roomId: '12345678',
      id: 'db25007f-7a18-43eb-9379-80131e44d633',
      msgId: 'resub',
      cumulativeMonths: 6,
      streakMonths: 2,
      shouldShareStreak: true,
      plan: 'Prime',
      planName: 'Prime',
      multiMonthDuration: null,
      wasGifted: false,
      systemMessage: 'ronni has subscribed for 6 months!',
      text: 'Great stream -- keep it up!',
      sentAt: 1507246572675,
    });
    expect(e.user).toMatchObject({ id: '87654321', login: 'ronni', isBroadcaster: true, userType: 'staff' });
  });

  it('sub: a message-less notice has text ""', () => {
    const e = parseAs('sub', LINES.sub);
    expect(e).toMatchObject({ cumulativeMonths: 1, streakMonths: null, shouldShareStreak: false, text: '' });
    expect(e.planName).toBe('Channel Subscription (xqcow)');
  });

  it('subgift: msg-param-months=1 is the number 1, not true (tmi.js #385)', () => {
    const e = parseAs('subgift', LINES.subgift);
    expect(e.months).toBe(1);
    expect(e).toMatchObject({
      anonymous: false,
      plan: '1000',
      planName: 'House of Nyoro~n',
      recipient: { id: '55554444', login: 'mr_woodchuck', displayName: 'Mr_Woodchuck' },
      giftMonths: null,
      senderCount: null,
    });
  });

  it('anonsubgift is a subgift marked anonymous', () => {
    const e = parseAs('subgift', LINES.anonsubgift);
    expect(e).toMatchObject({
      msgId: 'anonsubgift',
      anonymous: true,
      months: 2,
      giftMonths: 1,
      senderCount: 0,
    });
    expect(e.recipient.login).toBe('qatarking24xd');
    expect(e.originId).toBe('da 39 a3 ee 5e 6b 4b 0d 32 55 bf ef 95 60 18 90 af d8 07 09');
  });

  it('submysterygift, named and from AnAnonymousGifter', () => {
    expect(parseAs('submysterygift', LINES.submysterygift)).toMatchObject({
      anonymous: false,
      massGiftCount: 20,
      senderCount: 100,
      plan: '1000',
    });
    expect(parseAs('submysterygift', LINES.anonsubmysterygift)).toMatchObject({
      anonymous: true,
      massGiftCount: 10,
      senderCount: null,
    });
  });

  it('giftpaidupgrade and anongiftpaidupgrade; an unknown escape drops its backslash', () => {
    const e = parseAs('giftpaidupgrade', LINES.giftpaidupgrade);
    expect(e).toMatchObject({
      senderLogin: 'stridezgum',
      senderDisplayName: 'Stridezgum',
      promoName: 'TestSubtember2020',
      promoGiftTotal: 4003,
    });
    expect(e.systemMessage).toBe(
      'CrazyCrackAnimal is continuing the Gift Sub they got from Stridezgum! bla blabla stuff about promo here',
    );
    expect(parseAs('anongiftpaidupgrade', LINES.anongiftpaidupgrade)).toMatchObject({
      promoName: null,
      promoGiftTotal: null,
    });
  });

  it('primepaidupgrade and unraid', () => {
    const prime =
      '@login=a;msg-id=primepaidupgrade;msg-param-sub-plan=2000;system-msg=x :tmi.twitch.tv USERNOTICE #c';
    expect(parseAs('primepaidupgrade', prime).plan).toBe('2000');
    expect(parseAs('unraid', '@login=a;msg-id=unraid :tmi.twitch.tv USERNOTICE #c').channel).toBe('c');
  });

  it('raid: viewerCount as a number, \\n in system-msg', () => {
    const e = parseAs('raid', LINES.raid);
    expect(e.viewerCount).toBe(15);
    expect(e.systemMessage).toBe('15 raiders from TestChannel have joined\n!');
    expect(e.user.login).toBe('testchannel');
  });

  it('announcement, ritual, bitsbadgetier, viewermilestone', () => {
    const a = parseAs('announcement', LINES.announcement);
    expect(a).toMatchObject({ color: 'PRIMARY', text: 'hello pajs pajaH Kappa Keepo', systemMessage: '' });
    expect(a.emotes.map((x) => x.code)).toEqual(['pajaH', 'Kappa', 'Keepo']);
    expect(a.user).toMatchObject({ isMod: true, isVip: false });
    const r = parseAs('ritual', LINES.ritual);
    expect(r).toMatchObject({ ritualName: 'new_chatter', text: 'HeyGuys' });
    expect(r.emotes).toEqual([{ id: '30259', start: 0, end: 6, code: 'HeyGuys' }]);
    expect(parseAs('bitsbadgetier', LINES.bitsbadgetier).threshold).toBe(1000);
    expect(parseAs('viewermilestone', LINES.viewermilestone)).toMatchObject({
      category: 'watch-streak',
      value: 3,
      reward: null,
      milestoneId: 'a872953b-606f-410a-9970-c95b744f116c',
    });
  });

  it('an unknown msg-id is a generic usernotice that keeps its tags', () => {
    const e = parseAs('usernotice', LINES.rewardgift);
    expect(e.msgId).toBe('rewardgift');
    expect(e.tags['msg-param-trigger-type']).toBe('SUBGIFT');
    expect(e.systemMessage).toBe("AdamAtReflectStudios's Gift shared rewards to 100 others in Chat!");
  });

  it('a missing or non-numeric count is null, never NaN', () => {
    const e = parseAs(
      'resub',
      '@login=a;msg-id=resub;msg-param-cumulative-months=six :tmi.twitch.tv USERNOTICE #c',
    );
    expect(e.cumulativeMonths).toBeNull();
    expect(e.streakMonths).toBeNull();
    expect(e.plan).toBeNull();
  });

  it('a USERNOTICE without a channel is raw with an error', () => {
    const e = parseChatEvent('@msg-id=sub :tmi.twitch.tv USERNOTICE', META);
    expect(e).toMatchObject({ type: 'raw', command: 'USERNOTICE', error: 'USERNOTICE without a #channel' });
  });
});
