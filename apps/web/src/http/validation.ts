import type { FastifyInstance, FastifySchema } from 'fastify';
import { z } from 'zod';

/** One broken rule: the field's path (`channels.0`) and what it must be. */
export interface Issue {
  path: string;
  message: string;
}

/** A request part broke its schema; answered as 400 `{error:'validation', issues}`. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  readonly statusCode = 400;
  readonly code = 'FST_ERR_VALIDATION';
  constructor(readonly issues: Issue[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  }
}

export function issuesOf(error: z.ZodError): Issue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message }));
}

/**
 * Route schemas are zod schemas: fastify validates with them (replacing the part with the parsed
 * value, defaults filled in) and @fastify/swagger documents their JSON-schema form.
 */
export function useZod(app: FastifyInstance): void {
  app.setValidatorCompiler(({ schema, httpPart }) => {
    const zod = schema as unknown as z.ZodType;
    return (data: unknown) => {
      // An empty body arrives as null; a command without fields is `{}`.
      const input = httpPart === 'body' && (data === null || data === undefined) ? {} : data;
      const parsed = zod.safeParse(input);
      if (parsed.success) return { value: parsed.data };
      return { error: new ValidationError(issuesOf(parsed.error)) };
    };
  });
  // Response schemas are documentation only: the handlers return typed values already.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
}

/** Converts a route's zod schemas to JSON Schema for the OpenAPI document. */
export function toOpenApi(schema: FastifySchema | undefined): FastifySchema | undefined {
  if (schema === undefined) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'response' && value !== null && typeof value === 'object') {
      const responses: Record<string, unknown> = {};
      for (const [code, r] of Object.entries(value)) responses[code] = jsonSchema(r);
      out[key] = responses;
    } else out[key] = jsonSchema(value);
  }
  return out as FastifySchema;
}

function jsonSchema(value: unknown): unknown {
  if (value instanceof z.ZodType) {
    const { $schema: _drop, ...rest } = z.toJSONSchema(value, {
      io: 'input',
      unrepresentable: 'any',
    }) as Record<string, unknown>;
    return rest;
  }
  return value;
}
