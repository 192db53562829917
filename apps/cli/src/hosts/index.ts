export { ProcessWorkerHost, type ProcessWorkerHostOptions } from './process-host.js';
export { readRss } from './proc-memory.js';
export { ThreadWorkerHost, type ThreadWorkerHostOptions } from './thread-host.js';
