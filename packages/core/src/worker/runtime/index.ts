export {
  decodeEventEntry,
  type EventBatchFields,
  type EventFields,
  encodeEventEntries,
  fromEventFields,
  toEventFields,
} from './event-wire.js';
export {
  resolveRuntimeOptions,
  type ResolvedRuntimeOptions,
  type RuntimePoolOptions,
  type WorkerRuntimeEvent,
  type WorkerRuntimeOptions,
  workerRuntimeOptionsSchema,
} from './options.js';
export {
  WorkerRuntime,
  type WorkerRuntimeDeps,
  type WorkerRuntimeState,
  type WorkerRuntimeStatus,
} from './runtime.js';
export { MAX_MESSAGE_CHARS, prepareSay, type PreparedSay, splitAtWords } from './say-text.js';
export type { PublisherStatus } from './stream-publisher.js';
export type { RuntimeStats } from './stats.js';
