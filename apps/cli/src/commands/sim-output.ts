import type { ConnectionInfo, OAuthFake, TwitchSim } from '@tmi-cluster/twitch-sim';
import type { SimCliOptions } from './sim.js';

/** Counters sampled for one stats line. */
export interface SimStats {
  at: number;
  emitted: number;
  delivered: number;
}

/** The lines printed when the sim is ready: what it serves and how to point a client at it. */
export function formatSimBanner(input: {
  opts: SimCliOptions;
  sim: TwitchSim;
  oauth: OAuthFake;
  clientId: string;
}): string[] {
  const { opts, sim, oauth } = input;
  const rows: [string, string][] = [];
  if (sim.tcpPort !== null)
    rows.push(['irc (tcp)', `${sim.host}:${sim.tcpPort}  (like irc.chat.twitch.tv:6667)`]);
  if (sim.wsUrl !== null) rows.push(['irc (websocket)', `${sim.wsUrl}  (like wss://irc-ws.chat.twitch.tv)`]);
  rows.push(['oauth (id)', `${oauth.idBaseUrl}  client_id ${input.clientId}`]);
  rows.push(['helix', oauth.helixBaseUrl]);
  rows.push([
    'channels',
    opts.channels === 0
      ? 'none'
      : `${opts.channels.toLocaleString('en-US')} (channel0 … channel${opts.channels - 1})`,
  ]);
  rows.push([
    'accounts',
    opts.account.length === 0
      ? 'anonymous only (justinfan<digits>); add --account login:token'
      : opts.account.map((a) => a.split(':')[0]).join(', '),
  ]);
  rows.push([
    'traffic',
    opts.rate === 0 || opts.channels === 0
      ? 'off'
      : `${opts.rate.toLocaleString('en-US')} lines/s, ${opts.replay ? `replay of ${opts.replay}` : `generated, seed ${opts.seed}`}`,
  ]);
  rows.push(['rate limits', opts.limits === 'on' ? "Twitch's, per account" : 'off']);
  const width = Math.max(...rows.map(([k]) => k.length));
  return [
    'twitch-sim ready',
    ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`),
    sim.wsPort !== null
      ? `tmi.js: new tmi.Client({ connection: { server: '${sim.host}', port: ${sim.wsPort}, secure: false } })`
      : '',
    'Ctrl-C stops it.',
  ].filter(Boolean);
}

/** One stats line: connections, joined channels, traffic and delivery rates since the last line. */
export function formatSimStats(
  now: SimStats,
  last: SimStats,
  connections: readonly ConnectionInfo[],
): string {
  const seconds = Math.max((now.at - last.at) / 1000, 0.001);
  const joined = connections.reduce((n, c) => n + c.channels.length, 0);
  const rate = (a: number, b: number) => Math.round((a - b) / seconds).toLocaleString('en-US');
  const time = new Date(now.at).toISOString().slice(11, 19);
  return (
    `[${time}] connections ${connections.length}, joined channels ${joined.toLocaleString('en-US')}, ` +
    `chat ${now.emitted.toLocaleString('en-US')} lines (${rate(now.emitted, last.emitted)}/s), ` +
    `delivered ${now.delivered.toLocaleString('en-US')} lines (${rate(now.delivered, last.delivered)}/s)`
  );
}
