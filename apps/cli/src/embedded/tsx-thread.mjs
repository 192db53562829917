// Source-mode worker-thread loader (see thread-entry.ts): Node 20 ignores `--import tsx` in a
// thread's execArgv, so register tsx here, then load the TypeScript entry from workerData.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.tsEntry);
