import { GatewayError } from '../gateway-error';
import { catchError } from '../test-support/errors';
import { PNG_BASE64 } from '../test-support/rich-request';
import { decodeOpenAIRequest } from './request-decode';

function paramOf(body: unknown): string | undefined {
  const error = catchError(() => decodeOpenAIRequest(body));
  expect(error).toBeInstanceOf(GatewayError);
  return (error as GatewayError).info.param;
}

describe('decodeOpenAIRequest', () => {
  it('reads system and developer messages as the system prompt, and keeps a later one in place', () => {
    const request = decodeOpenAIRequest({
      model: 'gpt',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'developer', content: [{ type: 'text', text: 'Use metric units.' }] },
        { role: 'user', content: 'Hi' },
        { role: 'system', content: 'Now switch to French.' },
      ],
    });
    expect(request.system).toEqual([
      { type: 'text', text: 'Be brief.' },
      { type: 'text', text: 'Use metric units.' },
    ]);
    expect(request.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      { role: 'system', content: [{ type: 'text', text: 'Now switch to French.' }] },
    ]);
  });

  it('reads multimodal user content: data-URL and URL images, audio and files', () => {
    const request = decodeOpenAIRequest({
      model: 'gpt',
      messages: [
        {
          role: 'user',
          name: 'ann',
          content: [
            { type: 'text', text: 'Look' },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_BASE64}` } },
            { type: 'image_url', image_url: { url: 'https://x.test/a.jpg', detail: 'low' } },
            { type: 'input_audio', input_audio: { data: 'UklGRg==', format: 'wav' } },
            { type: 'file', file: { file_data: 'data:application/pdf;base64,JVBERi0=', filename: 'a.pdf' } },
          ],
        },
      ],
    });
    expect(request.messages[0]).toEqual({
      role: 'user',
      name: 'ann',
      content: [
        { type: 'text', text: 'Look' },
        { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: PNG_BASE64 } },
        { type: 'image', source: { kind: 'url', url: 'https://x.test/a.jpg' }, detail: 'low' },
        { type: 'audio', mediaType: 'audio/wav', data: 'UklGRg==' },
        { type: 'file', mediaType: 'application/pdf', data: 'JVBERi0=', name: 'a.pdf' },
      ],
    });
  });

  it('reads tool calls, refusals and tool results', () => {
    const request = decodeOpenAIRequest({
      model: 'gpt',
      messages: [
        { role: 'user', content: 'weather?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'call_1',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Oslo"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: 'rainy' },
        { role: 'assistant', content: null, refusal: 'I cannot help with that.' },
      ],
    });
    expect(request.messages.slice(1)).toEqual([
      {
        role: 'assistant',
        content: [{ type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: '{"city":"Oslo"}' }],
      },
      { role: 'tool', content: [{ type: 'tool_result', toolCallId: 'call_1', content: 'rainy' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'I cannot help with that.', refusal: true }] },
    ]);
  });

  it('reads tools, tool_choice, sampling, output format, reasoning and stream options', () => {
    const request = decodeOpenAIRequest({
      model: 'gpt',
      messages: [{ role: 'user', content: 'x' }],
      tools: [
        {
          type: 'function',
          function: { name: 'f', description: 'd', parameters: { type: 'object' }, strict: true },
        },
      ],
      tool_choice: { type: 'function', function: { name: 'f' } },
      parallel_tool_calls: false,
      max_tokens: 10,
      max_completion_tokens: 20,
      temperature: 0.5,
      top_p: 0.8,
      seed: 3,
      stop: 'END',
      n: 2,
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'out', schema: { type: 'object' }, strict: true },
      },
      reasoning_effort: 'medium',
      stream: true,
      stream_options: { include_usage: true },
      user: 'u-1',
    });
    expect(request).toEqual({
      model: 'gpt',
      system: [],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'x' }] }],
      tools: [{ name: 'f', description: 'd', parameters: { type: 'object' }, strict: true }],
      toolChoice: { type: 'tool', name: 'f' },
      parallelToolCalls: false,
      maxTokens: 20,
      temperature: 0.5,
      topP: 0.8,
      seed: 3,
      stop: ['END'],
      n: 2,
      responseFormat: { type: 'json_schema', name: 'out', schema: { type: 'object' }, strict: true },
      reasoning: { enabled: true, effort: 'medium', includeThoughts: false },
      stream: true,
      includeUsage: true,
      user: 'u-1',
    });
    expect(decodeOpenAIRequest({ model: 'm', messages: [], reasoning_effort: 'none' }).reasoning).toEqual({
      enabled: false,
    });
  });

  it('keeps fields with no canonical home for an OpenAI upstream', () => {
    const request = decodeOpenAIRequest({
      model: 'm',
      messages: [],
      logprobs: true,
      top_logprobs: 2,
      store: false,
    });
    expect(request.extra).toEqual({ 'openai-chat': { logprobs: true, top_logprobs: 2, store: false } });
  });

  it.each([
    [{ messages: [] }, 'model'],
    [{ model: 'm' }, 'messages'],
    [{ model: 'm', messages: [{ role: 'robot', content: 'x' }] }, 'messages[0].role'],
    [{ model: 'm', messages: [{ role: 'function', name: 'f', content: 'x' }] }, 'messages[0].role'],
    [
      { model: 'm', messages: [{ role: 'user', content: [{ type: 'video', video: {} }] }] },
      'messages[0].content[0].type',
    ],
    [{ model: 'm', messages: [{ role: 'tool', content: 'x' }] }, 'messages[0].tool_call_id'],
    [{ model: 'm', messages: [], temperature: 'hot' }, 'temperature'],
    [{ model: 'm', messages: [], max_tokens: 1.5 }, 'max_tokens'],
    [{ model: 'm', messages: [], tools: [{ type: 'custom', custom: { name: 'x' } }] }, 'tools[0].type'],
    [{ model: 'm', messages: [], tool_choice: 'sometimes' }, 'tool_choice'],
    [{ model: 'm', messages: [], response_format: { type: 'yaml' } }, 'response_format.type'],
    [{ model: 'm', messages: [], reasoning_effort: 'extreme' }, 'reasoning_effort'],
    ['not an object', 'body'],
  ])('rejects %j naming %s', (body, param) => {
    expect(paramOf(body)).toBe(param);
  });
});
