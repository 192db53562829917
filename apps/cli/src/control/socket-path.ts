import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';

// Unix socket paths are limited to ~104–108 bytes depending on the OS.
const MAX_SOCKET_PATH = 100;

/**
 * Where a cluster started in `cwd` listens for commands: `.tmi-cluster.sock` in that directory,
 * or, when that path is too long for a Unix socket, a name in the temp directory derived from it.
 */
export function defaultControlPath(cwd: string = process.cwd()): string {
  const local = path.join(cwd, '.tmi-cluster.sock');
  if (Buffer.byteLength(local) <= MAX_SOCKET_PATH) return local;
  const hash = createHash('sha256').update(cwd).digest('hex').slice(0, 16);
  return path.join(tmpdir(), `tmi-cluster-${hash}.sock`);
}
