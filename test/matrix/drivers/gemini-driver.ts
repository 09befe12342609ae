import { ApiError, GoogleGenAI, FunctionCallingConfigMode } from '@google/genai';
import type { Content, GenerateContentConfig, GenerateContentResponse, Part } from '@google/genai';
import { geminiSpec, parseSse } from '@verosek/testing';
import type { Connection, SdkDriver } from '../support/driver';
import type { Answer, Ask, AskPart } from '../support/neutral';
import type { TappedExchange } from '../support/tap';

function client(connection: Connection): GoogleGenAI {
  return new GoogleGenAI({ apiKey: connection.apiKey, httpOptions: { baseUrl: connection.url } });
}

function userParts(parts: AskPart[]): Part[] {
  return parts.map((part): Part => {
    if ('text' in part) return { text: part.text };
    const image = part.image;
    return image.kind === 'url'
      ? { fileData: { fileUri: image.url, mimeType: image.mediaType } }
      : { inlineData: { mimeType: image.mediaType, data: image.data } };
  });
}

function contents(ask: Ask): Content[] {
  return ask.messages.map((message): Content => {
    switch (message.role) {
      case 'user':
        return { role: 'user', parts: userParts(message.parts) };
      case 'assistant': {
        const parts: Part[] = [];
        if (message.thinking) parts.push({ text: message.thinking.text, thought: true });
        if (message.text) parts.push({ text: message.text });
        for (const call of message.toolCalls ?? []) {
          // Gemini signs the first function call of a thinking turn.
          const signature =
            message.thinking && parts.every((p) => !p.functionCall) ? message.thinking.signature : undefined;
          parts.push({
            functionCall: { name: call.name, args: call.args },
            ...(signature && { thoughtSignature: signature }),
          });
        }
        return { role: 'model', parts };
      }
      case 'tool':
        return {
          role: 'user',
          parts: message.results.map((result) => ({
            functionResponse: {
              name: result.name,
              response: JSON.parse(result.content) as Record<string, unknown>,
            },
          })),
        };
    }
  });
}

function config(ask: Ask): GenerateContentConfig {
  const out: GenerateContentConfig = {};
  if (ask.system !== undefined) out.systemInstruction = ask.system;
  if (ask.tools) {
    out.tools = [
      {
        functionDeclarations: ask.tools.map((tool) => ({
          name: tool.name,
          description: tool.description,
          parametersJsonSchema: tool.parameters,
        })),
      },
    ];
  }
  const choice = ask.toolChoice;
  if (choice !== undefined) {
    out.toolConfig = {
      functionCallingConfig:
        choice === 'auto'
          ? { mode: FunctionCallingConfigMode.AUTO }
          : choice === 'none'
            ? { mode: FunctionCallingConfigMode.NONE }
            : choice === 'required'
              ? { mode: FunctionCallingConfigMode.ANY }
              : { mode: FunctionCallingConfigMode.ANY, allowedFunctionNames: [choice.name] },
    };
  }
  const format = ask.responseFormat;
  if (format) out.responseMimeType = 'application/json';
  if (format?.type === 'schema') out.responseJsonSchema = format.schema;
  if (ask.stop) out.stopSequences = ask.stop;
  if (ask.maxTokens !== undefined) out.maxOutputTokens = ask.maxTokens;
  if (ask.temperature !== undefined) out.temperature = ask.temperature;
  if (ask.topP !== undefined) out.topP = ask.topP;
  if (ask.topK !== undefined) out.topK = ask.topK;
  if (ask.seed !== undefined) out.seed = ask.seed;
  if (ask.reasoning)
    out.thinkingConfig = { thinkingBudget: ask.reasoning.budgetTokens, includeThoughts: true };
  return out;
}

/** Folds response chunks (one for a plain call) into an answer. */
function fold(chunks: GenerateContentResponse[]): Answer {
  const answer: Answer = {
    text: '',
    thinking: [],
    toolCalls: [],
    stop: undefined,
    usage: { input: 0, output: 0, cached: 0, reasoning: 0 },
    argumentFragments: [],
  };
  for (const chunk of chunks) {
    const candidate = chunk.candidates?.[0];
    for (const part of candidate?.content?.parts ?? []) {
      if (part.functionCall) {
        answer.toolCalls.push({
          id: part.functionCall.id ?? '',
          name: part.functionCall.name ?? '',
          args: part.functionCall.args ?? {},
        });
        answer.argumentFragments.push(1);
      } else if (part.thought) {
        const last = answer.thinking.at(-1);
        if (last) last.text += part.text ?? '';
        else answer.thinking.push({ text: part.text ?? '' });
      } else {
        answer.text += part.text ?? '';
      }
      if (part.thoughtSignature) {
        const last = answer.thinking.at(-1) ?? (answer.thinking.push({ text: '' }), answer.thinking[0]);
        last.signature = part.thoughtSignature;
      }
    }
    if (candidate?.finishReason) answer.stop = candidate.finishReason;
    const usage = chunk.usageMetadata;
    if (usage) {
      const thoughts = usage.thoughtsTokenCount ?? 0;
      answer.usage = {
        input: usage.promptTokenCount ?? 0,
        output: (usage.candidatesTokenCount ?? 0) + thoughts,
        cached: usage.cachedContentTokenCount ?? 0,
        reasoning: thoughts,
      };
    }
  }
  return answer;
}

async function call(connection: Connection, ask: Ask, model: string, stream: boolean): Promise<Answer> {
  const ai = client(connection);
  const request = { model, contents: contents(ask), config: config(ask) };
  if (!stream) return fold([await ai.models.generateContent(request)]);
  const chunks: GenerateContentResponse[] = [];
  for await (const chunk of await ai.models.generateContentStream(request)) chunks.push(chunk);
  return fold(chunks);
}

function sseChunks(exchange: TappedExchange): Array<Record<string, unknown>> {
  return parseSse(exchange.body).map((e) => JSON.parse(e.data) as Record<string, unknown>);
}

export const geminiDriver: SdkDriver = {
  name: 'gemini',
  label: '@google/genai 2',
  abilities: new Set(['json-mode', 'top-k', 'seed', 'thinking-history']),
  showsReasoningTokens: true,
  showsThinking: true,
  streamsArgumentFragments: false,
  call,
  stopFor: (stop) => {
    switch (stop) {
      case 'length':
        return 'MAX_TOKENS';
      case 'content_filter':
      case 'refusal':
        return 'SAFETY';
      case 'error':
        return 'OTHER';
      default:
        return 'STOP';
    }
  },
  statusFor: (status) => (status === 529 ? 503 : status),
  isTypedError: (error, status) => error instanceof ApiError && error.status === status,
  isApiError: (error) => error instanceof ApiError,
  specErrors: (exchange, stream) => {
    if (exchange.status >= 400) return geminiSpec.validateError(JSON.parse(exchange.body)).errors;
    if (!stream)
      return geminiSpec.validateResponse('GenerateContentResponse', JSON.parse(exchange.body)).errors;
    return sseChunks(exchange).flatMap((chunk) =>
      'error' in chunk
        ? geminiSpec.validateError(chunk).errors
        : geminiSpec.validateStreamChunk(chunk).errors,
    );
  },
  endsWithErrorEvent: (exchange) => {
    const last = sseChunks(exchange).at(-1);
    return last !== undefined && 'error' in last;
  },
};
