// Child process: runs twitch-sim so the benchmark process measures only the client under test
// (its CPU time and memory). Controlled over IPC:
//   parent → { type: 'inject', count, channels }  inject `count` PRIVMSG lines spread over channels
//   child  → { type: 'ready', wsPort, tcpPort } / { type: 'injected', total }
import { startTwitchSim } from '@tmi-cluster/twitch-sim';

const channels = Number(process.env.SIM_CHANNELS ?? 100);
const sim = await startTwitchSim({
  channels,
  limits: { enabled: false },
  accounts: [{ login: 'benchbot', tokens: ['benchbottoken'], profile: 'unlimited' }],
});
let seq = 0;
const line = (channel, now) =>
  `@badge-info=;badges=;color=#1E90FF;display-name=Viewer${seq % 97};emotes=;first-msg=0;flags=;id=00000000-0000-4000-8000-${String(seq++).padStart(12, '0')};mod=0;returning-chatter=0;room-id=1000;subscriber=0;tmi-sent-ts=${now};turbo=0;user-id=${1000 + (seq % 97)};user-type= :viewer${seq % 97}!viewer${seq % 97}@viewer${seq % 97}.tmi.twitch.tv PRIVMSG #${channel} :this is a fairly ordinary chat line number ${seq} Kappa`;

process.on('message', (msg) => {
  if (msg.type === 'inject') {
    const now = Date.now();
    const targets = msg.channels;
    for (let i = 0; i < msg.count; i++) {
      const channel = targets[i % targets.length];
      sim.inject(channel, line(channel, now));
    }
    process.send({ type: 'injected', total: seq });
  } else if (msg.type === 'close') {
    void sim.close().then(() => process.exit(0));
  }
});
process.on('disconnect', () => process.exit(0));
process.send({ type: 'ready', wsPort: sim.wsPort, tcpPort: sim.tcpPort });
