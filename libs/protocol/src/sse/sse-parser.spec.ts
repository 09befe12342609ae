import { SseParser, type SseEvent } from './sse-parser';
import { serializeSse, serializeSseComment } from './sse-serializer';

function parseInPieces(text: string, size: number): SseEvent[] {
  const parser = new SseParser();
  const events: SseEvent[] = [];
  for (let i = 0; i < text.length; i += size) events.push(...parser.push(text.slice(i, i + size)));
  return [...events, ...parser.end()];
}

const STREAM =
  ': keep-alive comment\n' +
  'event: message_start\n' +
  'data: {"a":1}\n' +
  '\n' +
  'data: line one\n' +
  'data: line two\n' +
  'id: 7\n' +
  '\n' +
  'event: ping\n' +
  'data:{"type": "ping"}\n' +
  '\n';

const EXPECTED: SseEvent[] = [
  { event: 'message_start', data: '{"a":1}' },
  { data: 'line one\nline two', id: '7' },
  // The last event id carries over to later events, as in the WHATWG algorithm.
  { event: 'ping', data: '{"type": "ping"}', id: '7' },
];

describe('SseParser', () => {
  it.each([1, 2, 3, 5, 8, 1000])('parses LF streams split every %i characters', (size) => {
    expect(parseInPieces(STREAM, size)).toEqual(EXPECTED);
  });

  it.each([1, 2, 3, 7, 1000])(
    'parses CRLF streams split every %i characters, CR and LF in different chunks',
    (size) => {
      expect(parseInPieces(STREAM.replace(/\n/g, '\r\n'), size)).toEqual(EXPECTED);
    },
  );

  it('parses lone-CR line ends', () => {
    expect(parseInPieces(STREAM.replace(/\n/g, '\r'), 4)).toEqual(EXPECTED);
  });

  it('dispatches a last event that no blank line closes, and drops a leading BOM', () => {
    expect(parseInPieces('\uFEFFdata: a\n\ndata: tail', 3)).toEqual([{ data: 'a' }, { data: 'tail' }]);
  });

  it('keeps spaces after the first one and empty data lines', () => {
    expect(parseInPieces('data:  two spaces\ndata:\ndata: x\n\n', 2)).toEqual([{ data: ' two spaces\n\nx' }]);
  });

  it('ignores events with no data, unknown fields and retry', () => {
    expect(
      parseInPieces('event: lonely\n\nretry: 10\nfoo: bar\n\n: only a comment\n\ndata: ok\n\n', 5),
    ).toEqual([{ data: 'ok' }]);
  });
});

describe('serializeSse', () => {
  it('writes event and data lines, splitting multi-line data, with LF or CRLF', () => {
    expect(serializeSse('{"x":1}', 'message_start')).toBe('event: message_start\ndata: {"x":1}\n\n');
    expect(serializeSse('a\nb')).toBe('data: a\ndata: b\n\n');
    expect(serializeSse('{}', undefined, { lineEnd: '\r\n' })).toBe('data: {}\r\n\r\n');
    expect(serializeSseComment('ping')).toBe(': ping\n\n');
  });

  it('round-trips through the parser', () => {
    const text = serializeSse('one\ntwo', 'e') + serializeSse('three', undefined, { lineEnd: '\r\n' });
    expect(parseInPieces(text, 3)).toEqual([{ event: 'e', data: 'one\ntwo' }, { data: 'three' }]);
  });
});
