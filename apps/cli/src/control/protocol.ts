import { z } from 'zod';

/**
 * Requests the `tmi-cluster` commands send to a running embedded cluster over its control socket:
 * one JSON object per line, answered by one JSON line with the same `id`. (In cluster mode the
 * commands talk to Redis instead and need no socket.)
 */
export const controlRequestSchema = z.object({
  id: z.number().int(),
  method: z.enum(['join', 'part', 'say', 'status', 'health', 'authorize', 'revoke']),
  params: z.record(z.string(), z.unknown()).default({}),
});
export type ControlRequest = z.infer<typeof controlRequestSchema>;

export type ControlResponse =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: { code: string; message: string } };

/** What the control server calls; implemented by the embedded cluster. */
export type ControlHandler = (
  method: ControlRequest['method'],
  params: Record<string, unknown>,
) => Promise<unknown>;
