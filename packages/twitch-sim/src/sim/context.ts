import type { EventEmitter } from 'node:events';
import type { AccountTable } from './accounts.js';
import type { ChannelDirectory } from './channel-directory.js';
import type { SimEvents } from './events.js';
import type { GroundTruth } from './ground-truth.js';
import type { RateLimiter } from './limits/types.js';
import type { ResolvedOptions } from './options.js';

/** What every session handler may use: the sim's shared state, nothing of the sockets. */
export interface SimContext {
  readonly options: ResolvedOptions;
  readonly accounts: AccountTable;
  readonly channels: ChannelDirectory;
  readonly limiter: RateLimiter;
  readonly groundTruth: GroundTruth;
  readonly events: EventEmitter<SimEvents>;
}
