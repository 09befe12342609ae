import type { CanonicalStreamEvent } from '../canonical';
import { decodeOpenAIStreamError } from '../openai-chat/errors';
import { SseJsonDecoder } from '../sse/sse-json-decoder';
import { nowSeconds } from '../util/ids';
import { isObject, type WireObject } from '../util/wire-reader';
import { stopReasonFromResponse, usageFromResponses } from './maps';

/**
 * The Responses API's typed SSE events -> canonical events. Text blocks are keyed by item and
 * content index, reasoning and function calls by item; each becomes one canonical block.
 */
export class ResponsesStreamDecoder extends SseJsonDecoder {
  private readonly blocks = new Map<string, number>();
  private nextBlock = 0;
  private calledTools = false;

  protected onBytesEnd(out: CanonicalStreamEvent[]): void {
    this.fail(out, 'upstream stream ended before response.completed');
  }

  protected onEvent(e: WireObject, out: CanonicalStreamEvent[]): void {
    const item = isObject(e.item) ? e.item : undefined;
    const itemKey = String(e.item_id ?? item?.id ?? e.output_index);
    switch (e.type) {
      case 'response.created': {
        const r = isObject(e.response) ? e.response : {};
        out.push({
          type: 'start',
          id: typeof r.id === 'string' ? r.id : '',
          model: typeof r.model === 'string' ? r.model : '',
          created: typeof r.created_at === 'number' ? r.created_at : nowSeconds(),
        });
        return;
      }
      case 'response.output_item.added':
        if (item?.type === 'function_call') {
          this.calledTools = true;
          out.push({
            type: 'tool-call-start',
            index: this.open(itemKey),
            id: String(item.call_id ?? ''),
            name: String(item.name ?? ''),
          });
        } else if (item?.type === 'reasoning')
          out.push({ type: 'thinking-start', index: this.open(itemKey) });
        return;
      case 'response.content_part.added': {
        const part = isObject(e.part) ? e.part : {};
        const index = this.open(`${itemKey}/${String(e.content_index)}`);
        out.push(
          part.type === 'refusal'
            ? { type: 'text-start', index, refusal: true }
            : { type: 'text-start', index },
        );
        return;
      }
      case 'response.output_text.delta':
      case 'response.refusal.delta':
        this.delta(`${itemKey}/${String(e.content_index)}`, e.delta, out, 'text');
        return;
      case 'response.reasoning_summary_text.delta':
      case 'response.reasoning_text.delta':
        this.delta(itemKey, e.delta, out, 'thinking');
        return;
      case 'response.function_call_arguments.delta':
        this.delta(itemKey, e.delta, out, 'tool');
        return;
      case 'response.content_part.done':
        this.close(`${itemKey}/${String(e.content_index)}`, out);
        return;
      case 'response.output_item.done':
        if (item?.type === 'reasoning' && typeof item.encrypted_content === 'string') {
          const index = this.blocks.get(itemKey);
          if (index !== undefined)
            out.push({ type: 'thinking-signature', index, signature: item.encrypted_content });
        }
        this.close(itemKey, out);
        return;
      case 'response.completed':
      case 'response.incomplete':
        this.finish(isObject(e.response) ? e.response : {}, out);
        return;
      case 'response.failed':
      case 'error': {
        this.closed = true;
        const r = isObject(e.response) ? e.response : undefined;
        const wire = r && isObject(r.error) ? r.error : e;
        out.push({
          type: 'error',
          error: decodeOpenAIStreamError({ type: wire.code, code: wire.code, message: wire.message }),
        });
        return;
      }
    }
  }

  private open(key: string): number {
    const index = this.nextBlock++;
    this.blocks.set(key, index);
    return index;
  }

  private delta(
    key: string,
    delta: unknown,
    out: CanonicalStreamEvent[],
    kind: 'text' | 'thinking' | 'tool',
  ): void {
    const index = this.blocks.get(key);
    if (index === undefined || typeof delta !== 'string' || delta === '') return;
    if (kind === 'text') out.push({ type: 'text-delta', index, text: delta });
    else if (kind === 'thinking') out.push({ type: 'thinking-delta', index, text: delta });
    else out.push({ type: 'tool-call-delta', index, argumentsDelta: delta });
  }

  private close(key: string, out: CanonicalStreamEvent[]): void {
    const index = this.blocks.get(key);
    if (index === undefined) return;
    this.blocks.delete(key);
    out.push({ type: 'block-end', index });
  }

  private finish(response: WireObject, out: CanonicalStreamEvent[]): void {
    for (const key of [...this.blocks.keys()]) this.close(key, out);
    this.closed = true;
    const usage = usageFromResponses(response.usage) ?? { inputTokens: 0, outputTokens: 0 };
    const incomplete = isObject(response.incomplete_details) ? response.incomplete_details.reason : undefined;
    const event: CanonicalStreamEvent = {
      type: 'finish',
      stopReason: stopReasonFromResponse(response.status, incomplete, this.calledTools),
      usage,
    };
    if (typeof response.status === 'string') event.rawStopReason = response.status;
    out.push({ type: 'usage', usage }, event);
  }
}
