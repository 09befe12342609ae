import * as fs from 'node:fs';
import { geminiSpec } from './gemini-spec';
import { specPath } from './specs-dir';

interface Interaction {
  request: { url: string; bodySegments: unknown[] };
  response: { statusCode: number; bodySegments?: unknown[] };
}

const recordedDir = specPath('gemini', 'fixtures', 'recorded-http');
const interactions = (): Array<{ file: string; interaction: Interaction }> =>
  fs.readdirSync(recordedDir).flatMap((file) =>
    (JSON.parse(fs.readFileSync(`${recordedDir}/${file}`, 'utf8')).interactions as Interaction[]).map(
      (interaction) => ({
        file,
        interaction,
      }),
    ),
  );

const operationOf = (url: string) => /:(\w+)/.exec(url.split('?')[0])![1];

describe('geminiSpec', () => {
  it('accepts all 21 recorded SDK requests strictly', () => {
    const all = interactions();
    expect(all).toHaveLength(21);
    for (const { file, interaction } of all) {
      const op = operationOf(interaction.request.url);
      const schema = op === 'countTokens' ? 'CountTokensRequest' : 'GenerateContentRequest';
      for (const body of interaction.request.bodySegments) {
        expect({ file, ...geminiSpec.validateRequest(schema, body) }).toEqual({
          file,
          valid: true,
          errors: [],
        });
      }
    }
  });

  it('accepts every recorded response leniently, and errors as google.rpc.Status', () => {
    for (const { file, interaction } of interactions()) {
      const op = operationOf(interaction.request.url);
      for (const body of interaction.response.bodySegments ?? []) {
        const result =
          interaction.response.statusCode !== 200
            ? geminiSpec.validateError(body)
            : op === 'countTokens'
              ? geminiSpec.validateResponse('CountTokensResponse', body)
              : geminiSpec.validateStreamChunk(body);
        expect({ file, ...result }).toEqual({ file, valid: true, errors: [] });
      }
    }
  });

  it('accepts snake_case names, enum numbers, int64 strings and null fields', () => {
    const body = {
      contents: [{ role: 'user', parts: [{ text: 'hi' }] }],
      generation_config: { max_output_tokens: '64', temperature: 0.2, response_modalities: [1], seed: null },
    };
    expect(geminiSpec.validateRequest('GenerateContentRequest', body)).toEqual({ valid: true, errors: [] });
  });

  it('rejects unknown fields, missing contents, two members of a oneof and bad enum names', () => {
    const part = { text: 'hi' };
    const check = (body: unknown) =>
      geminiSpec.validateRequest('GenerateContentRequest', body).errors.join('\n');
    expect(check({ contents: [{ parts: [part] }], temperature: 1 })).toContain(
      "must NOT have additional properties: 'temperature'",
    );
    expect(check({ generationConfig: {} })).toMatch(/contents/);
    expect(check({ contents: [{ parts: [{ text: 'a', functionCall: { name: 'f' } }] }] })).toContain(
      'at most one member',
    );
    expect(
      check({ contents: [{ parts: [part] }], generationConfig: { responseModalities: ['SMELL'] } }),
    ).toContain('allowed values');
  });

  it('lets responses carry fields the protos do not know yet', () => {
    const body = {
      candidates: [{ content: { role: 'model', parts: [{ text: 'x' }] } }],
      turnToken: 'v1:abc',
    };
    expect(geminiSpec.validateResponse('GenerateContentResponse', body)).toEqual({ valid: true, errors: [] });
    expect(geminiSpec.validateRequest('GenerateContentResponse', body).valid).toBe(false);
  });

  it('checks error bodies', () => {
    expect(
      geminiSpec.validateError({ error: { code: 429, message: 'x', status: 'RESOURCE_EXHAUSTED' } }).valid,
    ).toBe(true);
    expect(geminiSpec.validateError({ error: { code: 429, message: 'x', status: 'TOO_MANY' } }).valid).toBe(
      false,
    );
  });
});
