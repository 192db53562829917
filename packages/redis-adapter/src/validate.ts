import { TmiClusterError } from '@tmi-cluster/core';

/** Throws TMI_ERR_INVALID_ARGUMENT naming the field and the rule. */
export function invalid(field: string, rule: string, value: unknown): never {
  throw new TmiClusterError('TMI_ERR_INVALID_ARGUMENT', `${field} ${rule}, got ${String(value)}`, {
    field,
    rule,
    value,
  });
}

/** Throws TMI_ERR_INVALID_ARGUMENT unless `value` is an integer ≥ `min`. */
export function assertInteger(field: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) invalid(field, `must be an integer ≥ ${min}`, value);
}

/**
 * Throws unless `value` is a finite number of ms > 0, and returns it as whole ms for Redis
 * (PX and PEXPIREAT take integers): rounded up, so a TTL never ends early.
 */
export function durationMs(field: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) invalid(field, 'must be a finite number of ms > 0', value);
  return Math.ceil(value);
}

// Record and unit separators: the assignment scripts join values with them.
const SEPARATORS = ['\x1e', '\x1f'];

/** Throws unless `value` is free of the separators the assignment encoding uses. */
export function assertPlain(field: string, value: string): void {
  if (SEPARATORS.some((separator) => value.includes(separator)))
    invalid(field, 'must not contain the control characters \\x1e or \\x1f', value);
}
