import { TmiClusterError } from '@tmi-cluster/core';
import { z } from 'zod';

/** Table prefixes end up in identifiers: lowercase letters, digits, underscores; short enough for MySQL's 64. */
const PREFIX = /^[a-z][a-z0-9_]{0,29}$/;

/**
 * How to reach the database: a `url`, or host/port/user/password/database (PostgreSQL, MySQL),
 * or a `filename` (SQLite, default `tmi-cluster.sqlite`; `:memory:` for a throw-away one).
 */
export const databaseConnectionShape = {
  dialect: z.enum(['postgres', 'mysql', 'sqlite']),
  url: z.string().min(1).optional(),
  host: z.string().min(1).optional(),
  port: z.number().int().min(1).max(65535).optional(),
  user: z.string().min(1).optional(),
  password: z.string().optional(),
  database: z.string().min(1).optional(),
  filename: z.string().min(1).optional(),
  /** Put in front of every table name, so several clusters (or test runs) share one database. */
  tablePrefix: z
    .string()
    .regex(PREFIX, 'must start with a-z and hold only a-z, 0-9 and _ (at most 30)')
    .default('tmi_cluster_'),
  /** Connections in the pool (PostgreSQL, MySQL). */
  poolSize: z.number().int().min(1).max(100).default(10),
};

type ConnectionFields = z.output<z.ZodObject<typeof databaseConnectionShape>>;

/** The rules across keys: which dialect needs (and refuses) which connection keys. */
export function checkConnection(c: ConnectionFields, ctx: z.RefinementCtx): void {
  if (c.dialect === 'sqlite') {
    for (const key of ['url', 'host', 'port', 'user', 'password', 'database'] as const) {
      if (c[key] !== undefined)
        ctx.addIssue({ code: 'custom', path: [key], message: 'not used by sqlite (use filename)' });
    }
    return;
  }
  if (c.filename !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['filename'],
      message: `not used by ${c.dialect} (use url or host)`,
    });
  }
  if (c.url === undefined && c.database === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['url'],
      message: `${c.dialect} needs url, or host and database`,
    });
  }
}

export const databaseConnectionSchema = z.object(databaseConnectionShape).superRefine(checkConnection);

export type DatabaseConnectionOptions = z.output<typeof databaseConnectionSchema>;
export type DatabaseConnectionInput = z.input<typeof databaseConnectionSchema>;

/** Validates connection options; TMI_ERR_INVALID_CONFIG names each key (`database.<key>`) and rule. */
export function resolveConnectionOptions(input: DatabaseConnectionInput): DatabaseConnectionOptions {
  const parsed = databaseConnectionSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `database.${i.path.join('.')}: ${i.message}`);
  throw new TmiClusterError('TMI_ERR_INVALID_CONFIG', issues.join('; '), {
    field: `database.${parsed.error.issues[0]?.path.join('.') ?? ''}`,
    issues,
  });
}
