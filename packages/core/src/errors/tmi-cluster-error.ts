import { ERROR_CODES, type ErrorCode } from './codes.js';

/**
 * Base of every error tmi-cluster throws on purpose. `code` is stable and documented in
 * docs/errors.md (a test keeps the two in step); `details` names the field and the rule that
 * failed, so an operator can act without reading a stack trace.
 */
export class TmiClusterError extends Error {
  override readonly name = 'TmiClusterError';
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: ErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    options?: ErrorOptions,
  ) {
    super(`${code}: ${message}`, options);
    this.code = code;
    this.details = details;
  }

  /** What the code means in general (the message says what happened this time). */
  get summary(): string {
    return ERROR_CODES[this.code];
  }
}

/** Narrowing helper that works across package copies (checks the code, not the prototype). */
export function isTmiClusterError(err: unknown, code?: ErrorCode): err is TmiClusterError {
  if (typeof err !== 'object' || err === null) return false;
  const c = (err as { code?: unknown }).code;
  return typeof c === 'string' && c in ERROR_CODES && (code === undefined || c === code);
}
