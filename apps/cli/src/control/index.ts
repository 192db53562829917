export { callControl, ControlError } from './client.js';
export type { ControlHandler, ControlRequest, ControlResponse } from './protocol.js';
export { type ControlServer, serveControl } from './server.js';
export { defaultControlPath } from './socket-path.js';
