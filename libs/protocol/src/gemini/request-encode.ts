import type { CanonicalRequest, ContentPart } from '../canonical';
import { extrasFor } from '../extras';
import { budgetForEffort } from '../reasoning';
import { invalidField, unsupportedField, type WireObject } from '../util/wire-reader';
import { encodeContentPart } from './parts';

/**
 * Canonical request -> Gemini generateContent body (the model goes in the URL, so `providerModel`
 * is not written). Schemas go as `parametersJsonSchema` / `responseJsonSchema` (plain JSON Schema).
 * System messages met mid-conversation join `systemInstruction`: Gemini has no system turns.
 * Images given by URL must have been inlined before (see `needsInlineImages`); a URL left here is
 * sent as `fileData`, which only works for Gemini file URIs.
 */
export function encodeGeminiRequest(request: CanonicalRequest, _providerModel: string): WireObject {
  if (request.n !== undefined && request.n > 1)
    throw unsupportedField('n', 'several choices are only served by OpenAI upstreams');
  if (request.parallelToolCalls === false)
    throw unsupportedField('parallel_tool_calls', 'Gemini cannot switch parallel function calls off');
  const extras = extrasFor(request, 'gemini');
  const system = [...request.system];
  const body: WireObject = { contents: encodeContents(request, system) };
  if (system.length > 0) {
    body.systemInstruction = {
      parts: system.map((part, i) => {
        if (part.type !== 'text')
          throw unsupportedField(`system[${i}]`, `a '${part.type}' part in system instructions`);
        return { text: part.text };
      }),
    };
  }
  const tools: WireObject[] = [];
  if (request.tools !== undefined && request.tools.length > 0) {
    tools.push({
      functionDeclarations: request.tools.map((tool) => {
        const wire: WireObject = { name: tool.name, parametersJsonSchema: tool.parameters };
        if (tool.description !== undefined) wire.description = tool.description;
        return wire;
      }),
    });
  }
  if (Array.isArray(extras?.tools)) tools.push(...(extras.tools as WireObject[]));
  if (tools.length > 0) body.tools = tools;
  const choice = request.toolChoice;
  if (choice !== undefined) {
    const config: WireObject =
      choice.type === 'auto'
        ? { mode: 'AUTO' }
        : choice.type === 'none'
          ? { mode: 'NONE' }
          : choice.type === 'required'
            ? { mode: 'ANY' }
            : { mode: 'ANY', allowedFunctionNames: [choice.name] };
    body.toolConfig = { functionCallingConfig: config };
  }
  const generation = encodeGeneration(request);
  if (extras?.generationConfig !== undefined) Object.assign(generation, extras.generationConfig);
  if (Object.keys(generation).length > 0) body.generationConfig = generation;
  if (extras !== undefined) {
    for (const key in extras) if (key !== 'tools' && key !== 'generationConfig') body[key] = extras[key];
  }
  return body;
}

function encodeContents(request: CanonicalRequest, system: ContentPart[]): WireObject[] {
  const out: WireObject[] = [];
  const nameById = new Map<string, string>();
  let last: { role: string; parts: WireObject[] } | undefined;
  const messages = request.messages;
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i];
    if (message.role === 'system') {
      system.push(...message.content);
      continue;
    }
    const role = message.role === 'assistant' ? 'model' : 'user';
    const parts: WireObject[] = [];
    for (let j = 0; j < message.content.length; j++) {
      const part = message.content[j];
      const path = `messages[${i}].content[${j}]`;
      if (part.type === 'tool_call') nameById.set(part.id, part.name);
      const wire = encodeContentPart(part, path, (id) => {
        const name = nameById.get(id);
        if (name === undefined)
          throw invalidField(
            `${path}.tool_call_id`,
            `no earlier tool call with id '${id}'; Gemini needs the function name`,
          );
        return name;
      });
      if (wire !== undefined) parts.push(wire);
    }
    if (parts.length === 0) continue;
    // Function responses and the user text after them form one user turn.
    if (last !== undefined && last.role === role) {
      last.parts.push(...parts);
      continue;
    }
    last = { role, parts };
    out.push(last);
  }
  return out;
}

function encodeGeneration(request: CanonicalRequest): WireObject {
  const config: WireObject = {};
  if (request.maxTokens !== undefined) config.maxOutputTokens = request.maxTokens;
  if (request.temperature !== undefined) config.temperature = request.temperature;
  if (request.topP !== undefined) config.topP = request.topP;
  if (request.topK !== undefined) config.topK = request.topK;
  if (request.seed !== undefined) config.seed = request.seed;
  if (request.stop !== undefined) config.stopSequences = request.stop;
  if (request.n !== undefined) config.candidateCount = request.n;
  const format = request.responseFormat;
  if (format !== undefined) {
    if (format.type === 'text') config.responseMimeType = 'text/plain';
    else {
      config.responseMimeType = 'application/json';
      if (format.type === 'json_schema') config.responseJsonSchema = format.schema;
    }
  }
  const reasoning = request.reasoning;
  if (reasoning !== undefined) {
    const thinking: WireObject = {};
    if (!reasoning.enabled) thinking.thinkingBudget = 0;
    else {
      const budget =
        reasoning.budgetTokens ??
        (reasoning.effort !== undefined ? budgetForEffort(reasoning.effort) : undefined);
      if (budget !== undefined) thinking.thinkingBudget = budget;
      if (reasoning.includeThoughts) thinking.includeThoughts = true;
    }
    config.thinkingConfig = thinking;
  }
  return config;
}
