import { describe, expect, it } from 'vitest';
import { RawTcpClient } from './helpers/raw-client.js';
import { testSim, track } from './helpers/sim.js';
import { waitFor } from './helpers/wait-for.js';

const WELCOME = (nick: string) => [
  `:tmi.twitch.tv 001 ${nick} :Welcome, GLHF!`,
  `:tmi.twitch.tv 002 ${nick} :Your host is tmi.twitch.tv`,
  `:tmi.twitch.tv 003 ${nick} :This server is rather new`,
  `:tmi.twitch.tv 004 ${nick} :-`,
  `:tmi.twitch.tv 375 ${nick} :-`,
  `:tmi.twitch.tv 372 ${nick} :You are in a maze of twisty passages, all alike.`,
  `:tmi.twitch.tv 376 ${nick} :>`,
];

async function client(port: number) {
  return track(await RawTcpClient.connect(port));
}

describe('registration over TCP, byte for byte', () => {
  it('answers CAP REQ, PASS, NICK with ACK, the welcome block and GLOBALUSERSTATE', async () => {
    const sim = await testSim();
    const c = await client(sim.tcpPort!);
    c.write(
      'CAP REQ :twitch.tv/membership twitch.tv/tags twitch.tv/commands\r\nPASS oauth:bottoken\r\nNICK bot\r\n',
    );
    await c.take(9);
    expect(c.raw).toBe(
      [
        ':tmi.twitch.tv CAP * ACK :twitch.tv/membership twitch.tv/tags twitch.tv/commands',
        ...WELCOME('bot'),
        '@badge-info=;badges=;color=;display-name=Bot;emote-sets=0;user-id=1001;user-type= :tmi.twitch.tv GLOBALUSERSTATE',
        '',
      ].join('\r\n'),
    );
  });

  it('sends no GLOBALUSERSTATE without the commands cap, and no tags without the tags cap', async () => {
    const sim = await testSim();
    const plain = await client(sim.tcpPort!);
    plain.write('PASS oauth:bottoken\r\nNICK bot\r\nJOIN #c\r\n');
    await plain.take(10);
    expect(plain.lines).toEqual([
      ...WELCOME('bot'),
      ':bot!bot@bot.tmi.twitch.tv JOIN #c',
      ':bot.tmi.twitch.tv 353 bot = #c :bot',
      ':bot.tmi.twitch.tv 366 bot #c :End of /NAMES list',
    ]);
    const commandsOnly = await client(sim.tcpPort!);
    commandsOnly.write('CAP REQ :twitch.tv/commands\r\nPASS oauth:alicetoken\r\nNICK alice\r\nJOIN #c\r\n');
    await commandsOnly.take(14);
    expect(commandsOnly.lines.slice(8)).toEqual([
      ':tmi.twitch.tv GLOBALUSERSTATE',
      ':alice!alice@alice.tmi.twitch.tv JOIN #c',
      ':alice.tmi.twitch.tv 353 alice = #c :alice',
      ':alice.tmi.twitch.tv 366 alice #c :End of /NAMES list',
      ':tmi.twitch.tv USERSTATE #c',
      ':tmi.twitch.tv ROOMSTATE #c',
    ]);
  });

  it('answers CAP LS [302] with the three caps, NAKs a request with an unknown cap, ignores CAP END', async () => {
    const sim = await testSim();
    const c = await client(sim.tcpPort!);
    c.write(
      'CAP LS 302\r\nCAP LS\r\nCAP REQ :twitch.tv/tags sasl\r\nCAP REQ twitch.tv/commands\r\nCAP END\r\n',
    );
    expect(await c.take(4)).toEqual([
      ':tmi.twitch.tv CAP * LS :twitch.tv/tags twitch.tv/commands twitch.tv/membership',
      ':tmi.twitch.tv CAP * LS :twitch.tv/tags twitch.tv/commands twitch.tv/membership',
      ':tmi.twitch.tv CAP * NAK :twitch.tv/tags sasl',
      ':tmi.twitch.tv CAP * ACK :twitch.tv/commands',
    ]);
    c.write('USER bot 8 * :bot\r\nPASS oauth:bottoken\r\nNICK bot\r\n');
    await c.take(8);
    // NAKed tags stayed off: GLOBALUSERSTATE comes without tags.
    expect(c.lines.at(-1)).toBe(':tmi.twitch.tv GLOBALUSERSTATE');
    expect(sim.connections()[0]!.caps).toEqual(['twitch.tv/commands']);
  });

  it('processes JOINs pipelined before NICK after the login, in order', async () => {
    const sim = await testSim();
    const c = await client(sim.tcpPort!);
    c.write(
      'CAP REQ :twitch.tv/tags twitch.tv/commands\r\nJOIN #c,#d\r\nPASS oauth:bottoken\r\nNICK bot\r\nJOIN #nosuch\r\n',
    );
    await c.take(19);
    expect(c.lines.slice(8)).toEqual([
      '@badge-info=;badges=;color=;display-name=Bot;emote-sets=0;user-id=1001;user-type= :tmi.twitch.tv GLOBALUSERSTATE',
      ':bot!bot@bot.tmi.twitch.tv JOIN #c',
      ':bot.tmi.twitch.tv 353 bot = #c :bot',
      ':bot.tmi.twitch.tv 366 bot #c :End of /NAMES list',
      '@badge-info=;badges=;color=;display-name=Bot;emote-sets=0;mod=0;subscriber=0;user-type= :tmi.twitch.tv USERSTATE #c',
      '@emote-only=0;followers-only=-1;r9k=0;room-id=42;slow=0;subs-only=0 :tmi.twitch.tv ROOMSTATE #c',
      ':bot!bot@bot.tmi.twitch.tv JOIN #d',
      ':bot.tmi.twitch.tv 353 bot = #d :bot',
      ':bot.tmi.twitch.tv 366 bot #d :End of /NAMES list',
      '@badge-info=;badges=;color=;display-name=Bot;emote-sets=0;mod=0;subscriber=0;user-type= :tmi.twitch.tv USERSTATE #d',
      '@emote-only=0;followers-only=-1;r9k=0;room-id=43;slow=0;subs-only=0 :tmi.twitch.tv ROOMSTATE #d',
    ]);
    // #nosuch does not exist: no reply at all, even after a round trip.
    c.send('PING x');
    expect(await c.waitLine((l) => l.includes('PONG'))).toBe(':tmi.twitch.tv PONG tmi.twitch.tv :x');
    expect(c.lines).toHaveLength(20);
  });

  it('logs justinfan in anonymously with any PASS, with no GLOBALUSERSTATE and no USERSTATE on join', async () => {
    const sim = await testSim();
    const c = await client(sim.tcpPort!);
    c.write(
      'CAP REQ :twitch.tv/tags twitch.tv/commands\r\nPASS SCHMOOPIIE\r\nNICK justinfan12345\r\nJOIN #c\r\n',
    );
    await c.take(12);
    expect(c.lines.slice(1)).toEqual([
      ...WELCOME('justinfan12345'),
      ':justinfan12345!justinfan12345@justinfan12345.tmi.twitch.tv JOIN #c',
      ':justinfan12345.tmi.twitch.tv 353 justinfan12345 = #c :justinfan12345',
      ':justinfan12345.tmi.twitch.tv 366 justinfan12345 #c :End of /NAMES list',
      '@emote-only=0;followers-only=-1;r9k=0;room-id=42;slow=0;subs-only=0 :tmi.twitch.tv ROOMSTATE #c',
    ]);
    // Anonymous users cannot chat: the message is dropped without a word.
    const other = await client(sim.tcpPort!);
    await other.login('bot', 'bottoken');
    other.send('JOIN #c');
    await other.waitLine((l) => l.includes('ROOMSTATE'));
    c.send('PRIVMSG #c :hello');
    c.send('PING done');
    await c.waitLine((l) => l.includes('PONG'));
    expect(other.rest()).toEqual([]);
    expect(sim.connections().find((i) => i.anonymous)).toMatchObject({
      login: 'justinfan12345',
      channels: ['c'],
    });
  });

  it.each([
    ['an unknown token', 'PASS oauth:nope\r\nNICK bot\r\n', 'Login authentication failed'],
    ['a token without oauth:', 'PASS bottoken\r\nNICK bot\r\n', 'Improperly formatted auth'],
    ['NICK without PASS', 'NICK bot\r\n', 'Improperly formatted auth'],
    ['an empty token', 'PASS oauth:\r\nNICK bot\r\n', 'Improperly formatted auth'],
  ])('refuses %s with the NOTICE and closes', async (_name, input, text) => {
    const sim = await testSim();
    const c = await client(sim.tcpPort!);
    c.write(input);
    await c.waitClosed();
    expect(c.raw).toBe(`:tmi.twitch.tv NOTICE * :${text}\r\n`);
  });

  it('takes the login from the token, whatever NICK said', async () => {
    const sim = await testSim();
    const c = await client(sim.tcpPort!);
    c.write('PASS oauth:alicetoken\r\nNICK somebody\r\n');
    expect((await c.take(1))[0]).toBe(':tmi.twitch.tv 001 alice :Welcome, GLHF!');
  });

  it('answers unknown commands with 421 after login and ignores them before', async () => {
    const sim = await testSim();
    const c = await client(sim.tcpPort!);
    c.write('WHO #c\r\nPRIVMSG #c :early\r\nPART #c\r\nPASS oauth:bottoken\r\nNICK bot\r\n');
    await c.take(7);
    c.write('WHO #c\r\nfoo bar\r\nUSER x 0 * :x\r\nMODE bot +i\r\nPING\r\n');
    expect(await c.take(3)).toEqual([
      ':tmi.twitch.tv 421 bot WHO :Unknown command',
      ':tmi.twitch.tv 421 bot foo :Unknown command',
      'PONG :tmi.twitch.tv',
    ]);
    expect(c.lines).toHaveLength(10);
  });

  it('answers client PINGs exactly as Twitch, before and after login', async () => {
    const sim = await testSim();
    const c = await client(sim.tcpPort!);
    c.write('PING\r\nPING asd\r\nPING :asd def\r\n');
    expect(await c.take(3)).toEqual([
      'PONG :tmi.twitch.tv',
      ':tmi.twitch.tv PONG tmi.twitch.tv :asd',
      ':tmi.twitch.tv PONG tmi.twitch.tv :asd def',
    ]);
    await c.login('bot', 'bottoken');
    c.write('PING\r\nPING :tmi.twitch.tv\r\n');
    expect(await c.take(2)).toEqual([
      'PONG :tmi.twitch.tv',
      ':tmi.twitch.tv PONG tmi.twitch.tv :tmi.twitch.tv',
    ]);
    expect(
      c.raw.endsWith('PONG :tmi.twitch.tv\r\n:tmi.twitch.tv PONG tmi.twitch.tv :tmi.twitch.tv\r\n'),
    ).toBe(true);
  });

  it('tolerates LF-only line endings', async () => {
    const sim = await testSim();
    const c = await client(sim.tcpPort!);
    c.write('PASS oauth:bottoken\nNICK bot\nPING x\n');
    expect((await c.take(8))[7]).toBe(':tmi.twitch.tv PONG tmi.twitch.tv :x');
  });

  it('pings the client and closes it when no PONG comes back', async () => {
    const sim = await testSim({ pingIntervalMs: 50, pongTimeoutMs: 100 });
    const answering = await client(sim.tcpPort!);
    const silent = await client(sim.tcpPort!);
    await answering.login('bot', 'bottoken', '');
    await silent.login('alice', 'alicetoken', '');
    expect(await silent.waitLine((l) => l.startsWith('PING'))).toBe('PING :tmi.twitch.tv');
    // Answer every PING on one connection only.
    const timer = setInterval(() => {
      for (const l of answering.rest())
        if (l === 'PING :tmi.twitch.tv') answering.send('PONG :tmi.twitch.tv');
      answering.skipAll();
    }, 10);
    try {
      await silent.waitClosed(2000);
      expect(answering.closed).toBe(false);
      // The server forgets the connection once the socket is fully closed on its side too.
      await waitFor(() => sim.connections().length === 1);
      expect(sim.connections().map((i) => i.login)).toEqual(['bot']);
    } finally {
      clearInterval(timer);
    }
  });

  it('refuses a login past the AUTH limit with "Login unsuccessful"', async () => {
    const sim = await testSim({ limits: { profiles: { normal: { auth: { count: 2, windowMs: 60_000 } } } } });
    for (let i = 0; i < 2; i++) {
      const ok = await client(sim.tcpPort!);
      await ok.login('bot', 'bottoken', '');
      await ok.close();
    }
    const refused = await client(sim.tcpPort!);
    refused.write('PASS oauth:bottoken\r\nNICK bot\r\n');
    await refused.waitClosed();
    expect(refused.raw).toBe(':tmi.twitch.tv NOTICE * :Login unsuccessful\r\n');
    expect(sim.counters('bot')).toMatchObject({ authAttempts: 3, violations: { auth: 1 } });
  });
});
