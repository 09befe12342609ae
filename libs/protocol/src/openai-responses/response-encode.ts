import type { CanonicalResponse } from '../canonical';
import type { WireObject } from '../util/wire-reader';
import { finalStatus, outputItems, responseId, responseObject } from './output-items';

/** Canonical response -> OpenAI Response object, echoing the model the client asked for. */
export function encodeResponsesResponse(response: CanonicalResponse, requestedModel: string): WireObject {
  return responseObject({
    id: responseId(response.id),
    createdAt: response.created,
    model: requestedModel,
    status: finalStatus(response.stopReason),
    stopReason: response.stopReason,
    output: outputItems(response.content),
    usage: response.usage,
  });
}
