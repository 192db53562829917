import { readFile } from 'node:fs/promises';

/**
 * Resident set size of a process in bytes from `/proc/<pid>/status` (Linux), without a
 * dependency; null elsewhere or when the process is gone.
 */
export async function readRss(pid: number): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match === null ? null : Number(match[1]) * 1024;
  } catch {
    return null;
  }
}
