import type { ContentPart, StopReason, Usage } from '../canonical';
import { newId } from '../util/ids';
import type { WireObject } from '../util/wire-reader';
import { incompleteReasonOf, usageToResponses } from './maps';

export const responseId = (canonicalId: string): string =>
  canonicalId.startsWith('resp_') ? canonicalId : newId('resp_');

export function outputText(text: string): WireObject {
  return { type: 'output_text', text, annotations: [], logprobs: [] };
}

export function textPart(text: string, refusal: boolean | undefined): WireObject {
  return refusal ? { type: 'refusal', refusal: text } : outputText(text);
}

export function messageItem(
  id: string,
  content: WireObject[],
  status: 'in_progress' | 'completed',
): WireObject {
  return { id, type: 'message', role: 'assistant', status, content };
}

export function reasoningItem(id: string, text: string, encrypted?: string): WireObject {
  const item: WireObject = { id, type: 'reasoning', summary: text ? [{ type: 'summary_text', text }] : [] };
  if (encrypted) item.encrypted_content = encrypted;
  return item;
}

export function functionCallItem(
  id: string,
  call: { id: string; name: string; arguments: string },
  status: 'in_progress' | 'completed',
): WireObject {
  return { id, type: 'function_call', call_id: call.id, name: call.name, arguments: call.arguments, status };
}

/** Canonical assistant content -> Response output items: consecutive texts share one message. */
export function outputItems(content: ContentPart[]): WireObject[] {
  const items: WireObject[] = [];
  let message: WireObject[] | undefined;
  for (const part of content) {
    if (part.type === 'text') {
      if (!message) {
        message = [];
        items.push(messageItem(newId('msg_'), message, 'completed'));
      }
      message.push(textPart(part.text, part.refusal));
      continue;
    }
    message = undefined;
    if (part.type === 'thinking') items.push(reasoningItem(newId('rs_'), part.text, part.signature));
    else if (part.type === 'tool_call') items.push(functionCallItem(newId('fc_'), part, 'completed'));
  }
  return items;
}

export interface Envelope {
  id: string;
  createdAt: number;
  model: string;
  status: 'in_progress' | 'completed' | 'incomplete' | 'failed';
  output: WireObject[];
  stopReason?: StopReason;
  usage?: Usage;
  error?: { code: string; message: string };
}

/** The Response object around its output items, as the API returns it. */
export function responseObject(e: Envelope): WireObject {
  const incomplete = e.stopReason && incompleteReasonOf(e.stopReason);
  const body: WireObject = {
    id: e.id,
    object: 'response',
    created_at: e.createdAt,
    status: e.status,
    error: e.error ?? null,
    incomplete_details: e.status === 'incomplete' && incomplete ? { reason: incomplete } : null,
    instructions: null,
    max_output_tokens: null,
    model: e.model,
    output: e.output,
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    store: false,
    temperature: null,
    text: { format: { type: 'text' } },
    tool_choice: 'auto',
    tools: [],
    top_p: null,
    truncation: 'disabled',
    metadata: {},
  };
  if (e.usage) body.usage = usageToResponses(e.usage);
  return body;
}

export function finalStatus(stop: StopReason): 'completed' | 'incomplete' {
  return incompleteReasonOf(stop) ? 'incomplete' : 'completed';
}
