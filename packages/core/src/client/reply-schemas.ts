import { z } from 'zod';
import type { JoinResult } from '../protocol/results.js';

const requestId = z.string();
const channels = z.array(z.string());

/** {@link JoinResult} as the coordinator sends it. */
export const joinResultSchema: z.ZodType<JoinResult> = z.object({
  resolved: z.record(z.string(), z.string()),
  ignored: z.record(z.string(), z.string()),
  rejected: channels,
  unauthorized: channels,
});

/** The coordinator's answers (`CoordinatorReply` in protocol/results.ts), one schema per type. */
export const coordinatorReplySchemas = {
  join: z.object({ type: z.literal('join'), requestId, result: joinResultSchema }),
  part: z.object({ type: z.literal('part'), requestId, parted: channels }),
  authorize: z.object({ type: z.literal('authorize'), requestId, channels }),
  revoke: z.object({ type: z.literal('revoke'), requestId, channels }),
} as const;
