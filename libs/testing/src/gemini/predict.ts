import { FAKE_PNG } from '../fake/fake-png';
import { jsonReply } from '../fake/reply';
import type { FakeRequest } from '../fake/request';
import type { Route } from '../fake/route';
import { geminiSpec } from '../specs/gemini-spec';
import { invalid, VALID, type ValidationResult } from '../specs/validation';
import { GEMINI_JSON } from './gemini-errors';

/** Imagen's `parameters` on the Gemini API and the values each may take (undefined: any). */
const PARAMETERS: Record<string, readonly unknown[] | undefined> = {
  sampleCount: [1, 2, 3, 4],
  aspectRatio: ['1:1', '3:4', '4:3', '9:16', '16:9'],
  personGeneration: ['dont_allow', 'allow_adult', 'allow_all'],
  imageSize: ['1K', '2K'],
  negativePrompt: undefined,
  guidanceScale: undefined,
  seed: undefined,
  safetySetting: undefined,
  includeSafetyAttributes: undefined,
  includeRaiReason: undefined,
  language: undefined,
  outputOptions: undefined,
  addWatermark: undefined,
  enhancePrompt: undefined,
};

interface ImagenRequest {
  instances: Array<{ prompt: string }>;
  parameters?: { sampleCount?: number };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The PredictRequest proto (`instances` required, both `google.protobuf.Value`), then what Imagen
 * reads of them: instances holding a non-empty `prompt`, `parameters` an object of known fields.
 */
function validatePredict(request: FakeRequest): ValidationResult {
  const proto = geminiSpec.validateRequest('PredictRequest', request.body);
  if (!proto.valid) return proto;
  const body = request.body as { instances: unknown[]; parameters?: unknown };
  if (body.instances.length === 0) return invalid('/instances must not be empty');
  const bad = body.instances.findIndex(
    (i) => !isObject(i) || typeof i.prompt !== 'string' || i.prompt === '',
  );
  if (bad !== -1) return invalid(`/instances/${bad}/prompt must be a non-empty string`);
  if (body.parameters === undefined) return VALID;
  if (!isObject(body.parameters)) return invalid('/parameters must be an object');
  for (const [name, value] of Object.entries(body.parameters)) {
    if (!(name in PARAMETERS)) return invalid(`/parameters/${name} is not a known parameter`);
    const allowed = PARAMETERS[name];
    if (allowed && !allowed.includes(value))
      return invalid(
        `/parameters/${name} must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`,
      );
  }
  return VALID;
}

/** `POST /v1beta/models/{model}:predict` (Imagen): `sampleCount` PNG predictions. */
export const predictRoute: Route = {
  method: 'POST',
  path: /^\/v1beta\/models\/(?<model>[^/:]+):predict$/,
  body: 'json',
  validate: validatePredict,
  model: (request) => request.params.model,
  reply: (request) => {
    const count = (request.body as ImagenRequest).parameters?.sampleCount ?? 4;
    const prediction = { bytesBase64Encoded: FAKE_PNG.toString('base64'), mimeType: 'image/png' };
    return jsonReply(
      200,
      { predictions: Array.from({ length: count }, () => ({ ...prediction })) },
      { 'content-type': GEMINI_JSON },
    );
  },
};
