export { CrashHistory, type RestartDelay } from './crash-history.js';
export type { SupervisorEvent, SupervisorEventType } from './events.js';
export { SUPERVISOR_EXIT, type SupervisorExitCode } from './exit-codes.js';
export {
  resolveSupervisorOptions,
  type SupervisorOptions,
  type SupervisorOptionsInput,
  supervisorOptionsSchema,
} from './options.js';
export type { SupervisorStatus, SupervisorWorkerStatus } from './status.js';
export { Supervisor, type SupervisorDeps, type TerminateOptions } from './supervisor.js';
export type { HangReason, RetireReason, SlotState } from './worker-slot.js';
