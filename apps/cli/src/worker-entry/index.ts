export type { LifecycleChannel } from './channel.js';
export type { WorkerContext, WorkerLifecycle, WorkerMain, WorkerPorts } from './contract.js';
export { processPorts, workerMain } from './main.js';
export { type ProcessPortsFactory, runProcessWorker } from './process.js';
export { type RunWorkerOptions, runWorker } from './run.js';
export { runThreadWorker } from './thread.js';
export {
  BRIDGE_PORT_KEY,
  readWorkerData,
  WORKER_DATA_ENV,
  type WorkerData,
  workerDataFromEnv,
} from './worker-data.js';
