import type { z } from 'zod';
import { UsageError } from './usage-error.js';

/**
 * Validates parsed command-line options with a zod schema and turns the first problems into one
 * UsageError that names each option the way the user typed it (`--ws-port`), not the camelCase key.
 */
export function parseOptions<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const key = issue.path.map(String).join('.');
    const flag = key ? `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}` : 'options';
    return `${flag}: ${issue.message}`;
  });
  throw new UsageError(`invalid options\n  ${problems.join('\n  ')}`);
}
