import { z } from 'zod';

/**
 * A stretch of a channel's chat the cluster may have missed: lines between `from` and `to` (epoch
 * ms) may never have been received. `reconnect`: one connection of `workerId` dropped and re-joined
 * (`connectionId` is the one that confirmed it again); `worker-lost`: the worker holding the
 * channel died (`from` = its last heartbeat) and another one confirmed it at `to`. The coordinator
 * keeps the newest in its status and appends each to `Streams.gaps`, from where clients deliver
 * them to `cluster.on('gap', …)`.
 */
export const gapRecordSchema = z.object({
  channel: z.string(),
  from: z.number(),
  to: z.number(),
  workerId: z.string(),
  connectionId: z.string().optional(),
  cause: z.enum(['reconnect', 'worker-lost']),
});
export type GapRecord = z.infer<typeof gapRecordSchema>;
