import { GatewayError } from '../gateway-error';
import { JsonArrayStreamParser } from './json-array-parser';

function parseInPieces(text: string, size: number): unknown[] {
  const parser = new JsonArrayStreamParser();
  const out: unknown[] = [];
  for (let i = 0; i < text.length; i += size) out.push(...parser.push(text.slice(i, i + size)));
  parser.end();
  return out;
}

const ELEMENTS = [
  { candidates: [{ content: { parts: [{ text: 'a "quoted" ] } [ brace' }] } }] },
  { text: 'escaped \\" backslash \\\\', nested: [[1, 2], { deep: {} }] },
  { usageMetadata: { promptTokenCount: 3 } },
];
/** Gemini's framing: `[{...}\n,\r\n{...}\n]`. */
const GEMINI_FRAMED = '[' + ELEMENTS.map((e) => JSON.stringify(e, null, 2)).join('\n,\r\n') + '\n]';

describe('JsonArrayStreamParser', () => {
  it.each([1, 2, 3, 9, 10_000])(
    'yields each element of a Gemini-framed array split every %i characters',
    (size) => {
      expect(parseInPieces(GEMINI_FRAMED, size)).toEqual(ELEMENTS);
    },
  );

  it('yields an element as soon as its closing brace arrives', () => {
    const parser = new JsonArrayStreamParser();
    expect(parser.push('[{"a":')).toEqual([]);
    expect(parser.push('1}\n,')).toEqual([{ a: 1 }]);
    expect(parser.complete).toBe(false);
    expect(parser.push('\r\n{"b":2}\n]')).toEqual([{ b: 2 }]);
    expect(parser.complete).toBe(true);
  });

  it('accepts an empty array', () => {
    expect(parseInPieces('[]', 1)).toEqual([]);
  });

  it('rejects bytes that are not an array of objects, and a stream cut inside an element', () => {
    expect(() => new JsonArrayStreamParser().push('data: {}')).toThrow(GatewayError);
    const parser = new JsonArrayStreamParser();
    parser.push('[{"a": "unfinished');
    expect(() => parser.end()).toThrow(/ended inside an element/);
  });
});
