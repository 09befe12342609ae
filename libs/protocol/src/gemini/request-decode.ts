import type {
  CanonicalMessage,
  CanonicalRequest,
  ContentPart,
  ReasoningConfig,
  ResponseFormat,
  ToolDefinition,
} from '../canonical';
import type { SurfaceHints } from '../codec';
import { withExtras, type ExtraFields } from '../extras';
import { isReasoningEffort } from '../reasoning';
import { assign } from '../util/assign';
import {
  asArray,
  asObject,
  asString,
  invalidField,
  optBoolean,
  optInteger,
  optNumber,
  optObject,
  optString,
  optStringList,
  unsupportedField,
  type WireObject,
} from '../util/wire-reader';
import { camelOf, field } from './fields';
import { decodeContentPart } from './parts';
import { geminiSchemaToJsonSchema } from './schema';

const KNOWN_FIELDS: ReadonlySet<string> = new Set([
  'model',
  'contents',
  'systemInstruction',
  'tools',
  'toolConfig',
  'generationConfig',
]);
const KNOWN_GENERATION: ReadonlySet<string> = new Set([
  'candidateCount',
  'stopSequences',
  'maxOutputTokens',
  'temperature',
  'topP',
  'topK',
  'seed',
  'responseMimeType',
  'responseSchema',
  'responseJsonSchema',
  'thinkingConfig',
]);

/**
 * Gemini generateContent body (model and streaming come from the URL, via hints) -> canonical.
 * Gemini function calls may carry no id: ids are synthesized from their position
 * (`call_<content>_<part>`), and each functionResponse takes the id of the oldest unanswered call
 * of the same name, so the pairing survives into formats that match results by id.
 */
export function decodeGeminiRequest(body: unknown, hints: SurfaceHints = {}): CanonicalRequest {
  const b = asObject(body, 'body');
  const model = hints.model ?? optString(b.model, 'model');
  if (model === undefined || model === '') throw invalidField('model', 'required (in the URL)');
  let extras: ExtraFields | undefined;
  for (const key in b) {
    if (!KNOWN_FIELDS.has(camelOf(key)) && b[key] !== undefined) (extras ??= {})[camelOf(key)] = b[key];
  }
  const request: CanonicalRequest = {
    model: model.startsWith('models/') ? model.slice(7) : model,
    system: decodeSystem(optObject(field(b, 'systemInstruction'), 'systemInstruction')),
    messages: decodeContents(asArray(b.contents, 'contents')),
    stream: hints.stream ?? false,
  };
  const tools = field(b, 'tools');
  if (tools !== undefined && tools !== null) {
    const decoded = decodeTools(asArray(tools, 'tools'));
    if (decoded.tools.length > 0) request.tools = decoded.tools;
    if (decoded.otherTools.length > 0) (extras ??= {}).tools = decoded.otherTools;
  }
  decodeToolConfig(optObject(field(b, 'toolConfig'), 'toolConfig'), request);
  const generation = optObject(field(b, 'generationConfig'), 'generationConfig');
  if (generation !== undefined) {
    const unknown = decodeGeneration(generation, request);
    if (unknown !== undefined) (extras ??= {}).generationConfig = unknown;
  }
  assign(request, 'extra', withExtras('gemini', extras));
  return request;
}

function decodeSystem(system: WireObject | undefined): ContentPart[] {
  if (system === undefined) return [];
  const parts = asArray(system.parts, 'systemInstruction.parts');
  const out: ContentPart[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = asObject(parts[i], `systemInstruction.parts[${i}]`);
    out.push({ type: 'text', text: asString(part.text, `systemInstruction.parts[${i}].text`) });
  }
  return out;
}

