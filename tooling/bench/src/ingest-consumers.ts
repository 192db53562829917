import net from 'node:net';
import tmi from 'tmi.js';

/** A client under test: counts chat messages and samples their latency from `tmi-sent-ts`. */
export interface Consumer {
  name: string;
  received(): number;
  latencies: number[];
  close(): Promise<void>;
}

/** Every 64th message's latency is sampled: enough for percentiles, cheap on the hot path. */
const SAMPLE_MASK = 63;

function sentTs(line: string): number {
  const at = line.indexOf('tmi-sent-ts=');
  return at === -1 ? Number.NaN : Number(line.slice(at + 12, line.indexOf(';', at)));
}

/** Command, channel and id of one line by index arithmetic: the lazy parse the issue measures. */
function scan(line: string): { command: string; channel: string; id: string } {
  let pos = 0;
  let tagsEnd = 0;
  if (line.charCodeAt(0) === 64 /* @ */) {
    tagsEnd = line.indexOf(' ');
    pos = tagsEnd + 1;
  }
  if (line.charCodeAt(pos) === 58 /* : */) pos = line.indexOf(' ', pos) + 1;
  const cmdEnd = line.indexOf(' ', pos);
  const command = line.slice(pos, cmdEnd === -1 ? undefined : cmdEnd);
  const chEnd = cmdEnd === -1 ? -1 : line.indexOf(' ', cmdEnd + 1);
  const channel = cmdEnd === -1 ? '' : line.slice(cmdEnd + 2, chEnd === -1 ? undefined : chEnd);
  const idAt = tagsEnd ? line.lastIndexOf(';id=', tagsEnd) : -1;
  const id = idAt === -1 ? '' : line.slice(idAt + 4, line.indexOf(';', idAt + 4));
  return { command, channel, id };
}

/**
 * The physical limit: one TCP socket that splits lines and reads command, channel and id (what a
 * lazy parse costs), nothing else.
 */
export async function bareSocketConsumer(port: number, channels: readonly string[]): Promise<Consumer> {
  const socket = net.connect({ host: '127.0.0.1', port });
  socket.setNoDelay(true);
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  const latencies: number[] = [];
  let count = 0;
  let joined = 0;
  let tail = '';
  let ready!: () => void;
  const allJoined = new Promise<void>((resolve) => {
    ready = resolve;
  });
  socket.on('data', (buf) => {
    const text = tail + buf.toString('utf8');
    let start = 0;
    for (let nl = text.indexOf('\r\n'); nl !== -1; nl = text.indexOf('\r\n', start)) {
      const line = text.slice(start, nl);
      start = nl + 2;
      const { command, id } = scan(line);
      if (command === 'PRIVMSG' && id) {
        count++;
        if ((count & SAMPLE_MASK) === 0) latencies.push(Date.now() - sentTs(line));
      } else if (command === 'ROOMSTATE' && ++joined === channels.length) ready();
    }
    tail = text.slice(start);
  });
  socket.write('CAP REQ :twitch.tv/tags twitch.tv/commands\r\nNICK justinfan4242\r\n');
  for (let i = 0; i < channels.length; i += 40) {
    socket.write(
      `JOIN ${channels
        .slice(i, i + 40)
        .map((c) => `#${c}`)
        .join(',')}\r\n`,
    );
  }
  await allJoined;
  return {
    name: 'bare socket: split + lazy scan (physical limit)',
    received: () => count,
    latencies,
    async close() {
      socket.destroy();
    },
  };
}

/** The baseline the issue names: one stock tmi.js client and its `message` event. */
export async function tmiJsConsumer(port: number, channels: readonly string[]): Promise<Consumer> {
  const client = new tmi.Client({
    connection: { server: '127.0.0.1', port, secure: false, reconnect: false },
    options: { skipUpdatingEmotesets: true },
  });
  const latencies: number[] = [];
  let count = 0;
  let joined = 0;
  let ready!: () => void;
  const allJoined = new Promise<void>((resolve) => {
    ready = resolve;
  });
  client.on('roomstate', () => {
    if (++joined === channels.length) ready();
  });
  client.on('message', (_channel, tags) => {
    count++;
    if ((count & SAMPLE_MASK) === 0) latencies.push(Date.now() - Number(tags['tmi-sent-ts']));
  });
  await client.connect();
  // tmi.js's join() promise is unreliable (tmi.js issue 342); completion is counted from ROOMSTATE.
  for (const c of channels) client.join(c).catch(() => {});
  await allJoined;
  return {
    name: 'tmi.js client: message event',
    received: () => count,
    latencies,
    async close() {
      await client.disconnect().catch(() => {});
    },
  };
}
