import { ERROR_CODES, type ErrorCode, TmiClusterError } from '@tmi-cluster/core';

/**
 * Messages on the bridge's MessagePort, as flat tuples: the smallest structured-clone payload.
 * A request with port '' is a ping (answered once every earlier request was received).
 */
export type Request = [id: number, port: string, method: string, args: unknown[]];
export type Response = [id: number, ok: 1, value: unknown] | [id: number, ok: 0, error: WireError];

/** An error as it crosses the port: enough to rebuild a TmiClusterError with code and details. */
export interface WireError {
  name: string;
  message: string;
  code?: string;
  details?: Record<string, unknown>;
}

export function toWireError(err: unknown): WireError {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err) };
  const wire: WireError = { name: err.name, message: err.message };
  const { code, details } = err as { code?: unknown; details?: unknown };
  if (typeof code === 'string') wire.code = code;
  if (typeof details === 'object' && details !== null) wire.details = { ...details };
  return wire;
}

/** The error to throw in the caller: a TmiClusterError for our codes (same code, message, details). */
export function fromWireError(wire: WireError): Error {
  if (wire.code !== undefined && wire.code in ERROR_CODES) {
    const code = wire.code as ErrorCode;
    // TmiClusterError prefixes its code; the wire message already has it.
    const prefix = `${code}: `;
    const text = wire.message.startsWith(prefix) ? wire.message.slice(prefix.length) : wire.message;
    return new TmiClusterError(code, text, wire.details ?? {});
  }
  const err = new Error(wire.message);
  err.name = wire.name;
  if (wire.code !== undefined) Object.assign(err, { code: wire.code });
  return err;
}

export function isRequest(value: unknown): value is Request {
  return (
    Array.isArray(value) &&
    value.length === 4 &&
    typeof value[0] === 'number' &&
    typeof value[1] === 'string' &&
    typeof value[2] === 'string' &&
    Array.isArray(value[3])
  );
}

export function isResponse(value: unknown): value is Response {
  return Array.isArray(value) && value.length === 3 && typeof value[0] === 'number';
}
