import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*'],
    reporters: ['default', './tooling/vitest-preset/summary-reporter.js'],
    // `--tags-filter='!scale'` leaves out the end-to-end runs at thousands of channels (~1 min each).
    tags: [
      {
        name: 'scale',
        description: 'End to end at thousands of channels against twitch-sim (about a minute each)',
        timeout: 180_000,
      },
    ],
  },
});
