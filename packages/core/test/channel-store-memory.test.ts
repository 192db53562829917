import { MemoryChannelStore } from '../src/memory/memory-channel-store.js';
import { channelStoreContract, manualClockFactory } from '../src/testing/index.js';

channelStoreContract(
  'memory',
  manualClockFactory(() => new MemoryChannelStore()),
);
