import type { FakeServer } from '@verosek/testing';
import type { Fakes } from '../../harness/gateway-harness';
import type { AskToolChoice, ImageInput, UpstreamTurn, UpstreamView } from './neutral';

export type ProviderName = 'openai' | 'anthropic' | 'gemini';

/** One upstream provider of the matrix: its model group, its fake, and how to read what reached it. */
export interface MatrixProvider {
  name: ProviderName;
  /** The model group routed to this provider (threeProviderYaml). */
  group: string;
  fake(fakes: Fakes): FakeServer;
  /** The request body its fake received, in neutral terms. */
  read(body: unknown): UpstreamView;
  /** Whether its usage reports reasoning tokens (Anthropic's does not). */
  reportsReasoningTokens: boolean;
  /** Whether it answers with readable thinking (OpenAI Chat Completions does not). */
  returnsThinking: boolean;
  /** Whether its stop reason tells a stop sequence / a tool call apart from a plain end. */
  tellsStopSequence: boolean;
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

function turn(role: UpstreamTurn['role']): UpstreamTurn {
  return { role, texts: [], images: [], toolCalls: [], toolResults: [], thinking: [] };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function imageFromDataUrl(url: string): ImageInput {
  const match = /^data:([^;]+);base64,(.*)$/s.exec(url);
  return match
    ? { kind: 'base64', mediaType: match[1], data: match[2] }
    : { kind: 'url', url, mediaType: '' };
}

function readOpenAI(body: Json): UpstreamView {
  const view: UpstreamView = { system: [], turns: [], tools: [] };
  for (const message of body.messages as Json[]) {
    const texts = (content: unknown) =>
      typeof content === 'string'
        ? [content]
        : asArray(content as Json[])
            .filter((p) => p.type === 'text')
            .map((p) => p.text as string);
    if (message.role === 'system' || message.role === 'developer') {
      view.system.push(...texts(message.content));
      continue;
    }
    if (message.role === 'tool') {
      const last = view.turns.at(-1);
      const target = last?.role === 'tool' ? last : (view.turns.push(turn('tool')), view.turns.at(-1)!);
      target.toolResults.push({
        id: message.tool_call_id,
        content: parseJson(texts(message.content).join('')),
      });
      continue;
    }
    const t = turn(message.role);
    if (message.content !== null && message.content !== undefined) t.texts.push(...texts(message.content));
    for (const part of Array.isArray(message.content) ? (message.content as Json[]) : []) {
      if (part.type === 'image_url') t.images.push(imageFromDataUrl(part.image_url.url));
    }
    for (const call of asArray(message.tool_calls as Json[])) {
      t.toolCalls.push({ id: call.id, name: call.function.name, args: parseJson(call.function.arguments) });
    }
    view.turns.push(t);
  }
  view.tools = asArray(body.tools as Json[]).map((tool) => tool.function.name);
  const choice = body.tool_choice;
  if (choice !== undefined)
    view.toolChoice = typeof choice === 'string' ? (choice as AskToolChoice) : { name: choice.function.name };
  if (body.parallel_tool_calls !== undefined) view.parallelToolCalls = body.parallel_tool_calls;
  const format = body.response_format;
  if (format?.type === 'json_object') view.responseFormat = { type: 'json' };
  if (format?.type === 'json_schema')
    view.responseFormat = { type: 'schema', schema: format.json_schema.schema };
  if (body.stop !== undefined && body.stop !== null) view.stop = asArray(body.stop);
  view.maxTokens = body.max_completion_tokens ?? body.max_tokens;
  Object.assign(view, { temperature: body.temperature, topP: body.top_p, seed: body.seed });
  if (body.reasoning_effort !== undefined) view.reasoning = { effort: body.reasoning_effort };
  return view;
}

function readAnthropic(body: Json): UpstreamView {
  const view: UpstreamView = { system: [], turns: [], tools: [] };
  view.system =
    typeof body.system === 'string' ? [body.system] : asArray(body.system as Json[]).map((b) => b.text);
  for (const message of body.messages as Json[]) {
    const blocks: Json[] =
      typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content;
    const hasResults = blocks.some((b) => b.type === 'tool_result');
    const t = turn(hasResults ? 'tool' : message.role);
    for (const block of blocks) {
      switch (block.type) {
        case 'text':
          t.texts.push(block.text);
          break;
        case 'image':
          t.images.push(
            block.source.type === 'base64'
              ? { kind: 'base64', mediaType: block.source.media_type, data: block.source.data }
              : { kind: 'url', url: block.source.url, mediaType: '' },
          );
          break;
        case 'tool_use':
          t.toolCalls.push({ id: block.id, name: block.name, args: block.input });
          break;
        case 'tool_result': {
          const text =
            typeof block.content === 'string'
              ? block.content
              : asArray(block.content as Json[])
                  .map((b) => b.text)
                  .join('');
          t.toolResults.push({ id: block.tool_use_id, content: parseJson(text) });
          break;
        }
        case 'thinking':
          t.thinking.push({ text: block.thinking, signature: block.signature });
          break;
      }
    }
    view.turns.push(t);
  }
  view.tools = asArray(body.tools as Json[]).map((tool) => tool.name);
  const choice = body.tool_choice;
  if (choice !== undefined) {
    view.toolChoice =
      choice.type === 'any' ? 'required' : choice.type === 'tool' ? { name: choice.name } : choice.type;
    if (choice.disable_parallel_tool_use !== undefined)
      view.parallelToolCalls = !choice.disable_parallel_tool_use;
  }
  const format = body.output_config?.format;
  if (format?.type === 'json_schema') view.responseFormat = { type: 'schema', schema: format.schema };
  if (body.stop_sequences !== undefined) view.stop = body.stop_sequences;
  Object.assign(view, {
    maxTokens: body.max_tokens,
    temperature: body.temperature,
    topP: body.top_p,
    topK: body.top_k,
  });
  if (body.thinking?.type === 'enabled') view.reasoning = { budgetTokens: body.thinking.budget_tokens };
  return view;
}

function readGemini(body: Json): UpstreamView {
  const view: UpstreamView = { system: [], turns: [], tools: [] };
  view.system = asArray(body.systemInstruction?.parts as Json[]).map((p) => p.text);
  for (const content of asArray(body.contents as Json[])) {
    const parts: Json[] = content.parts;
    const hasResults = parts.some((p) => p.functionResponse);
    const t = turn(hasResults ? 'tool' : content.role === 'model' ? 'assistant' : 'user');
    for (const part of parts) {
      if (part.thought) t.thinking.push({ text: part.text });
      else if (typeof part.text === 'string') t.texts.push(part.text);
      else if (part.inlineData) {
        t.images.push({ kind: 'base64', mediaType: part.inlineData.mimeType, data: part.inlineData.data });
      } else if (part.fileData) {
        t.images.push({ kind: 'url', url: part.fileData.fileUri, mediaType: part.fileData.mimeType ?? '' });
      } else if (part.functionCall) {
        t.toolCalls.push({
          id: part.functionCall.id,
          name: part.functionCall.name,
          args: part.functionCall.args ?? {},
        });
      } else if (part.functionResponse) {
        t.toolResults.push({
          id: part.functionResponse.id,
          name: part.functionResponse.name,
          content: part.functionResponse.response,
        });
      }
      // Gemini signs the part after its thoughts (a text or a function call): the signature belongs to them.
      if (part.thoughtSignature) {
        const unsigned = t.thinking.find((th) => th.signature === undefined);
        if (unsigned) unsigned.signature = part.thoughtSignature;
        else t.thinking.push({ text: '', signature: part.thoughtSignature });
      }
    }
    view.turns.push(t);
  }
  view.tools = asArray(body.tools as Json[]).flatMap((tool) =>
    asArray(tool.functionDeclarations as Json[]).map((f) => f.name),
  );
  const calling = body.toolConfig?.functionCallingConfig;
  if (calling !== undefined) {
    const names = asArray(calling.allowedFunctionNames as string[]);
    view.toolChoice =
      calling.mode === 'ANY'
        ? names.length === 1
          ? { name: names[0] }
          : 'required'
        : calling.mode === 'NONE'
          ? 'none'
          : 'auto';
  }
  const config: Json = body.generationConfig ?? {};
  if (config.responseMimeType === 'application/json')
    view.responseFormat =
      (config.responseJsonSchema ?? config.responseSchema)
        ? { type: 'schema', schema: config.responseJsonSchema ?? config.responseSchema }
        : { type: 'json' };
  Object.assign(view, {
    stop: config.stopSequences,
    maxTokens: config.maxOutputTokens,
    temperature: config.temperature,
    topP: config.topP,
    topK: config.topK,
    seed: config.seed,
  });
  if (config.thinkingConfig !== undefined)
    view.reasoning = { budgetTokens: config.thinkingConfig.thinkingBudget };
  return view;
}

export const PROVIDERS: MatrixProvider[] = [
  {
    name: 'openai',
    group: 'gpt-4o',
    fake: (f) => f.openai,
    read: (body) => readOpenAI(body as Json),
    reportsReasoningTokens: true,
    returnsThinking: false,
    tellsStopSequence: false,
  },
  {
    name: 'anthropic',
    group: 'claude',
    fake: (f) => f.anthropic,
    read: (body) => readAnthropic(body as Json),
    reportsReasoningTokens: false,
    returnsThinking: true,
    tellsStopSequence: true,
  },
  {
    name: 'gemini',
    group: 'gemini',
    fake: (f) => f.gemini,
    read: (body) => readGemini(body as Json),
    reportsReasoningTokens: true,
    returnsThinking: true,
    tellsStopSequence: false,
  },
];
