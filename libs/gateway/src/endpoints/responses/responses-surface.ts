import { GatewayError, openAIResponsesCodec } from '@verosek/protocol';
import { invalid, optionalCount, optionalFlag, requireModel } from '../generation/body-fields';
import type { GenerationSurface } from '../generation/generation-surface';

type Body = Record<string, unknown>;
type TextMapper = (text: string) => string;

/**
 * `POST /v1/responses`. The gateway keeps no conversation state (a call may be routed to any
 * provider, and a stored response would belong to one), so `previous_response_id` and
 * `conversation` are refused with a 400: send the whole conversation in `input`.
 */
export const responsesSurface: GenerationSurface = {
  endpoint: 'responses',
  path: '/responses',
  codec: openAIResponsesCodec,
  inspect(body) {
    for (const field of ['previous_response_id', 'conversation']) {
      if (body[field] !== undefined && body[field] !== null)
        throw new GatewayError(
          'invalid_request',
          `Unsupported '${field}': this gateway keeps no conversation state; send the whole conversation in input.`,
          { param: field, code: 'unsupported_parameter' },
        );
    }
    if (body.input === undefined || body.input === null) throw invalid('input', 'required');
    return {
      model: requireModel(body),
      stream: optionalFlag(body, 'stream'),
      maxOutputTokens: optionalCount(body, 'max_output_tokens'),
      includeUsage: true,
      visitTexts: (map) => visitResponsesTexts(body, map),
    };
  },
  passthrough: (body, providerModel) => ({ ...body, model: providerModel }),
};

/** Instructions, message texts and function-call outputs: what the caller wrote. */
function visitResponsesTexts(body: Body, map: TextMapper): void {
  if (typeof body.instructions === 'string') body.instructions = map(body.instructions);
  if (typeof body.input === 'string') {
    body.input = map(body.input);
    return;
  }
  if (!Array.isArray(body.input)) return;
  for (const item of body.input as Body[]) {
    if (typeof item !== 'object' || item === null) continue;
    if ((item.type ?? 'message') === 'message') visitContent(item, 'content', map);
    else if (item.type === 'function_call_output') visitContent(item, 'output', map);
  }
}

function visitContent(holder: Body, field: string, map: TextMapper): void {
  const content = holder[field];
  if (typeof content === 'string') holder[field] = map(content);
  else if (Array.isArray(content))
    for (const part of content as Body[])
      if (typeof part?.text === 'string' && (part.type === 'input_text' || part.type === 'output_text'))
        part.text = map(part.text);
}
