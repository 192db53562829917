/** Entry module of a worker thread (ThreadWorkerHost's `entry` in production). */
import { workerMain } from './main.js';
import { runThreadWorker } from './thread.js';

await runThreadWorker(workerMain);
