import type { z } from 'zod';
import type { StreamLog } from '../ports/stream-log.js';
import type { CoordinatorCommand } from '../protocol/commands.js';
import { encodePayload } from '../protocol/envelope.js';
import type { JoinResult } from '../protocol/results.js';
import { Streams } from '../protocol/streams.js';
import { chunk, normaliseChannels, runParts } from './channel-input.js';
import type { ReplyInbox } from './reply-inbox.js';
import { coordinatorReplySchemas } from './reply-schemas.js';

/**
 * Chunk requests in flight at once: enough that the coordinator finds several in one poll (it reads
 * up to 100 commands per tick), few enough that each chunk's time limit is about its own work.
 */
const CHUNKS_IN_FLIGHT = 8;

export interface JoinOptions {
  /** Authorize the channels in the channel manager first (the CLI's `join --authorize`). */
  authorize?: boolean;
  /** With `authorize`: mark them for auto-reconnect (re-joined whenever nobody holds them). */
  reconnect?: boolean;
}

export interface AuthorizeOptions {
  /** Mark the channels for auto-reconnect. */
  reconnect?: boolean;
}

/** Outcome of `part`: `parted` were wanted and are now parted everywhere; `notJoined` were not wanted. */
export interface PartResult {
  parted: string[];
  notJoined: string[];
}

export interface ChannelRequestsDeps {
  streams: StreamLog;
  inbox: ReplyInbox;
  clientId: string;
  requestTimeoutMs: number;
  maxChannelsPerRequest: number;
  newRequestId(): string;
}

/** join, part, authorize and revoke: validated, chunked, sent to the coordinator, answers merged. */
export class ChannelRequests {
  readonly #d: ChannelRequestsDeps;

  constructor(deps: ChannelRequestsDeps) {
    this.#d = deps;
  }

  async join(input: string | readonly string[], options: JoinOptions = {}): Promise<JoinResult> {
    const flags = {
      ...(options.authorize === undefined ? {} : { authorize: options.authorize }),
      ...(options.reconnect === undefined ? {} : { reconnect: options.reconnect }),
    };
    const replies = await this.#send(input, coordinatorReplySchemas.join, (channels, meta) => ({
      type: 'join',
      channels,
      ...flags,
      ...meta,
    }));
    const merged: JoinResult = { resolved: {}, ignored: {}, rejected: [], unauthorized: [] };
    for (const { result } of replies) {
      Object.assign(merged.resolved, result.resolved);
      Object.assign(merged.ignored, result.ignored);
      merged.rejected.push(...result.rejected);
      merged.unauthorized.push(...result.unauthorized);
    }
    return merged;
  }

  async part(input: string | readonly string[]): Promise<PartResult> {
    const asked = normaliseChannels(input);
    const replies = await this.#send(asked, coordinatorReplySchemas.part, (channels, meta) => ({
      type: 'part',
      channels,
      ...meta,
    }));
    const parted = new Set(replies.flatMap((r) => r.parted));
    return { parted: [...parted], notJoined: asked.filter((c) => !parted.has(c)) };
  }

  /** Allows the channels in the channel manager; resolves with the normalised names. */
  async authorize(input: string | readonly string[], options: AuthorizeOptions = {}): Promise<string[]> {
    const flags = options.reconnect === undefined ? {} : { reconnect: options.reconnect };
    const replies = await this.#send(input, coordinatorReplySchemas.authorize, (channels, meta) => ({
      type: 'authorize',
      channels,
      ...flags,
      ...meta,
    }));
    return replies.flatMap((r) => r.channels);
  }

  /** Revokes the channels (the coordinator parts them at once); resolves with the normalised names. */
  async revoke(input: string | readonly string[]): Promise<string[]> {
    const replies = await this.#send(input, coordinatorReplySchemas.revoke, (channels, meta) => ({
      type: 'revoke',
      channels,
      ...meta,
    }));
    return replies.flatMap((r) => r.channels);
  }

  /**
   * Validates every name before anything is sent, then sends one command per chunk and awaits each
   * chunk's answer. An empty list sends nothing (the coordinator's schema wants at least one name).
   */
  async #send<R>(
    input: string | readonly string[],
    schema: z.ZodType<R>,
    build: (channels: string[], meta: { requestId: string; respondTo: string }) => CoordinatorCommand,
  ): Promise<R[]> {
    const channels = normaliseChannels(input);
    const { inbox, streams, clientId, requestTimeoutMs, maxChannelsPerRequest } = this.#d;
    return runParts(chunk(channels, maxChannelsPerRequest), CHUNKS_IN_FLIGHT, (part) => {
      const requestId = this.#d.newRequestId();
      const command = build(part, { requestId, respondTo: clientId });
      return inbox.request({
        requestId,
        what: `${command.type} of ${part.length} channel(s)`,
        timeoutMs: requestTimeoutMs,
        schema,
        send: async () => {
          await streams.append(Streams.coordinator, encodePayload(command));
        },
      });
    });
  }
}
