import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, isTmiClusterError, TmiClusterError } from '../src/errors/index.js';

const docs = readFileSync(fileURLToPath(new URL('../../../docs/errors.md', import.meta.url)), 'utf8');

describe('error codes', () => {
  it('docs/errors.md lists exactly the codes in codes.ts, with the same meaning', () => {
    const documented = new Map<string, string>();
    for (const m of docs.matchAll(/^\|\s*`(TMI_ERR_[A-Z_]+)`\s*\|\s*(.+?)\s*\|$/gm))
      documented.set(m[1]!, m[2]!);
    expect([...documented.keys()].sort()).toEqual(Object.keys(ERROR_CODES).sort());
    for (const [code, meaning] of Object.entries(ERROR_CODES)) expect(documented.get(code)).toBe(meaning);
  });

  it('carries the code, details and summary, and is recognised by code', () => {
    const err = new TmiClusterError('TMI_ERR_INVALID_CHANNEL', 'bad', { channel: '#' });
    expect(err.message).toBe('TMI_ERR_INVALID_CHANNEL: bad');
    expect(err.details).toEqual({ channel: '#' });
    expect(err.summary).toBe(ERROR_CODES.TMI_ERR_INVALID_CHANNEL);
    expect(isTmiClusterError(err, 'TMI_ERR_INVALID_CHANNEL')).toBe(true);
    expect(isTmiClusterError(err, 'TMI_ERR_TIMEOUT')).toBe(false);
    expect(isTmiClusterError({ code: 'ENOENT' })).toBe(false);
  });
});
