import { TmiClusterError } from '@tmi-cluster/core';

const MISSING_TABLE = /no such table|does(?: not|n't) exist|undefined_table|ER_NO_SUCH_TABLE/i;

/**
 * Runs one store operation and turns a driver error into TMI_ERR_DATABASE naming the operation
 * and the reason (with the hint to migrate when a table is missing); the driver's error stays
 * as `cause`.
 */
export async function guarded<T>(operation: string, dialect: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    const hint = MISSING_TABLE.test(reason) ? ' (run `tmi-cluster migrate`)' : '';
    throw new TmiClusterError(
      'TMI_ERR_DATABASE',
      `${dialect} ${operation} failed: ${reason}${hint}`,
      { operation, dialect, reason },
      { cause: err },
    );
  }
}
