// Worker thread: opens N TCP connections to a line server, optionally registers as an anonymous
// Twitch user and joins one channel, then counts CRLF-terminated lines it receives. It runs on
// its own thread so the server under test has the main thread's core to itself.
import net from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';

const { host, port, connections, register, channel } = workerData;
let lines = 0;
let ready = 0;
const sockets = [];

for (let i = 0; i < connections; i++) {
  const socket = net.connect({ host, port });
  socket.setNoDelay(true);
  sockets.push(socket);
  let joined = !register;
  socket.on('connect', () => {
    if (register)
      socket.write(
        `CAP REQ :twitch.tv/tags twitch.tv/commands\r\nNICK justinfan${10000 + i}\r\nJOIN #${channel}\r\n`,
      );
    else {
      ready++;
      if (ready === connections) parentPort.postMessage({ type: 'ready' });
    }
  });
  let tail = '';
  socket.on('data', (buf) => {
    let n = 0;
    for (let j = 0; j < buf.length; j++) if (buf[j] === 10) n++;
    if (!joined) {
      // The reply block to our JOIN ends with the channel's ROOMSTATE; lines before it are
      // registration, not traffic. Tags are requested so the sim sends the same full lines a
      // baseline server writes.
      const text = tail + buf.toString('latin1');
      if (text.includes(' ROOMSTATE #')) {
        joined = true;
        ready++;
        if (ready === connections) parentPort.postMessage({ type: 'ready' });
        const after = text.slice(text.indexOf(' ROOMSTATE #'));
        n = 0;
        for (let j = after.indexOf('\n') + 1; j > 0 && j < after.length; j++)
          if (after.charCodeAt(j) === 10) n++;
      } else {
        tail = text.slice(-64);
        return;
      }
    }
    lines += n;
  });
  socket.on('error', () => {});
}

parentPort.on('message', (msg) => {
  if (msg === 'count') parentPort.postMessage({ type: 'count', lines });
  if (msg === 'close') {
    for (const s of sockets) s.destroy();
    parentPort.postMessage({ type: 'closed' });
  }
});
