import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../src/exit-codes.js';
import { SUPERVISOR_EXIT } from '@tmi-cluster/core';

describe('exit codes', () => {
  it('repeats the supervisor codes of core', () => {
    expect(EXIT.ok).toBe(SUPERVISOR_EXIT.ok);
    expect(EXIT.memoryLimit).toBe(SUPERVISOR_EXIT.memoryLimit);
    expect(EXIT.forced).toBe(SUPERVISOR_EXIT.forced);
  });

  it('are all documented in docs/cli.md, and nothing else is', () => {
    const doc = readFileSync(new URL('../../../docs/cli.md', import.meta.url), 'utf8');
    const section = doc.slice(
      doc.indexOf('## Exit codes'),
      doc.indexOf('\n## ', doc.indexOf('## Exit codes') + 1),
    );
    const documented = [...section.matchAll(/^\|\s*(\d+)\s*\|/gm)].map((m) => Number(m[1]));
    expect(documented).toEqual([...new Set(Object.values(EXIT))].sort((a, b) => a - b));
  });
});
