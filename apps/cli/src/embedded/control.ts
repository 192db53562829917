import { TmiClusterError } from '@tmi-cluster/core';
import { z } from 'zod';
import type { ControlHandler } from '../control/protocol.js';
import type { EmbeddedCluster } from './cluster.js';
import { judgeHealth } from './health.js';

const channels = z.array(z.string()).min(1, 'name at least one channel');
const schemas = {
  join: z.object({ channels, authorize: z.boolean().optional() }),
  part: z.object({ channels }),
  authorize: z.object({ channels, reconnect: z.boolean().optional() }),
  revoke: z.object({ channels }),
  say: z.object({
    channel: z.string().min(1),
    text: z.string().min(1),
    replyTo: z.string().min(1).optional(),
  }),
  health: z.object({ atLeastOne: z.boolean().optional() }),
} as const;

/**
 * Answers the control socket's requests with the embedded cluster's client (join, part, say,
 * authorize, revoke), its status and its health. Params are validated here because they come from
 * another process; a bad one is TMI_ERR_INVALID_COMMAND, a bad channel name the client's own
 * TMI_ERR_INVALID_CHANNEL.
 */
export function controlHandler(cluster: EmbeddedCluster): ControlHandler {
  const { client } = cluster;
  return async (method, params) => {
    switch (method) {
      case 'join': {
        const p = read(schemas.join, params);
        return client.join(p.channels, p.authorize === undefined ? {} : { authorize: p.authorize });
      }
      case 'part':
        return client.part(read(schemas.part, params).channels);
      case 'authorize': {
        const p = read(schemas.authorize, params);
        return client.authorize(p.channels, p.reconnect === undefined ? {} : { reconnect: p.reconnect });
      }
      case 'revoke':
        return client.revoke(read(schemas.revoke, params).channels);
      case 'say': {
        const p = read(schemas.say, params);
        return client.say(p.channel, p.text, p.replyTo === undefined ? {} : { replyTo: p.replyTo });
      }
      case 'status':
        return cluster.status();
      case 'health':
        return judgeHealth(await cluster.status(), read(schemas.health, params).atLeastOne === true);
    }
  };
}

/** Validates params; a problem names the field, with the code the CLI prints as bad usage. */
function read<S extends z.ZodType>(schema: S, params: unknown): z.infer<S> {
  const parsed = schema.safeParse(params);
  if (parsed.success) return parsed.data;
  const reason = parsed.error.issues.map((i) => `${i.path.join('.') || 'params'}: ${i.message}`).join('; ');
  throw new TmiClusterError('TMI_ERR_INVALID_COMMAND', reason, { reason });
}
