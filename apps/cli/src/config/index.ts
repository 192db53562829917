export { CONFIG_FILES, type LoadedConfig, loadConfig, redactConfig } from './load.js';
export { type Config, type ConfigInput, configSchema } from './schema.js';

/** Typed helper for `tmi-cluster.config.ts`: `export default defineConfig({ … })`. */
export function defineConfig<T extends import('./schema.js').ConfigInput>(config: T): T {
  return config;
}
