export { isControlLine } from './control-lines.js';
export { TmiConnection, type TmiConnectionOptions } from './tmi-connection.js';
export { tmiConnectionFactory } from './tmi-factory.js';
