import type { Usage } from '@verosek/protocol';
import type { UpstreamBody } from '../shared/endpoint-upstream';
import type { SpooledForm } from './spooled-form';

/**
 * How a provider that does not take the upload as OpenAI does gets it: one JSON call built from
 * the spooled form (its text fields already through the Shield), its JSON answer read back as the
 * OpenAI endpoint's. `request` throws a 4xx naming a field the provider cannot carry; `answer` a
 * GatewayError for a refusal the caller must see, any other error for an answer it cannot read.
 */
export interface UploadWire {
  request(form: SpooledForm, providerModel: string): Promise<UpstreamBody>;
  answer(json: unknown): { body: unknown; usage?: Usage };
}
