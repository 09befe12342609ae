import * as fs from 'node:fs';
import { parseSse } from '../sse/parse-sse';
import { openaiSpec } from './openai-spec';
import { specPath } from './specs-dir';

const fixtureDir = (name: string) => specPath('openai', 'fixtures', name);
const files = (dir: string) => fs.readdirSync(dir).map((f) => `${dir}/${f}`);

describe('openaiSpec', () => {
  it('accepts every recorded chat completion', () => {
    for (const file of files(fixtureDir('chat-completions'))) {
      const result = openaiSpec.validateResponse(
        'CreateChatCompletionResponse',
        JSON.parse(fs.readFileSync(file, 'utf8')),
      );
      expect({ file, ...result }).toEqual({ file, valid: true, errors: [] });
    }
  });

  it('accepts every recorded chat stream chunk', () => {
    let chunks = 0;
    for (const file of files(fixtureDir('chat-completions-stream'))) {
      for (const { data } of parseSse(fs.readFileSync(file, 'utf8'))) {
        if (data === '[DONE]') continue;
        chunks++;
        expect({ file, ...openaiSpec.validateStreamChunk(JSON.parse(data)) }).toMatchObject({
          file,
          valid: true,
        });
      }
    }
    expect(chunks).toBe(380);
  });

  it('accepts float and base64 embeddings', () => {
    for (const name of ['embeddings-float-response.json', 'embeddings-base64-response.json']) {
      const body = JSON.parse(fs.readFileSync(`${fixtureDir('embeddings')}/${name}`, 'utf8'));
      expect(openaiSpec.validateResponse('CreateEmbeddingResponse', body)).toEqual({
        valid: true,
        errors: [],
      });
    }
  });

  it('rejects a chat request without messages, naming the field', () => {
    const result = openaiSpec.validateRequest('CreateChatCompletionRequest', { model: 'gpt-4o' });
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toContain("must have required property 'messages'");
  });

  it('rejects a bad role and accepts nullable fields set to null', () => {
    const bad = { model: 'gpt-4o', messages: [{ role: 'wizard', content: 'hi' }] };
    expect(openaiSpec.validateRequest('CreateChatCompletionRequest', bad).valid).toBe(false);
    const good = {
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi' }],
      max_completion_tokens: null,
      temperature: null,
    };
    expect(openaiSpec.validateRequest('CreateChatCompletionRequest', good)).toEqual({
      valid: true,
      errors: [],
    });
  });

  it('rejects an embeddings request without model', () => {
    expect(openaiSpec.validateRequest('CreateEmbeddingRequest', { input: 'hello' }).valid).toBe(false);
  });

  it('checks error bodies and reads operation schemas from the document', () => {
    expect(
      openaiSpec.validateError({ error: { message: 'x', type: 'server_error', param: null, code: null } })
        .valid,
    ).toBe(true);
    expect(openaiSpec.validateError({ error: { message: 'x' } }).valid).toBe(false);
    expect(openaiSpec.operation('POST', '/chat/completions')).toEqual({
      request: 'CreateChatCompletionRequest',
      response: 'CreateChatCompletionResponse',
      streamEvent: 'CreateChatCompletionStreamResponse',
    });
  });

  it('throws on an unknown schema name instead of passing silently', () => {
    expect(() => openaiSpec.validateRequest('NoSuchSchema', {})).toThrow(/NoSuchSchema/);
  });
});
