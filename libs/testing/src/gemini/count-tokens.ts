import { estimateTokens } from '../fake/text';
import { jsonReply } from '../fake/reply';
import type { Route } from '../fake/route';
import { geminiSpec } from '../specs/gemini-spec';
import { contentFacts, type GenerateContentBody } from './content-request';
import { GEMINI_JSON } from './gemini-errors';

interface CountTokensBody extends GenerateContentBody {
  generateContentRequest?: GenerateContentBody;
  generate_content_request?: GenerateContentBody;
}

/** `POST /v1beta/models/{model}:countTokens` (plain `contents` or a whole `generateContentRequest`). */
export const countTokensRoute: Route = {
  method: 'POST',
  path: /^\/v1beta\/models\/(?<model>[^/:]+):countTokens$/,
  body: 'json',
  validate: (request) => geminiSpec.validateRequest('CountTokensRequest', request.body),
  reply: (request) => {
    const body = request.body as CountTokensBody;
    const inner = body.generateContentRequest ?? body.generate_content_request ?? body;
    const tokens = estimateTokens(contentFacts(inner, request.params.model).promptText);
    return jsonReply(
      200,
      { totalTokens: tokens, promptTokensDetails: [{ modality: 'TEXT', tokenCount: tokens }] },
      { 'content-type': GEMINI_JSON },
    );
  },
};
