import type { CanonicalStreamEvent, Usage } from '../canonical';
import { decodeOpenAIStreamError } from '../openai-chat/errors';
import { stopReasonFromOpenAI, usageFromOpenAI } from '../openai-chat/maps';
import { SseJsonDecoder } from '../sse/sse-json-decoder';
import { nowSeconds } from '../util/ids';
import { isObject, type WireObject } from '../util/wire-reader';

/** `data: {text_completion}` chunks -> canonical events: one text block (choice 0), finish at `[DONE]`. */
export class CompletionsStreamDecoder extends SseJsonDecoder {
  private started = false;
  private textOpen = false;
  private finishReason: string | undefined;
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
    const choice = Array.isArray(chunk.choices)
      ? chunk.choices.find((c) => isObject(c) && (c.index ?? 0) === 0)
      : undefined;
    if (isObject(choice)) {
      if (typeof choice.text === 'string' && choice.text !== '') {
        if (!this.textOpen) {
          this.textOpen = true;
          out.push({ type: 'text-start', index: 0 });
        }
        out.push({ type: 'text-delta', index: 0, text: choice.text });
      }
      if (typeof choice.finish_reason === 'string') this.finishReason = choice.finish_reason;
    }
    const usage = usageFromOpenAI(chunk.usage);
    if (usage) {
      this.usage = usage;
      out.push({ type: 'usage', usage });
    }
  }

  private finish(out: CanonicalStreamEvent[]): void {
    this.closed = true;
    if (this.textOpen) out.push({ type: 'block-end', index: 0 });
    const event: CanonicalStreamEvent = {
      type: 'finish',
      stopReason: stopReasonFromOpenAI(this.finishReason, false),
      usage: this.usage ?? { inputTokens: 0, outputTokens: 0 },
    };
    if (this.finishReason !== undefined) event.rawStopReason = this.finishReason;
    out.push(event);
  }
}
