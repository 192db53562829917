import { checkConnection, databaseConnectionShape } from '@tmi-cluster/db';
import { z } from 'zod';

/**
 * `database`: where the Database channel manager keeps its list (PostgreSQL, MySQL/MariaDB or
 * SQLite), and how it behaves. Without this section every channel is allowed (Dummy manager).
 * docs/configuration.md and docs/database.md say why each default is what it is.
 */
export const databaseSectionSchema = z
  .strictObject({
    ...databaseConnectionShape,
    /** Hours without a join request after which a channel is stale and parted (the original's 168 = 7 days). */
    staleHours: z.number().gt(0).max(87_600).default(168),
    autoCleanup: z
      .strictObject({
        /** Parts stale (and revoked) channels. Off: only explicit revokes and parts remove channels. */
        enabled: z.boolean().default(true),
        /** Cleanup runs every intervalMs plus a random delay up to maxDelayMs (the original's 300 s + 600 s). */
        intervalMs: z.number().int().positive().default(300_000),
        maxDelayMs: z.number().int().min(0).default(600_000),
      })
      .prefault({}),
    /** How often channels authorized with `reconnect` that nobody holds are joined (the original's 30 s). */
    reconnectIntervalMs: z.number().int().positive().default(30_000),
    /** `say` to a channel the manager does not authorize is refused (`rejected`, reason `unauthorized`). */
    restrictMessages: z.boolean().default(false),
    /** Apply pending migrations when the cluster starts (embedded mode). Off: run `tmi-cluster migrate`. */
    migrate: z.boolean().default(true),
  })
  .superRefine(checkConnection);

export type DatabaseSection = z.output<typeof databaseSectionSchema>;