function decodeContents(contents: unknown[]): CanonicalMessage[] {
  const messages: CanonicalMessage[] = [];
  const unanswered = new Map<string, string[]>();
  for (let i = 0; i < contents.length; i++) {
    const path = `contents[${i}]`;
    const content = asObject(contents[i], path);
    const role = optString(content.role, `${path}.role`) ?? 'user';
    if (role !== 'user' && role !== 'model' && role !== 'function')
      throw invalidField(`${path}.role`, `unknown role '${role}'`);
    const parts = asArray(content.parts, `${path}.parts`);
    const regular: ContentPart[] = [];
    let results: ContentPart[] | undefined;
    for (let j = 0; j < parts.length; j++) {
      const partPath = `${path}.parts[${j}]`;
      const part = asObject(parts[j], partPath);
      const response = field(part, 'functionResponse');
      if (response !== undefined) {
        (results ??= []).push(
          decodeFunctionResponse(asObject(response, `${partPath}.functionResponse`), partPath, unanswered),
        );
        continue;
      }
      const decoded = decodeContentPart(part, partPath, () => `call_${i}_${j}`);
      if (decoded.type === 'tool_call') {
        if (role !== 'model')
          throw invalidField(`${partPath}.functionCall`, "function calls belong in 'model' turns");
        const queue = unanswered.get(decoded.name);
        if (queue === undefined) unanswered.set(decoded.name, [decoded.id]);
        else queue.push(decoded.id);
      }
      regular.push(decoded);
    }
    if (results !== undefined) messages.push({ role: 'tool', content: results });
    if (regular.length > 0 || results === undefined)
      messages.push({ role: role === 'model' ? 'assistant' : 'user', content: regular });
  }
  return messages;
}

function decodeFunctionResponse(
  response: WireObject,
  path: string,
  unanswered: Map<string, string[]>,
): ContentPart {
  const name = asString(response.name, `${path}.functionResponse.name`);
  const given = optString(response.id, `${path}.functionResponse.id`);
  let id = given;
  const queue = unanswered.get(name);
  if (queue !== undefined && queue.length > 0) {
    const at = given === undefined ? 0 : queue.indexOf(given);
    if (at >= 0) id = queue.splice(at, 1)[0];
  }
  if (id === undefined)
    throw invalidField(`${path}.functionResponse.name`, `no earlier functionCall of '${name}' to answer`);
  const payload =
    response.response === undefined ? {} : asObject(response.response, `${path}.functionResponse.response`);
  return { type: 'tool_result', toolCallId: id, name, content: JSON.stringify(payload) };
}

function decodeTools(tools: unknown[]): { tools: ToolDefinition[]; otherTools: WireObject[] } {
  const out: ToolDefinition[] = [];
  const otherTools: WireObject[] = [];
  for (let i = 0; i < tools.length; i++) {
    const tool = asObject(tools[i], `tools[${i}]`);
    const declarations = field(tool, 'functionDeclarations');
    if (declarations === undefined) {
      // Google search, code execution, URL context...: only Gemini runs them.
      otherTools.push(tool);
      continue;
    }
    const list = asArray(declarations, `tools[${i}].functionDeclarations`);
    for (let j = 0; j < list.length; j++) {
      const path = `tools[${i}].functionDeclarations[${j}]`;
      const fn = asObject(list[j], path);
      const jsonSchema = optObject(field(fn, 'parametersJsonSchema'), `${path}.parametersJsonSchema`);
      const schema = optObject(fn.parameters, `${path}.parameters`);
      const definition: ToolDefinition = {
        name: asString(fn.name, `${path}.name`),
        parameters:
          jsonSchema ??
          (schema !== undefined ? geminiSchemaToJsonSchema(schema) : { type: 'object', properties: {} }),
      };
      assign(definition, 'description', optString(fn.description, `${path}.description`));
      out.push(definition);
    }
  }
  return { tools: out, otherTools };
}

function decodeToolConfig(config: WireObject | undefined, request: CanonicalRequest): void {
  const calling =
    config === undefined
      ? undefined
      : optObject(field(config, 'functionCallingConfig'), 'toolConfig.functionCallingConfig');
  if (calling === undefined) return;
  const path = 'toolConfig.functionCallingConfig';
  const mode = optString(calling.mode, `${path}.mode`) ?? 'AUTO';
  const allowed = optStringList(field(calling, 'allowedFunctionNames'), `${path}.allowedFunctionNames`);
  switch (mode) {
    case 'AUTO':
    case 'MODE_UNSPECIFIED':
      request.toolChoice = { type: 'auto' };
      break;
    case 'NONE':
      request.toolChoice = { type: 'none' };
      break;
    case 'ANY':
      if (allowed === undefined || allowed.length === 0) request.toolChoice = { type: 'required' };
      else if (allowed.length === 1) request.toolChoice = { type: 'tool', name: allowed[0] };
      else
        throw unsupportedField(
          `${path}.allowedFunctionNames`,
          'only one allowed function name translates (a named tool choice)',
        );
      return;
    default:
      throw unsupportedField(`${path}.mode`, `mode '${mode}'`);
  }
  if (allowed !== undefined && allowed.length > 0)
    throw unsupportedField(`${path}.allowedFunctionNames`, `only meaningful with mode ANY`);
}

