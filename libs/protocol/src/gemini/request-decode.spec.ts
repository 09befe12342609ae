import { codecFor } from '../codecs';
import { GatewayError } from '../gateway-error';
import { catchError } from '../test-support/errors';
import { PNG_BASE64 } from '../test-support/rich-request';
import { decodeGeminiRequest } from './request-decode';

function paramOf(body: unknown): string | undefined {
  const error = catchError(() => decodeGeminiRequest(body, { model: 'gemini-x' }));
  expect(error).toBeInstanceOf(GatewayError);
  return (error as GatewayError).info.param;
}

describe('decodeGeminiRequest', () => {
  it('takes the model from the URL and reads systemInstruction, images and files', () => {
    const request = decodeGeminiRequest(
      {
        systemInstruction: { parts: [{ text: 'Be brief.' }] },
        contents: [
          {
            role: 'user',
            parts: [
              { text: 'Look' },
              { inlineData: { mimeType: 'image/png', data: PNG_BASE64 } },
              {
                fileData: {
                  mimeType: 'application/pdf',
                  fileUri: 'https://generativelanguage.googleapis.com/v1beta/files/abc',
                },
              },
            ],
          },
        ],
      },
      { model: 'gemini-2.5-flash', stream: true },
    );
    expect(request).toEqual({
      model: 'gemini-2.5-flash',
      system: [{ type: 'text', text: 'Be brief.' }],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Look' },
            { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: PNG_BASE64 } },
            {
              type: 'file',
              mediaType: 'application/pdf',
              url: 'https://generativelanguage.googleapis.com/v1beta/files/abc',
            },
          ],
        },
      ],
      stream: true,
    });
  });

  it('gives id-less function calls stable ids and pairs each functionResponse with its call', () => {
    const body = {
      contents: [
        { role: 'user', parts: [{ text: 'Paris and Rome?' }] },
        {
          role: 'model',
          parts: [
            { functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: 'sig-a' },
            { functionCall: { name: 'get_weather', args: { city: 'Rome' } } },
          ],
        },
        {
          role: 'user',
          parts: [
            { functionResponse: { name: 'get_weather', response: { temp: 18 } } },
            { functionResponse: { name: 'get_weather', response: { temp: 24 } } },
          ],
        },
      ],
    };
    const request = decodeGeminiRequest(body, { model: 'g' });
    expect(request.messages[1].content).toEqual([
      {
        type: 'tool_call',
        id: 'call_1_0',
        name: 'get_weather',
        arguments: '{"city":"Paris"}',
        signature: 'sig-a',
      },
      { type: 'tool_call', id: 'call_1_1', name: 'get_weather', arguments: '{"city":"Rome"}' },
    ]);
    expect(request.messages[2]).toEqual({
      role: 'tool',
      content: [
        { type: 'tool_result', toolCallId: 'call_1_0', name: 'get_weather', content: '{"temp":18}' },
        { type: 'tool_result', toolCallId: 'call_1_1', name: 'get_weather', content: '{"temp":24}' },
      ],
    });
    expect(decodeGeminiRequest(body, { model: 'g' })).toEqual(request);
    // An OpenAI upstream sees matching tool_call ids.
    const openai = codecFor('openai-chat').encodeRequest(request, 'gpt') as {
      messages: Array<Record<string, unknown>>;
    };
    expect(openai.messages.filter((m) => m.role === 'tool').map((m) => m.tool_call_id)).toEqual([
      'call_1_0',
      'call_1_1',
    ]);
  });

  it('accepts snake_case field names and converts an OpenAPI Schema to JSON Schema', () => {
    const request = decodeGeminiRequest(
      {
        contents: [{ parts: [{ text: 'x' }] }],
        system_instruction: { parts: [{ text: 'sys' }] },
        tools: [
          {
            function_declarations: [
              {
                name: 'f',
                description: 'd',
                parameters: {
                  type: 'OBJECT',
                  properties: { n: { type: 'NUMBER', nullable: true } },
                  required: ['n'],
                },
              },
            ],
          },
        ],
        tool_config: { function_calling_config: { mode: 'ANY', allowed_function_names: ['f'] } },
        generation_config: {
          max_output_tokens: 9,
          stop_sequences: ['END'],
          response_mime_type: 'application/json',
          thinking_config: { thinking_budget: 0 },
        },
      },
      { model: 'g' },
    );
    expect(request).toMatchObject({
      system: [{ type: 'text', text: 'sys' }],
      tools: [
        {
          name: 'f',
          description: 'd',
          parameters: { type: 'object', properties: { n: { type: ['number', 'null'] } }, required: ['n'] },
        },
      ],
      toolChoice: { type: 'tool', name: 'f' },
      maxTokens: 9,
      stop: ['END'],
      responseFormat: { type: 'json_object' },
      reasoning: { enabled: false },
    });
  });

  it('maps function calling modes and thinking settings', () => {
    const mode = (config: object) =>
      decodeGeminiRequest({ contents: [], toolConfig: { functionCallingConfig: config } }, { model: 'g' })
        .toolChoice;
    expect(mode({ mode: 'AUTO' })).toEqual({ type: 'auto' });
    expect(mode({ mode: 'NONE' })).toEqual({ type: 'none' });
    expect(mode({ mode: 'ANY' })).toEqual({ type: 'required' });
    const thinking = decodeGeminiRequest(
      { contents: [], generationConfig: { thinkingConfig: { thinkingBudget: 2048, includeThoughts: true } } },
      { model: 'g' },
    );
    expect(thinking.reasoning).toEqual({ enabled: true, budgetTokens: 2048, includeThoughts: true });
  });

  it('keeps Gemini-only fields for a Gemini upstream, drops safety settings elsewhere, refuses cached content elsewhere', () => {
    const safety = [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }];
    const request = decodeGeminiRequest(
      {
        contents: [{ parts: [{ text: 'x' }] }],
        safetySettings: safety,
        generationConfig: { presencePenalty: 0.5 },
      },
      { model: 'g' },
    );
    expect(codecFor('gemini').encodeRequest(request, 'g')).toMatchObject({
      safetySettings: safety,
      generationConfig: { presencePenalty: 0.5 },
    });
    expect(
      (catchError(() => codecFor('anthropic-messages').encodeRequest(request, 'c')) as GatewayError).info
        .param,
    ).toBe('generationConfig');
    const cached = decodeGeminiRequest({ contents: [], cachedContent: 'cachedContents/1' }, { model: 'g' });
    expect(
      (catchError(() => codecFor('openai-chat').encodeRequest(cached, 'gpt')) as GatewayError).info.param,
    ).toBe('cachedContent');
  });

  it.each([
    [{}, 'contents'],
    [{ contents: [{ role: 'robot', parts: [] }] }, 'contents[0].role'],
    [
      { contents: [{ role: 'user', parts: [{ executableCode: { code: '1' } }] }] },
      'contents[0].parts[0].executableCode',
    ],
    [
      { contents: [{ role: 'user', parts: [{ functionResponse: { name: 'ghost', response: {} } }] }] },
      'contents[0].parts[0].functionResponse.name',
    ],
    [
      {
        contents: [],
        toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['a', 'b'] } },
      },
      'toolConfig.functionCallingConfig.allowedFunctionNames',
    ],
    [
      { contents: [], generationConfig: { responseMimeType: 'text/x.enum' } },
      'generationConfig.responseMimeType',
    ],
    [{ contents: [], generationConfig: { temperature: 'warm' } }, 'generationConfig.temperature'],
  ])('rejects %j naming %s', (body, param) => {
    expect(paramOf(body)).toBe(param);
  });
});
