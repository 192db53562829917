import { toChannelLogin } from '@tmi-cluster/core';
import { z } from 'zod';
import { CHANNEL_FILTERS } from '../backend/types.js';

/** A channel login; `#Foo` is accepted and read as `foo`. */
export const channelLogin = z
  .string()
  .transform((s) => s.trim().replace(/^#/, '').toLowerCase())
  .pipe(
    z.string().regex(/^[a-z0-9_]{1,25}$/, 'must be a Twitch login (1-25 of a-z, 0-9, _), optionally with #'),
  );

export const channelList = z
  .array(channelLogin)
  .min(1, 'name at least one channel')
  .max(10_000, 'at most 10,000 channels per request');

export const loginParams = z.object({ login: channelLogin });

export const channelsQuery = z.object({
  search: z.string().max(100).default(''),
  filter: z.enum(CHANNEL_FILTERS).default('all'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int('must be a whole number').min(1).max(500).default(50),
});

export const eventsQuery = z.object({
  limit: z.coerce.number().int('must be a whole number').min(1).max(1_000).default(200),
});

export const joinBody = z.object({ channels: channelList, authorize: z.boolean().optional() });
export const channelsBody = z.object({ channels: channelList });
export const authorizeBody = z.object({ channels: channelList, reconnect: z.boolean().optional() });
export const sayBody = z.object({
  channel: channelLogin,
  text: z.string().min(1, 'must not be empty').max(10_000),
  replyTo: z.string().min(1).max(100).optional(),
});
export const supervisorParams = z.object({
  id: z.string().min(1).max(200),
  action: z.enum(['pause', 'continue', 'terminate']),
});
export const scaleBody = z.object({
  workers: z.number().int('must be a whole number').min(0).max(10_000),
  supervisor: z.string().min(1).max(200).optional(),
});

/** Cursors are opaque to clients: the last login of the page, base64url-encoded. */
export function encodeCursor(login: string | null): string | null {
  return login === null ? null : Buffer.from(login, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): string | null | undefined {
  if (cursor === undefined || cursor === '') return null;
  const login = Buffer.from(cursor, 'base64url').toString('utf8');
  return /^[a-z0-9_]{1,25}$/.test(login) ? login : undefined;
}

export { toChannelLogin };
