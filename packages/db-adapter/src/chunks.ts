/**
 * Rows or values per statement. PostgreSQL and MySQL allow 65,535 bind parameters, SQLite
 * 32,766; 1,000 logins (8,000 parameters for an 8-column upsert) stays far below all three
 * while keeping 100,000 channels at 100 statements.
 */
export const CHUNK = 1_000;

/** Splits `items` into runs of at most `size`. */
export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
