import { parseLine } from '../irc/index.js';
import type { TrafficKind } from './types.js';

/** The parts of a line that change on every emit. */
export type Slot = 'id' | 'tmi-sent-ts' | 'room-id' | 'channel';

/**
 * A recorded line cut at the values that are re-stamped on emit. Emitting is string
 * concatenation: `pieces[0] + value(slots[0]) + pieces[1] + …`, so everything else stays
 * byte-identical and no line is parsed or serialized again.
 */
export interface LineTemplate {
  kind: TrafficKind;
  pieces: string[];
  slots: Slot[];
  /** Whether the line has an `id` tag (then a new one is issued). */
  hasId: boolean;
}

const KIND_OF_COMMAND: Record<string, TrafficKind> = {
  PRIVMSG: 'privmsg',
  USERNOTICE: 'usernotice',
  CLEARCHAT: 'clearchat',
  CLEARMSG: 'clearmsg',
  ROOMSTATE: 'roomstate',
  NOTICE: 'notice',
  JOIN: 'join',
  PART: 'part',
};

const TAG_SLOTS: ReadonlySet<string> = new Set<Slot>(['id', 'tmi-sent-ts', 'room-id']);

/**
 * Cuts a line into a template, or returns a reason why it cannot be replayed (not a channel
 * message of a known kind, or not parseable).
 */
export function compileLine(line: string): LineTemplate | string {
  let message: ReturnType<typeof parseLine>;
  try {
    message = parseLine(line);
  } catch {
    return 'unparseable';
  }
  const kind = KIND_OF_COMMAND[message.command];
  if (!kind) return `command ${message.command} is not replayed`;
  if (!message.params[0]?.startsWith('#')) return 'no channel parameter';

  const cuts: { start: number; end: number; slot: Slot }[] = [];
  let pos = 0;
  if (line.charCodeAt(0) === 64 /* @ */) {
    const tagsEnd = line.indexOf(' ');
    pos = 1;
    while (pos < tagsEnd) {
      let end = line.indexOf(';', pos);
      if (end === -1 || end > tagsEnd) end = tagsEnd;
      const eq = line.indexOf('=', pos);
      if (eq !== -1 && eq < end) {
        const key = line.slice(pos, eq);
        if (TAG_SLOTS.has(key)) cuts.push({ start: eq + 1, end, slot: key as Slot });
      }
      pos = end + 1;
    }
    pos = tagsEnd;
  }
  // The channel is the first param: skip spaces, the optional source and the command.
  pos = skipSpaces(line, pos);
  if (line.charCodeAt(pos) === 58 /* : */) pos = skipSpaces(line, nextSpace(line, pos));
  pos = skipSpaces(line, nextSpace(line, pos));
  // A lone channel may be written as a trailing param (`JOIN :#chan`).
  if (line.charCodeAt(pos) === 58 /* : */) pos++;
  // parseLine already saw `#` here; the login after it is what gets replaced.
  cuts.push({ start: pos + 1, end: nextSpace(line, pos), slot: 'channel' });

  const pieces: string[] = [];
  const slots: Slot[] = [];
  let last = 0;
  for (const cut of cuts) {
    pieces.push(line.slice(last, cut.start));
    slots.push(cut.slot);
    last = cut.end;
  }
  pieces.push(line.slice(last));
  return { kind, pieces, slots, hasId: slots.includes('id') };
}

function skipSpaces(line: string, pos: number): number {
  while (line.charCodeAt(pos) === 32) pos++;
  return pos;
}

function nextSpace(line: string, pos: number): number {
  const i = line.indexOf(' ', pos);
  return i === -1 ? line.length : i;
}
