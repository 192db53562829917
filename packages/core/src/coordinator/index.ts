export { Coordinator } from './coordinator.js';
export { CoordinatorElection, type CoordinatorElectionOptions, type LeaderRole } from './election.js';
export type { LifecycleEvent, LifecycleEventType } from './event-log.js';
export {
  type CoordinatorOptions,
  type CoordinatorOptionsInput,
  coordinatorOptionsSchema,
  resolveCoordinatorOptions,
} from './options.js';
export type { CoordinatorStatus, WorkerStatus } from './status.js';
export type { CoordinatorDeps } from './term.js';
