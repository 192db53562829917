export { buildProgram, runCli } from './program.js';
export { EXIT } from './exit-codes.js';
export { TmiConnection, type TmiConnectionOptions, tmiConnectionFactory } from './irc/index.js';
export * from './bridge/index.js';
export * from './hosts/index.js';
export { handleSignals } from './signals.js';
export * from './worker-entry/index.js';
export * from './embedded/index.js';
export { type Config, type ConfigInput, configSchema, defineConfig, loadConfig } from './config/index.js';
