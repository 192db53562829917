import { afterEach, describe, expect, it } from 'vitest';
import { serverAvailable } from './helpers/services.js';

// Nothing listens on port 1: the helper must fail the run in CI and skip (with a line) elsewhere.
const NOWHERE = { dialect: 'postgres', host: '127.0.0.1', port: 1, database: 'test' } as const;

describe('serverAvailable', () => {
  const ci = process.env['CI'];
  afterEach(() => {
    if (ci === undefined) delete process.env['CI'];
    else process.env['CI'] = ci;
  });

  it('throws with CI=true when the server is not reachable', async () => {
    process.env['CI'] = 'true';
    await expect(serverAvailable('Nowhere', NOWHERE)).rejects.toThrow(
      /Nowhere is required in CI but not reachable/,
    );
  });

  it('answers false without CI, saying why in one line', async () => {
    delete process.env['CI'];
    const lines: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => lines.push(chunk) > 0) as typeof process.stderr.write;
    try {
      expect(await serverAvailable('Nowhere', NOWHERE)).toBe(false);
    } finally {
      process.stderr.write = write;
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^skipping Nowhere suites: Nowhere not reachable \(.*ECONNREFUSED.*\)\n$/);
  });
});
