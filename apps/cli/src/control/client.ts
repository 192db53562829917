import net from 'node:net';
import { TmiClusterError } from '@tmi-cluster/core';
import type { ControlRequest, ControlResponse } from './protocol.js';

/**
 * Sends one request to a running cluster's control socket and resolves with its result. No
 * cluster listening → TMI_ERR_NOT_CONNECTED with a hint; an error answer is re-thrown with its code.
 */
export function callControl(
  socketPath: string,
  method: ControlRequest['method'],
  params: Record<string, unknown> = {},
  timeoutMs = 30_000,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(socketPath);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new TmiClusterError('TMI_ERR_TIMEOUT', `no answer from ${socketPath} within ${timeoutMs} ms`, {
          method,
        }),
      );
    }, timeoutMs);
    let buffer = '';
    socket.on('connect', () => socket.write(`${JSON.stringify({ id: 1, method, params })}\n`));
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      const nl = buffer.indexOf('\n');
      if (nl === -1) return;
      clearTimeout(timer);
      socket.end();
      const response = JSON.parse(buffer.slice(0, nl)) as ControlResponse;
      if (response.ok) resolve(response.result);
      else reject(new ControlError(response.error.code, response.error.message));
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (err.code === 'ENOENT' || err.code === 'ECONNREFUSED') {
        reject(
          new TmiClusterError(
            'TMI_ERR_NOT_CONNECTED',
            `no running cluster at ${socketPath} (start one with \`tmi-cluster start\` in that directory, or pass --control)`,
            { socketPath },
          ),
        );
      } else reject(err);
    });
  });
}

/** An error the cluster answered with; `code` is its TMI_ERR_* code. */
export class ControlError extends Error {
  override readonly name = 'ControlError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
