// Shared vitest settings for every package. Tests resolve workspace packages to their
// TypeScript sources through the "source" export condition, so no build is needed to test.
import { defineProject } from 'vitest/config';

/**
 * @param {string} name project name shown in vitest's output
 * @param {import('vitest/config').UserWorkspaceConfig['test']} [test] extra test options
 */
export function packageProject(name, test = {}) {
  return defineProject({
    resolve: { conditions: ['source'] },
    ssr: { resolve: { conditions: ['source'] } },
    test: {
      name,
      environment: 'node',
      include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
      testTimeout: 30_000,
      hookTimeout: 30_000,
      ...test,
    },
  });
}
