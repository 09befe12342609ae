import type { Usage } from '@verosek/protocol';
import type { UpstreamBody } from '../shared/endpoint-upstream';
import type { JsonBody } from '../shared/json-fields';

/** A provider's answer as OpenAI's `ImagesResponse`, with the usage the ledger records. */
export interface ImagesAnswer {
  body: unknown;
  usage?: Usage;
}

/**
 * One provider wire of `POST /v1/images/generations`: the caller's OpenAI body (its prompt through
 * the Shield) as the provider takes it, and the provider's answer back as an `ImagesResponse`.
 * `request` throws a 400 naming a field the provider cannot carry; `answer` throws a GatewayError
 * for a refusal the caller must see, any other error for an answer it cannot read.
 */
export interface ImageWire {
  request(body: JsonBody, providerModel: string): UpstreamBody;
  answer(json: unknown): ImagesAnswer;
}
