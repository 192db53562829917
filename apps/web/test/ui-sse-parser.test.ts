import { describe, expect, it } from 'vitest';
import { type SseEvent, SseParser } from '../ui/lib/sse-parser.js';

function parse(chunks: string[]): { events: SseEvent[]; retries: number[] } {
  const events: SseEvent[] = [];
  const retries: number[] = [];
  const parser = new SseParser(
    (e) => events.push(e),
    (ms) => retries.push(ms),
  );
  for (const c of chunks) parser.push(c);
  return { events, retries };
}

const STREAM =
  ': hello\n\nevent: overview\ndata: {"a":1}\n\nevent: lifecycle\r\ndata: line1\r\ndata: line2\r\nid: 7\r\n\r\ndata:no-space\rretry: 2500\r\r';

describe('SseParser', () => {
  it('parses named events, multi-line data, ids, comments and retry across LF, CRLF and CR', () => {
    const { events, retries } = parse([STREAM]);
    expect(events).toEqual([
      { event: 'overview', data: '{"a":1}', id: null },
      { event: 'lifecycle', data: 'line1\nline2', id: '7' },
      { event: 'message', data: 'no-space', id: '7' },
    ]);
    expect(retries).toEqual([2500]);
  });

  it('gives the same events however the stream is split into chunks', () => {
    const whole = parse([STREAM]).events;
    for (let cut = 1; cut < STREAM.length; cut++) {
      expect(parse([STREAM.slice(0, cut), STREAM.slice(cut)]).events, `split at ${cut}`).toEqual(whole);
    }
    expect(parse([...STREAM]).events).toEqual(whole);
  });

  it('does not dispatch an event without data or an unfinished one', () => {
    const { events } = parse(['event: overview\n\n', 'data: partial']);
    expect(events).toEqual([]);
  });

  it('drops a partial event on reset, as a reconnect must', () => {
    const events: SseEvent[] = [];
    const parser = new SseParser((e) => events.push(e));
    parser.push('event: overview\ndata: half');
    parser.reset();
    parser.push('data: whole\n\n');
    expect(events).toEqual([{ event: 'message', data: 'whole', id: null }]);
  });

  it('ignores unknown fields and a non-numeric retry', () => {
    const { events, retries } = parse(['foo: bar\nretry: soon\ndata: x\n\n']);
    expect(events).toEqual([{ event: 'message', data: 'x', id: null }]);
    expect(retries).toEqual([]);
  });
});
