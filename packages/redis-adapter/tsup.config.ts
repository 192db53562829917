import { cpSync } from 'node:fs';
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  // The Lua scripts are read at run time from `./lua/` next to the bundle (src/scripts/load.ts).
  onSuccess: async () => {
    cpSync('src/scripts/lua', 'dist/lua', { recursive: true });
  },
});
