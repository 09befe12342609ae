import type { ScriptedAnswer, StopReason } from '../fake/answer';
import {
  buildCompletion,
  toolArgumentsObject,
  type Completion,
  type CompletionToolCall,
} from '../fake/completion';
import { base64url } from '../fake/ids';
import { jsonReply, type Reply } from '../fake/reply';
import type { FakeRequest } from '../fake/request';
import type { Route } from '../fake/route';
import { geminiSpec } from '../specs/gemini-spec';
import { FAKE_PNG } from '../fake/fake-png';
import { checkContentRules, contentFacts, wantsImage, type GenerateContentBody } from './content-request';
import { GEMINI_JSON, geminiErrorBody } from './gemini-errors';

const FINISH_REASON: Record<StopReason, string> = {
  end_turn: 'STOP',
  stop_sequence: 'STOP',
  tool_use: 'STOP',
  max_tokens: 'MAX_TOKENS',
  content_filter: 'SAFETY',
};

const modelPath = (method: string) => new RegExp(`^/v1beta/models/(?<model>[^/:]+):${method}$`);

function validateGenerateContent(request: FakeRequest) {
  const schema = geminiSpec.validateRequest('GenerateContentRequest', request.body);
  return schema.valid ? checkContentRules(request.body as GenerateContentBody, request.params.model) : schema;
}

/** `POST /v1beta/models/{model}:generateContent`. */
export const generateContentRoute: Route = {
  method: 'POST',
  path: modelPath('generateContent'),
  body: 'json',
  validate: validateGenerateContent,
  model: (request) => request.params.model,
  reply: (request, answer) => {
    const { completion, meta } = prepare(request, answer);
    const image = wantsImage(request.body as GenerateContentBody);
    return jsonReply(200, wholeResponse(completion, meta, image), { 'content-type': GEMINI_JSON });
  },
};

/** `POST /v1beta/models/{model}:streamGenerateContent`: SSE with `?alt=sse` (CRLF framing), else one JSON array. */
export const streamGenerateContentRoute: Route = {
  method: 'POST',
  path: modelPath('streamGenerateContent'),
  body: 'json',
  validate: validateGenerateContent,
  model: (request) => request.params.model,
  reply: (request, answer): Reply => {
    const { completion, meta } = prepare(request, answer);
    const chunks = streamChunks(completion, meta).map((chunk) => JSON.stringify(chunk));
    if (request.query.get('alt') === 'sse') {
      return {
        kind: 'stream',
        status: 200,
        headers: { 'content-type': 'text/event-stream', 'content-disposition': 'attachment' },
        frames: chunks.map((json) => `data: ${json}\r\n\r\n`),
        errorFrame: (error) => `data: ${JSON.stringify(geminiErrorBody(error))}\r\n\r\n`,
      };
    }
    return {
      kind: 'stream',
      status: 200,
      headers: { 'content-type': GEMINI_JSON },
      frames: chunks.map((json, i) => `${i === 0 ? '[' : '\r\n,'}${json}`),
      trailer: ']',
      errorFrame: (error, written) =>
        `${written === 0 ? '[' : '\r\n,'}${JSON.stringify(geminiErrorBody(error))}]`,
    };
  },
};

interface ResponseMeta {
  model: string;
  responseId: string;
}

function prepare(request: FakeRequest, answer: ScriptedAnswer | undefined) {
  const model = request.params.model;
  const facts = contentFacts(request.body as GenerateContentBody, model);
  const completion = buildCompletion(answer, facts, { provider: 'Gemini', newToolCallId: () => '' });
  return { completion, meta: { model, responseId: base64url(22) } };
}

/** What one response (or stream chunk) carries. */
interface PartsSpec {
  thoughts: string[];
  texts: string[];
  calls: CompletionToolCall[];
}

/** What one image costs in output tokens on Gemini's image models (1024x1024). */
const IMAGE_TOKENS = 1290;

