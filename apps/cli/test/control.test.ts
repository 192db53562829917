import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isTmiClusterError, TmiClusterError } from '@tmi-cluster/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type ControlServer, callControl, defaultControlPath, serveControl } from '../src/control/index.js';

const servers: ControlServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function socketPath(): string {
  return path.join(mkdtempSync(path.join(tmpdir(), 'tmi-ctl-')), 'c.sock');
}

describe('control socket', () => {
  it('answers requests and passes error codes through', async () => {
    const file = socketPath();
    servers.push(
      await serveControl(file, async (method, params) => {
        if (method === 'join') return { resolved: params['channels'] };
        throw new TmiClusterError('TMI_ERR_INVALID_CHANNEL', 'bad name', {});
      }),
    );
    expect(await callControl(file, 'join', { channels: ['a'] })).toEqual({ resolved: ['a'] });
    const err = await callControl(file, 'part', {}).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'TMI_ERR_INVALID_CHANNEL',
      message: 'TMI_ERR_INVALID_CHANNEL: bad name',
    });
  });

  it('answers malformed requests with an error line and keeps serving', async () => {
    const file = socketPath();
    servers.push(await serveControl(file, async () => 'ok'));
    const answers = await new Promise<string[]>((resolve) => {
      const socket = net.connect(file);
      let data = '';
      socket.on('connect', () =>
        socket.write('not json\n{"id":7,"method":"nope"}\n{"id":8,"method":"status"}\n'),
      );
      socket.on('data', (b) => {
        data += b.toString();
        if (data.split('\n').length > 3) {
          socket.end();
          resolve(data.trim().split('\n'));
        }
      });
    });
    const parsed = answers.map((a) => JSON.parse(a) as { id: number; ok: boolean });
    expect(parsed.find((a) => a.id === -1)).toMatchObject({
      ok: false,
      error: { code: 'TMI_ERR_INVALID_COMMAND' },
    });
    expect(parsed.find((a) => a.id === 7)).toMatchObject({
      ok: false,
      error: { code: 'TMI_ERR_INVALID_COMMAND' },
    });
    expect(parsed.find((a) => a.id === 8)).toEqual({ id: 8, ok: true, result: 'ok' });
  });

  it('replaces a stale socket file but refuses to take over a live one', async () => {
    const file = socketPath();
    writeFileSync(file, '');
    const first = await serveControl(file, async () => 1);
    servers.push(first);
    await expect(serveControl(file, async () => 2)).rejects.toThrow(/already listening/);
    expect(await callControl(file, 'status')).toBe(1);
  });

  it('says clearly when no cluster is running', async () => {
    const err = await callControl(socketPath(), 'status').catch((e: unknown) => e);
    expect(isTmiClusterError(err, 'TMI_ERR_NOT_CONNECTED')).toBe(true);
    expect((err as Error).message).toMatch(/no running cluster at .*tmi-cluster start/);
  });

  it('keeps socket paths short enough for Unix sockets', () => {
    expect(defaultControlPath('/srv/app')).toBe('/srv/app/.tmi-cluster.sock');
    const long = defaultControlPath(`/${'x'.repeat(200)}`);
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(100);
    expect(long).toMatch(/tmi-cluster-[0-9a-f]{16}\.sock$/);
  });
});
