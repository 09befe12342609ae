import { estimateTokens } from '../fake/text';
import { jsonReply } from '../fake/reply';
import type { Route } from '../fake/route';
import { anthropicSpec } from '../specs/anthropic-spec';
import { anthropicHeaders } from './anthropic-errors';
import {
  checkMessagesRules,
  isBetaRequest,
  messagesFacts,
  type MessagesRequestBody,
} from './message-request';

/** `POST /v1/messages/count_tokens`: the same estimate the fake's message usage reports. */
export const countTokensRoute: Route = {
  method: 'POST',
  path: /^\/v1\/messages\/count_tokens$/,
  body: 'json',
  validate: (request) => {
    const schema = isBetaRequest(request) ? 'BetaCountMessageTokensParams' : 'CountMessageTokensParams';
    const result = anthropicSpec.validateRequest(schema, request.body);
    return result.valid ? checkMessagesRules(request.body as MessagesRequestBody) : result;
  },
  reply: (request) => {
    const facts = messagesFacts(request.body as MessagesRequestBody);
    return jsonReply(
      200,
      { input_tokens: Math.max(1, estimateTokens(facts.promptText)) },
      anthropicHeaders(),
    );
  },
};