/** Reads the generation settings into the request; returns the ones with no canonical home. */
function decodeGeneration(config: WireObject, request: CanonicalRequest): ExtraFields | undefined {
  const p = 'generationConfig';
  assign(request, 'n', optInteger(field(config, 'candidateCount'), `${p}.candidateCount`));
  assign(request, 'stop', optStringList(field(config, 'stopSequences'), `${p}.stopSequences`));
  assign(request, 'maxTokens', optInteger(field(config, 'maxOutputTokens'), `${p}.maxOutputTokens`));
  assign(request, 'temperature', optNumber(config.temperature, `${p}.temperature`));
  assign(request, 'topP', optNumber(field(config, 'topP'), `${p}.topP`));
  assign(request, 'topK', optInteger(field(config, 'topK'), `${p}.topK`));
  assign(request, 'seed', optInteger(config.seed, `${p}.seed`));
  assign(request, 'responseFormat', decodeResponseFormat(config));
  assign(
    request,
    'reasoning',
    decodeThinking(optObject(field(config, 'thinkingConfig'), `${p}.thinkingConfig`)),
  );
  let unknown: ExtraFields | undefined;
  for (const key in config) {
    const camel = camelOf(key);
    if (!KNOWN_GENERATION.has(camel) && config[key] !== undefined) (unknown ??= {})[camel] = config[key];
  }
  return unknown;
}

function decodeResponseFormat(config: WireObject): ResponseFormat | undefined {
  const p = 'generationConfig';
  const mime = optString(field(config, 'responseMimeType'), `${p}.responseMimeType`);
  const jsonSchema = optObject(field(config, 'responseJsonSchema'), `${p}.responseJsonSchema`);
  const schema = optObject(field(config, 'responseSchema'), `${p}.responseSchema`);
  if (mime === undefined || mime === 'text/plain') {
    if (jsonSchema !== undefined || schema !== undefined)
      throw invalidField(`${p}.responseMimeType`, "a response schema needs 'application/json'");
    return mime === undefined ? undefined : { type: 'text' };
  }
  if (mime !== 'application/json') throw unsupportedField(`${p}.responseMimeType`, `'${mime}'`);
  if (jsonSchema !== undefined) return { type: 'json_schema', name: 'response', schema: jsonSchema };
  if (schema !== undefined)
    return { type: 'json_schema', name: 'response', schema: geminiSchemaToJsonSchema(schema) };
  return { type: 'json_object' };
}

function decodeThinking(config: WireObject | undefined): ReasoningConfig | undefined {
  if (config === undefined) return undefined;
  const p = 'generationConfig.thinkingConfig';
  const budget = optInteger(field(config, 'thinkingBudget'), `${p}.thinkingBudget`);
  const include = optBoolean(field(config, 'includeThoughts'), `${p}.includeThoughts`);
  const level = optString(field(config, 'thinkingLevel'), `${p}.thinkingLevel`)?.toLowerCase();
  if (budget === 0) return { enabled: false };
  const reasoning: ReasoningConfig = { enabled: true };
  // -1 asks Gemini to pick the budget itself: no budget to forward.
  if (budget !== undefined && budget > 0) reasoning.budgetTokens = budget;
  if (level !== undefined) {
    if (!isReasoningEffort(level)) throw invalidField(`${p}.thinkingLevel`, `unknown level '${level}'`);
    reasoning.effort = level;
  }
  if (include !== undefined) reasoning.includeThoughts = include;
  return reasoning;
}
