import type { CanonicalStreamEvent, Usage } from '../canonical';
import { SseJsonDecoder } from '../sse/sse-json-decoder';
import { nowSeconds } from '../util/ids';
import { isObject, type WireObject } from '../util/wire-reader';
import { decodeAnthropicStreamError } from './errors';
import { stopReasonFromAnthropic, usageFromAnthropic } from './maps';

/**
 * Anthropic SSE -> canonical events, driven by each event's `data.type`. Block types with no
 * canonical meaning (server tools, beta blocks) are skipped together with their deltas.
 */
export class AnthropicStreamDecoder extends SseJsonDecoder {
  private usage: Usage = { inputTokens: 0, outputTokens: 0 };
  private stopReason: string | undefined;
  private stopSequence: string | undefined;
  /** Wire index -> canonical index, for the blocks we translate. */
  private readonly blocks = new Map<number, number>();
  private nextIndex = 0;
  private readonly open = new Set<number>();

  protected onBytesEnd(out: CanonicalStreamEvent[]): void {
    this.fail(out, 'upstream stream ended before message_stop');
  }

  protected onEvent(event: WireObject, out: CanonicalStreamEvent[]): void {
    switch (event.type) {
      case 'message_start': {
        const message = isObject(event.message) ? event.message : {};
        out.push({
          type: 'start',
          id: typeof message.id === 'string' ? message.id : '',
          model: typeof message.model === 'string' ? message.model : '',
          created: nowSeconds(),
        });
        this.updateUsage(message.usage, out);
        break;
      }
      case 'content_block_start':
        this.blockStart(event, out);
        break;
      case 'content_block_delta':
        this.blockDelta(event, out);
        break;
      case 'content_block_stop': {
        const index = this.blocks.get(event.index as number);
        if (index !== undefined && this.open.delete(index)) out.push({ type: 'block-end', index });
        break;
      }
      case 'message_delta': {
        const delta = isObject(event.delta) ? event.delta : {};
        if (typeof delta.stop_reason === 'string') this.stopReason = delta.stop_reason;
        if (typeof delta.stop_sequence === 'string') this.stopSequence = delta.stop_sequence;
        this.updateUsage(event.usage, out);
        break;
      }
      case 'message_stop': {
        this.closed = true;
        // A block cut off by max_tokens may never see its content_block_stop.
        for (const index of this.open) out.push({ type: 'block-end', index });
        this.open.clear();
        const finish: CanonicalStreamEvent = {
          type: 'finish',
          stopReason: stopReasonFromAnthropic(this.stopReason),
          usage: this.usage,
        };
        if (this.stopReason !== undefined) finish.rawStopReason = this.stopReason;
        if (this.stopSequence !== undefined) finish.stopSequence = this.stopSequence;
        out.push(finish);
        break;
      }
      case 'error':
        this.closed = true;
        out.push({ type: 'error', error: decodeAnthropicStreamError(event) });
        break;
      default:
        // ping and future event types carry nothing canonical.
        break;
    }
  }

  private updateUsage(raw: unknown, out: CanonicalStreamEvent[]): void {
    const usage = usageFromAnthropic(raw, this.usage);
    if (usage === undefined) return;
    this.usage = usage;
    out.push({ type: 'usage', usage });
  }

  private blockStart(event: WireObject, out: CanonicalStreamEvent[]): void {
    const block = isObject(event.content_block) ? event.content_block : {};
    const wireIndex = event.index as number;
    const index = this.nextIndex;
    switch (block.type) {
      case 'text':
        out.push({ type: 'text-start', index });
        if (typeof block.text === 'string' && block.text !== '')
          out.push({ type: 'text-delta', index, text: block.text });
        break;
      case 'thinking':
        out.push({ type: 'thinking-start', index });
        if (typeof block.thinking === 'string' && block.thinking !== '')
          out.push({ type: 'thinking-delta', index, text: block.thinking });
        if (typeof block.signature === 'string' && block.signature !== '')
          out.push({ type: 'thinking-signature', index, signature: block.signature });
        break;
      case 'redacted_thinking':
        out.push({ type: 'thinking-start', index, redacted: true });
        out.push({ type: 'thinking-signature', index, signature: String(block.data ?? '') });
        break;
      case 'tool_use': {
        out.push({ type: 'tool-call-start', index, id: String(block.id), name: String(block.name) });
        if (isObject(block.input) && Object.keys(block.input).length > 0) {
          out.push({ type: 'tool-call-delta', index, argumentsDelta: JSON.stringify(block.input) });
        }
        break;
      }
      default:
        return;
    }
    this.blocks.set(wireIndex, index);
    this.open.add(index);
    this.nextIndex++;
  }

  private blockDelta(event: WireObject, out: CanonicalStreamEvent[]): void {
    const index = this.blocks.get(event.index as number);
    const delta = event.delta;
    if (index === undefined || !isObject(delta)) return;
    switch (delta.type) {
      case 'text_delta':
        out.push({ type: 'text-delta', index, text: String(delta.text ?? '') });
        break;
      case 'thinking_delta':
        out.push({ type: 'thinking-delta', index, text: String(delta.thinking ?? '') });
        break;
      case 'signature_delta':
        out.push({ type: 'thinking-signature', index, signature: String(delta.signature ?? '') });
        break;
      case 'input_json_delta':
        if (typeof delta.partial_json === 'string' && delta.partial_json !== '')
          out.push({ type: 'tool-call-delta', index, argumentsDelta: delta.partial_json });
        break;
      default:
        // citations_delta and beta deltas have no canonical home.
        break;
    }
  }
}
