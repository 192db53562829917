/**
 * The worker-host port and the supervisor's exit codes from @tmi-cluster/core, in one place.
 * Linked to core's source because core's index does not export them yet; once it does, this
 * file becomes `export { … } from '@tmi-cluster/core'` and nothing else changes.
 */
export {
  type Parsed,
  parseSupervisorMessage,
  parseWorkerMessage,
  type SupervisorToWorker,
  type WorkerExit,
  type WorkerHandle,
  type WorkerHandleEvents,
  type WorkerHost,
  type WorkerSpawnOptions,
  type WorkerToSupervisor,
} from '@tmi-cluster/core';
export { SUPERVISOR_EXIT } from '@tmi-cluster/core';
