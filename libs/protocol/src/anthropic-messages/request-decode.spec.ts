import { codecFor } from '../codecs';
import { GatewayError } from '../gateway-error';
import { catchError } from '../test-support/errors';
import { PNG_BASE64 } from '../test-support/rich-request';
import { decodeAnthropicRequest } from './request-decode';

function paramOf(body: unknown): string | undefined {
  const error = catchError(() => decodeAnthropicRequest(body));
  expect(error).toBeInstanceOf(GatewayError);
  return (error as GatewayError).info.param;
}

describe('decodeAnthropicRequest', () => {
  it('reads the system prompt as a string or as text blocks, and system turns in messages', () => {
    expect(
      decodeAnthropicRequest({ model: 'c', max_tokens: 5, system: 'Be brief.', messages: [] }).system,
    ).toEqual([{ type: 'text', text: 'Be brief.' }]);
    const request = decodeAnthropicRequest({
      model: 'c',
      max_tokens: 5,
      system: [
        { type: 'text', text: 'A' },
        { type: 'text', text: 'B', cache_control: { type: 'ephemeral' } },
      ],
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'system', content: 'From now on, answer in French.' },
      ],
    });
    expect(request.system).toEqual([
      { type: 'text', text: 'A' },
      { type: 'text', text: 'B' },
    ]);
    expect(request.messages[1]).toEqual({
      role: 'system',
      content: [{ type: 'text', text: 'From now on, answer in French.' }],
    });
  });

  it('splits tool results out of a user turn, keeps thinking (also redacted) with its signature', () => {
    const request = decodeAnthropicRequest({
      model: 'c',
      max_tokens: 5,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'weather?' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG_BASE64 } },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'hmm', signature: 'sig' },
            { type: 'redacted_thinking', data: 'opaque' },
            { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Oslo' } },
          ],
        },
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id: 'toolu_1',
              content: [{ type: 'text', text: 'rainy' }],
              is_error: false,
            },
            { type: 'text', text: 'and tomorrow?' },
          ],
        },
      ],
    });
    expect(request.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'weather?' },
          { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: PNG_BASE64 } },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', text: 'hmm', signature: 'sig' },
          { type: 'thinking', text: '', signature: 'opaque', redacted: true },
          { type: 'tool_call', id: 'toolu_1', name: 'get_weather', arguments: '{"city":"Oslo"}' },
        ],
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool_result',
            toolCallId: 'toolu_1',
            content: [{ type: 'text', text: 'rainy' }],
            isError: false,
          },
        ],
      },
      { role: 'user', content: [{ type: 'text', text: 'and tomorrow?' }] },
    ]);
  });

  it('reads tool_choice with disable_parallel_tool_use, thinking, output_config and metadata', () => {
    const request = decodeAnthropicRequest({
      model: 'c',
      max_tokens: 2000,
      messages: [],
      tools: [{ name: 'f', description: 'd', input_schema: { type: 'object' } }],
      tool_choice: { type: 'any', disable_parallel_tool_use: true },
      thinking: { type: 'enabled', budget_tokens: 1024 },
      output_config: { format: { type: 'json_schema', schema: { type: 'object' } } },
      metadata: { user_id: 'u-9' },
      stop_sequences: ['END'],
      top_k: 5,
    });
    expect(request).toMatchObject({
      tools: [{ name: 'f', description: 'd', parameters: { type: 'object' } }],
      toolChoice: { type: 'required' },
      parallelToolCalls: false,
      reasoning: { enabled: true, budgetTokens: 1024, includeThoughts: true },
      responseFormat: { type: 'json_schema', name: 'response', schema: { type: 'object' } },
      user: 'u-9',
      stop: ['END'],
      topK: 5,
      maxTokens: 2000,
    });
  });

  it('keeps server tools for an Anthropic upstream only', () => {
    const search = { type: 'web_search_20250305', name: 'web_search' };
    const request = decodeAnthropicRequest({
      model: 'c',
      max_tokens: 5,
      messages: [{ role: 'user', content: 'x' }],
      tools: [search],
    });
    expect(request.tools).toEqual([]);
    expect(codecFor('anthropic-messages').encodeRequest(request, 'c')).toMatchObject({ tools: [search] });
    const error = catchError(() => codecFor('openai-chat').encodeRequest(request, 'gpt'));
    expect((error as GatewayError).info.param).toBe('tools');
  });

  it.each([
    [{ model: 'c', messages: [] }, 'max_tokens'],
    [
      {
        model: 'c',
        max_tokens: 5,
        messages: [{ role: 'user', content: [{ type: 'container_upload', file_id: 'f' }] }],
      },
      'messages[0].content[0].type',
    ],
    [
      {
        model: 'c',
        max_tokens: 5,
        messages: [{ role: 'assistant', content: [{ type: 'tool_result', tool_use_id: 'x', content: 'y' }] }],
      },
      'messages[0].content[0].type',
    ],
    [
      {
        model: 'c',
        max_tokens: 5,
        messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'file', file_id: 'f' } }] }],
      },
      'messages[0].content[0].source.type',
    ],
    [{ model: 'c', max_tokens: 5, messages: [], thinking: { type: 'enabled' } }, 'thinking.budget_tokens'],
    [{ model: 'c', max_tokens: 5, messages: [], tool_choice: { type: 'maybe' } }, 'tool_choice.type'],
    [{ model: 'c', max_tokens: 5, messages: [], system: [{ type: 'image' }] }, 'system[0].type'],
  ])('rejects %j naming %s', (body, param) => {
    expect(paramOf(body)).toBe(param);
  });
});
