import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';

/** twitch-sim in its own process, so the measured process holds only the client under test. */
export interface SimProcess {
  wsPort: number;
  tcpPort: number;
  /** Injects `count` PRIVMSG lines (round robin over `channels`) stamped with the current time. */
  inject(count: number, channels: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

export async function startSimProcess(channels: number): Promise<SimProcess> {
  const child: ChildProcess = fork(new URL('./workers/sim-process.mjs', import.meta.url), [], {
    env: { ...process.env, SIM_CHANNELS: String(channels) },
  });
  const [ready] = (await once(child, 'message')) as [{ wsPort: number; tcpPort: number }];
  return {
    wsPort: ready.wsPort,
    tcpPort: ready.tcpPort,
    async inject(count, targets) {
      child.send({ type: 'inject', count, channels: targets });
      await once(child, 'message');
    },
    async close() {
      child.send({ type: 'close' });
      await once(child, 'exit');
    },
  };
}
