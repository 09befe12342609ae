import type { CanonicalRequest } from '../canonical';

/** 1x1 transparent PNG. */
export const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

export const WEATHER_TOOL = {
  name: 'get_weather',
  description: 'Current weather of a city',
  parameters: {
    type: 'object',
    properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['c', 'f'] } },
    required: ['city'],
    additionalProperties: false,
  },
};

/**
 * A multi-turn canonical conversation touching every feature every format can carry: system,
 * an image, parallel tool calls with results, sampling, stop sequences, JSON schema output.
 */
export function richRequest(overrides: Partial<CanonicalRequest> = {}): CanonicalRequest {
  return {
    model: 'smart',
    system: [{ type: 'text', text: 'You are terse.' }],
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is the weather in Paris and Rome? Here is a map.' },
          { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: PNG_BASE64 } },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Checking both.' },
          { type: 'tool_call', id: 'call_paris', name: 'get_weather', arguments: '{"city":"Paris"}' },
          {
            type: 'tool_call',
            id: 'call_rome',
            name: 'get_weather',
            arguments: '{"city":"Rome","unit":"c"}',
          },
        ],
      },
      {
        role: 'tool',
        content: [
          { type: 'tool_result', toolCallId: 'call_paris', content: '{"temp":18}' },
          { type: 'tool_result', toolCallId: 'call_rome', content: '{"temp":24}' },
        ],
      },
      { role: 'assistant', content: [{ type: 'text', text: 'Paris 18, Rome 24.' }] },
      { role: 'user', content: [{ type: 'text', text: 'Answer as JSON.' }] },
    ],
    tools: [WEATHER_TOOL],
    toolChoice: { type: 'auto' },
    maxTokens: 512,
    temperature: 0.2,
    topP: 0.9,
    stop: ['END'],
    responseFormat: {
      type: 'json_schema',
      name: 'response',
      schema: {
        type: 'object',
        properties: { paris: { type: 'number' } },
        required: ['paris'],
        additionalProperties: false,
      },
    },
    stream: false,
    ...overrides,
  };
}
