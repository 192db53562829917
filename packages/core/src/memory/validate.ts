import { TmiClusterError } from '../errors/index.js';

/** Throws TMI_ERR_INVALID_ARGUMENT unless `value` is an integer ≥ `min`. */
export function assertInteger(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    const rule = `must be an integer ≥ ${min}`;
    throw new TmiClusterError('TMI_ERR_INVALID_ARGUMENT', `${name} ${rule}, got ${String(value)}`, {
      field: name,
      rule,
      value,
    });
  }
}

/** Throws TMI_ERR_INVALID_ARGUMENT unless `value` is a finite number > 0 (a TTL or a window). */
export function assertDuration(name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) {
    const rule = 'must be a finite number of ms > 0';
    throw new TmiClusterError('TMI_ERR_INVALID_ARGUMENT', `${name} ${rule}, got ${String(value)}`, {
      field: name,
      rule,
      value,
    });
  }
}
