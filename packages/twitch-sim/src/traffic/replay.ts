import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { assertChannels } from './channels.js';
import { compileLine, type LineTemplate } from './replay-template.js';
import { Prng } from './prng.js';
import type { TrafficChannel, TrafficLine, TrafficSource } from './types.js';
import { uuidV4 } from './uuid.js';
import { createZipfSampler } from './zipf.js';

/** Options of {@link createReplaySource}: give `file` or `lines`, and `channel` or `channels`. */
export interface ReplaySourceOptions {
  /** A file of recorded lines, one per line; gzip is detected by its magic bytes. */
  file?: string;
  /** Recorded lines, instead of a file. */
  lines?: readonly string[];
  /** Replay everything into this one channel. */
  channel?: TrafficChannel;
  /** Spread lines over these channels by Zipf popularity (most popular first). */
  channels?: readonly TrafficChannel[];
  /** Zipf exponent for `channels`. Default 1. */
  zipfExponent?: number;
  /** Seed of the channel choice and of the new ids. Default 1. */
  seed?: number;
}

/** A replay source, with what it kept from the recording. */
export interface ReplaySource extends TrafficSource {
  /** Lines that are replayed (one loop). */
  readonly size: number;
  /** Lines dropped at load, by reason (`command PING is not replayed`, …). */
  readonly skipped: ReadonlyMap<string, number>;
}

/**
 * Replays recorded Twitch lines as live traffic, looping at the end. Each emit re-stamps the line:
 * a new uuid `id` (if it had one), `tmi-sent-ts` = now, `room-id` and the channel param set to the
 * target channel; every other byte is kept. Lines are cut into templates once, at load, so an emit
 * is a few string concatenations. Lines of kinds the generator does not emit, or without a channel,
 * are dropped (see `skipped`).
 */
export function createReplaySource(options: ReplaySourceOptions): ReplaySource {
  const targets = options.channel ? [options.channel] : (options.channels ?? []);
  assertChannels(targets, 'createReplaySource');
  const raw = options.lines ?? (options.file !== undefined ? readLines(options.file) : undefined);
  if (!raw) throw new RangeError('createReplaySource needs `file` or `lines`');

  const templates: LineTemplate[] = [];
  const skipped = new Map<string, number>();
  for (const line of raw) {
    if (line === '') continue;
    const t = compileLine(line);
    if (typeof t === 'string') skipped.set(t, (skipped.get(t) ?? 0) + 1);
    else templates.push(t);
  }
  if (templates.length === 0) throw new RangeError('the recording has no replayable lines');

  const rng = new Prng(options.seed ?? 1);
  const sampler = targets.length > 1 ? createZipfSampler(targets.length, options.zipfExponent ?? 1) : null;
  let cursor = 0;

  return {
    size: templates.length,
    skipped,
    next(nowMs: number): TrafficLine {
      const t = templates[cursor]!;
      cursor = cursor + 1 === templates.length ? 0 : cursor + 1;
      const target = sampler ? targets[sampler.sample(rng)]! : targets[0]!;
      const id = t.hasId ? uuidV4(rng) : null;
      const ts = String(nowMs);
      const { pieces, slots } = t;
      let line = pieces[0]!;
      for (let i = 0; i < slots.length; i++) {
        const slot = slots[i]!;
        line +=
          (slot === 'channel'
            ? target.login
            : slot === 'room-id'
              ? target.roomId
              : slot === 'id'
                ? id!
                : ts) + pieces[i + 1]!;
      }
      return { channel: target.login, kind: t.kind, line, id };
    },
  };
}

/** Reads a recording, gunzipping when the file starts with gzip's magic bytes. */
function readLines(file: string): string[] {
  let buf = readFileSync(file);
  if (buf[0] === 0x1f && buf[1] === 0x8b) buf = gunzipSync(buf);
  return buf.toString('utf8').split(/\r?\n/);
}
