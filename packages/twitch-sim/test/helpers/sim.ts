import { afterEach } from 'vitest';
import { startTwitchSim, type TwitchSim, type TwitchSimOptions } from '../../src/index.js';
import type { RawClient } from './raw-client.js';

/** Accounts most tests log in with. */
export const ACCOUNTS = [
  { login: 'bot', userId: '1001', displayName: 'Bot', tokens: ['bottoken'] },
  { login: 'alice', userId: '1002', displayName: 'Alice', color: '#FF0000', tokens: ['alicetoken'] },
  { login: 'bob', userId: '1003', displayName: 'Bob', tokens: ['bobtoken'] },
];

const open: { close(): Promise<void> }[] = [];
/** Bugs the sim reported while handling client lines; any fails the test. */
const internalErrors: unknown[] = [];

/** Starts a sim that is closed after the test, with test-friendly defaults (merged under `options`). */
export async function testSim(options: TwitchSimOptions = {}): Promise<TwitchSim> {
  const sim = await startTwitchSim({
    accounts: ACCOUNTS,
    channels: [
      { login: 'c', roomId: '42' },
      { login: 'd', roomId: '43' },
    ],
    ...options,
  });
  sim.on('internalError', (err) => internalErrors.push(err));
  open.push(sim);
  return sim;
}

/** Registers a client (or anything closable) to be closed after the test. */
export function track<T extends RawClient | { close(): Promise<void> }>(client: T): T {
  open.unshift(client);
  return client;
}

afterEach(async () => {
  const all = open.splice(0);
  for (const item of all) await item.close();
  const errors = internalErrors.splice(0);
  if (errors.length > 0) throw new AggregateError(errors, 'the sim reported internal errors');
});
