/** Entry module of a worker process (ProcessWorkerHost's `entry` in production). */
import { processPorts, workerMain } from './main.js';
import { runProcessWorker } from './process.js';

await runProcessWorker(workerMain, processPorts);