/** A non-streamed answer; asked for image output, the text is followed by one PNG part. */
function wholeResponse(c: Completion, meta: ResponseMeta, image: boolean): Record<string, unknown> {
  const spec = {
    thoughts: c.thinking ? [c.thinking.text] : [],
    texts: c.text ? [c.text] : [],
    calls: c.toolCalls,
  };
  const all = parts(spec, signatureOf(c));
  const textTokens = c.usage.output - c.usage.reasoning;
  const usage = usageMetadata(c, textTokens + (image ? IMAGE_TOKENS : 0));
  if (image) {
    all.push({ inlineData: { mimeType: 'image/png', data: FAKE_PNG.toString('base64') } });
    usage.candidatesTokensDetails = [
      { modality: 'TEXT', tokenCount: textTokens },
      { modality: 'IMAGE', tokenCount: IMAGE_TOKENS },
    ];
  }
  return response(all, meta, usage, FINISH_REASON[c.stopReason]);
}

/**
 * The chunks of a real stream: thought parts, text parts, then all function calls in one chunk;
 * the thought signature on the first part after the thoughts; usage on every chunk (output
 * counted so far), `finishReason` on the last.
 */
function streamChunks(c: Completion, meta: ResponseMeta): Record<string, unknown>[] {
  const steps: PartsSpec[] = [
    ...(c.thinking?.chunks ?? []).map((t) => ({ thoughts: [t], texts: [], calls: [] })),
    ...c.textChunks.map((t) => ({ thoughts: [], texts: [t], calls: [] })),
    ...(c.toolCalls.length > 0 ? [{ thoughts: [], texts: [], calls: c.toolCalls }] : []),
  ];
  if (steps.length === 0) steps.push({ thoughts: [], texts: [''], calls: [] });
  const firstAnswer = steps.findIndex((s) => s.thoughts.length === 0);
  const signedStep = firstAnswer === -1 ? steps.length - 1 : firstAnswer;
  const candidates = c.usage.output - c.usage.reasoning;
  return steps.map((step, i) => {
    const last = i === steps.length - 1;
    const soFar = Math.round((candidates * (i + 1)) / steps.length);
    return response(
      parts(step, i === signedStep ? signatureOf(c) : undefined),
      meta,
      usageMetadata(c, soFar),
      last ? FINISH_REASON[c.stopReason] : undefined,
    );
  });
}

function parts(spec: PartsSpec, signature: string | undefined): Record<string, unknown>[] {
  const all: Record<string, unknown>[] = [
    ...spec.thoughts.map((text) => ({ text, thought: true })),
    ...spec.texts.map((text) => ({ text })),
    ...spec.calls.map((call) => ({ functionCall: { name: call.name, args: toolArgumentsObject(call) } })),
  ];
  const target = all.find((p) => p.thought !== true) ?? all.at(-1);
  if (signature && target) target.thoughtSignature = signature;
  return all;
}

function response(
  parts: Record<string, unknown>[],
  meta: ResponseMeta,
  usage: Record<string, unknown>,
  finishReason: string | undefined,
): Record<string, unknown> {
  const candidate = { content: { parts, role: 'model' }, ...(finishReason && { finishReason }), index: 0 };
  return {
    candidates: [candidate],
    usageMetadata: usage,
    modelVersion: meta.model,
    responseId: meta.responseId,
  };
}

/** Output tokens split as Gemini reports them: candidates (visible so far) apart from thoughts. */
function usageMetadata(c: Completion, candidates: number): Record<string, unknown> {
  return {
    promptTokenCount: c.usage.input,
    candidatesTokenCount: candidates,
    totalTokenCount: c.usage.input + c.usage.reasoning + candidates,
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: c.usage.input }],
    ...(c.usage.reasoning > 0 && { thoughtsTokenCount: c.usage.reasoning }),
    ...(c.usage.cached > 0 && { cachedContentTokenCount: c.usage.cached }),
  };
}

/** `thoughtSignature` is bytes, so base64 on the wire; a scripted non-base64 signature is encoded. */
function signatureOf(c: Completion): string | undefined {
  if (!c.thinking) return undefined;
  const signature = c.thinking.signature;
  const isBase64 = /^[A-Za-z0-9+/]+={0,2}$/.test(signature) && signature.length % 4 === 0;
  return isBase64 ? signature : Buffer.from(signature).toString('base64');
}
