import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from 'svelte/compiler';
import { describe, expect, it } from 'vitest';

const ui = fileURLToPath(new URL('../ui', import.meta.url));

function svelteFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? svelteFiles(join(dir, e.name)) : e.name.endsWith('.svelte') ? [join(dir, e.name)] : [],
  );
}

// No svelte-check here: the compiler's own warnings (accessibility, unused exports, invalid
// markup) are the gate for the components, the logic they call lives in type-checked modules.
describe('dashboard components', () => {
  const files = svelteFiles(ui);

  it('finds every screen', () => {
    expect(files.map((f) => relative(ui, f)).sort()).toEqual(
      expect.arrayContaining([
        'App.svelte',
        'views/Overview.svelte',
        'views/Channels.svelte',
        'views/Invite.svelte',
      ]),
    );
  });

  it.each(files.map((f) => [relative(ui, f), f]))('%s compiles without warnings', (_name, file) => {
    const result = compile(readFileSync(file, 'utf8'), { filename: file, generate: 'client' });
    expect(result.warnings.map((w) => `${w.code}: ${w.message}`)).toEqual([]);
  });
});
