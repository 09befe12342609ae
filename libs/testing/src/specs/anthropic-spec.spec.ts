import * as fs from 'node:fs';
import { parseSse } from '../sse/parse-sse';
import { anthropicSpec } from './anthropic-spec';
import { specPath } from './specs-dir';

interface Exchange {
  request: { url: string; body: unknown };
  response: { status_code: number; headers: Record<string, string>; body: unknown };
}

const recordedDir = specPath('anthropic', 'fixtures', 'recorded-http');
const exchanges = (): Array<{ file: string; exchange: Exchange }> =>
  fs.readdirSync(recordedDir).flatMap((file) =>
    (JSON.parse(fs.readFileSync(`${recordedDir}/${file}`, 'utf8')) as Exchange[]).map((exchange) => ({
      file,
      exchange,
    })),
  );

describe('anthropicSpec', () => {
  it('accepts all 32 recorded SDK requests strictly', () => {
    const all = exchanges();
    expect(all).toHaveLength(32);
    for (const { file, exchange } of all) {
      const schema = exchange.request.url.includes('beta=true')
        ? 'BetaCreateMessageParams'
        : 'CreateMessageParams';
      expect({ file, ...anthropicSpec.validateRequest(schema, exchange.request.body) }).toEqual({
        file,
        valid: true,
        errors: [],
      });
    }
  });

  it('accepts every recorded response body and stream event with the relaxed schemas', () => {
    for (const { file, exchange } of exchanges()) {
      const beta = exchange.request.url.includes('beta=true');
      const { body, status_code } = exchange.response;
      if (typeof body === 'string') {
        for (const event of parseSse(body)) {
          expect({
            file,
            ...anthropicSpec.validateStreamEvent(JSON.parse(event.data), { beta }),
          }).toMatchObject({ valid: true });
        }
      } else if (status_code === 200) {
        expect({
          file,
          ...anthropicSpec.validateResponse(beta ? 'BetaMessage' : 'Message', body),
        }).toMatchObject({ valid: true });
      } else {
        expect({ file, ...anthropicSpec.validateError(body) }).toMatchObject({ valid: true });
      }
    }
  });

  it('accepts the recorded real streams, including a mid-stream error event', () => {
    const sseDir = specPath('anthropic', 'fixtures', 'sse');
    for (const name of [
      'py-tool_use_response',
      'py-incomplete_partial_json_response',
      'py-basic_response',
      'py-test_streaming-error-event',
    ]) {
      for (const event of parseSse(fs.readFileSync(`${sseDir}/${name}.sse.txt`, 'utf8'))) {
        expect({ name, ...anthropicSpec.validateStreamEvent(JSON.parse(event.data)) }).toMatchObject({
          valid: true,
        });
      }
    }
  });

  it('rejects unknown top-level keys and a missing max_tokens', () => {
    const base = { model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'hi' }], max_tokens: 10 };
    expect(anthropicSpec.validateRequest('CreateMessageParams', base)).toEqual({ valid: true, errors: [] });
    const unknownKey = anthropicSpec.validateRequest('CreateMessageParams', {
      ...base,
      frequency_penalty: 1,
    });
    expect(unknownKey.errors.join('\n')).toContain(
      "must NOT have additional properties: 'frequency_penalty'",
    );
    const { max_tokens: _omitted, ...noMax } = base;
    expect(anthropicSpec.validateRequest('CreateMessageParams', noMax).errors.join('\n')).toContain(
      "'max_tokens'",
    );
  });

  it('keeps the strict copy strict: the published Message schema requires fields the API omits', () => {
    const recorded = exchanges().find(
      ({ exchange }) => exchange.response.status_code === 200 && typeof exchange.response.body === 'object',
    );
    expect(recorded).toBeDefined();
    const required = anthropicSpec.schema('Message').required as string[];
    expect(required).toContain('container');
    expect(anthropicSpec.validateResponse('Message', recorded!.exchange.response.body).valid).toBe(true);
  });
});
