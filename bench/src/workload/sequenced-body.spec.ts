import { requestBody } from './request-body';
import { sequencedBodies } from './sequenced-body';

type Chat = { messages: Array<{ content: string }> };
const lastTurn = (body: Buffer) => (JSON.parse(body.toString()) as Chat).messages.at(-1)?.content;

describe('sequencedBodies', () => {
  it('numbers the last turn of each body, same size, valid JSON', () => {
    const template = requestBody(false);
    const next = sequencedBodies(template);
    const [a, b, c] = [next(), next(), next()];
    expect(lastTurn(a)).toMatch(/\(request #000000000\)$/);
    expect(lastTurn(b)).toMatch(/\(request #000000001\)$/);
    expect(lastTurn(c)).toMatch(/\(request #000000002\)$/);
    expect(new Set([a.length, b.length, c.length, Buffer.byteLength(template)])).toEqual(new Set([a.length]));
  });

  it('sends a template without the mark as it is', () => {
    const next = sequencedBodies('{"model":"m"}');
    expect(next().toString()).toBe('{"model":"m"}');
  });
});
