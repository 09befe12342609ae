import type { CanonicalStreamEvent, Usage } from '../canonical';
import { SseJsonDecoder } from '../sse/sse-json-decoder';
import { nowSeconds } from '../util/ids';
import { isObject, type WireObject } from '../util/wire-reader';
import { decodeOpenAIStreamError } from './errors';
import { stopReasonFromOpenAI, usageFromOpenAI } from './maps';

type OpenBlock = { kind: 'text' | 'refusal' | 'tool'; index: number };

/**
 * OpenAI chat.completion.chunk SSE -> canonical events. Reads choice 0 only (`n > 1` is served by
 * passthrough). `finish` goes out at `[DONE]` (or the end of the bytes), after the usage chunk.
 */
export class OpenAIStreamDecoder extends SseJsonDecoder {
  private started = false;
  private nextBlock = 0;
  private open: OpenBlock | undefined;
  private readonly blockByToolIndex = new Map<number, number>();
  private finishReason: string | undefined;
  private refused = false;
  private usage: Usage | undefined;

  protected onBytesEnd(out: CanonicalStreamEvent[]): void {
    if (this.finishReason !== undefined) this.finish(out);
    else this.fail(out, 'upstream stream ended before a finish_reason');
  }

  protected override onMarker(data: string, out: CanonicalStreamEvent[]): boolean {
    if (data !== '[DONE]') return false;
    this.finish(out);
    return true;
  }

  protected onEvent(chunk: WireObject, out: CanonicalStreamEvent[]): void {
    if (isObject(chunk.error)) {
      this.closed = true;
      out.push({ type: 'error', error: decodeOpenAIStreamError(chunk.error) });
      return;
    }
    if (!this.started) {
      this.started = true;
      out.push({
        type: 'start',
        id: typeof chunk.id === 'string' ? chunk.id : '',
        model: typeof chunk.model === 'string' ? chunk.model : '',
        created: typeof chunk.created === 'number' ? chunk.created : nowSeconds(),
      });
    }
    if (Array.isArray(chunk.choices)) {
      for (const choice of chunk.choices)
        if (isObject(choice) && (choice.index ?? 0) === 0) this.onChoice(choice, out);
    }
    const usage = usageFromOpenAI(chunk.usage);
    if (usage !== undefined) {
      this.usage = usage;
      out.push({ type: 'usage', usage });
    }
  }

  private onChoice(choice: WireObject, out: CanonicalStreamEvent[]): void {
    const delta = isObject(choice.delta) ? choice.delta : undefined;
    if (delta !== undefined) {
      if (typeof delta.content === 'string' && delta.content !== '') this.text('text', delta.content, out);
      if (typeof delta.refusal === 'string' && delta.refusal !== '') {
        this.refused = true;
        this.text('refusal', delta.refusal, out);
      }
      if (Array.isArray(delta.tool_calls))
        for (const call of delta.tool_calls) if (isObject(call)) this.toolCall(call, out);
    }
    if (typeof choice.finish_reason === 'string') {
      this.finishReason = choice.finish_reason;
      this.closeBlock(out);
    }
  }

  private text(kind: 'text' | 'refusal', text: string, out: CanonicalStreamEvent[]): void {
    if (this.open?.kind !== kind) {
      this.closeBlock(out);
      const index = this.nextBlock++;
      this.open = { kind, index };
      out.push(
        kind === 'refusal' ? { type: 'text-start', index, refusal: true } : { type: 'text-start', index },
      );
    }
    out.push({ type: 'text-delta', index: this.open.index, text });
  }

  private toolCall(call: WireObject, out: CanonicalStreamEvent[]): void {
    const toolIndex = typeof call.index === 'number' ? call.index : 0;
    const fn = isObject(call.function) ? call.function : {};
    let block = this.blockByToolIndex.get(toolIndex);
    if (block === undefined) {
      this.closeBlock(out);
      block = this.nextBlock++;
      this.blockByToolIndex.set(toolIndex, block);
      this.open = { kind: 'tool', index: block };
      out.push({
        type: 'tool-call-start',
        index: block,
        id: typeof call.id === 'string' ? call.id : `call_${toolIndex}`,
        name: typeof fn.name === 'string' ? fn.name : '',
      });
    }
    if (typeof fn.arguments === 'string' && fn.arguments !== '')
      out.push({ type: 'tool-call-delta', index: block, argumentsDelta: fn.arguments });
  }

  private closeBlock(out: CanonicalStreamEvent[]): void {
    if (this.open === undefined) return;
    out.push({ type: 'block-end', index: this.open.index });
    this.open = undefined;
  }

  private finish(out: CanonicalStreamEvent[]): void {
    this.closeBlock(out);
    this.closed = true;
    const usage = this.usage ?? { inputTokens: 0, outputTokens: 0 };
    const event: CanonicalStreamEvent = {
      type: 'finish',
      stopReason: stopReasonFromOpenAI(this.finishReason, this.refused),
      usage,
    };
    if (this.finishReason !== undefined) event.rawStopReason = this.finishReason;
    out.push(event);
  }
}
