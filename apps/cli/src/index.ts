export { buildProgram, runCli } from './program.js';
export { EXIT } from './exit-codes.js';
export { TmiConnection, type TmiConnectionOptions, tmiConnectionFactory } from './irc/index.js';
