export { ERROR_CODES, type ErrorCode } from './codes.js';
export { isTmiClusterError, TmiClusterError } from './tmi-cluster-error.js';
