import type { CanonicalStreamEvent, Usage } from '../canonical';
import type { StreamDecoder } from '../codec';
import { decodeOpenAIStreamError } from '../openai-chat/errors';
import { stopReasonFromOpenAI, usageFromOpenAI } from '../openai-chat/maps';
import { SseParser } from '../sse/sse-parser';
import { nowSeconds } from '../util/ids';
import { isObject } from '../util/wire-reader';

/** `data: {text_completion}` chunks -> canonical events: one text block (choice 0), finish at `[DONE]`. */
export class CompletionsStreamDecoder implements StreamDecoder {
  private readonly sse = new SseParser();
  private started = false;
  private textOpen = false;
  private closed = false;
  private finishReason: string | undefined;
  private usage: Usage | undefined;

  push(chunk: string): CanonicalStreamEvent[] {
    const out: CanonicalStreamEvent[] = [];
    for (const event of this.sse.push(chunk)) this.onData(event.data, out);
    return out;
  }

  end(): CanonicalStreamEvent[] {
    const out: CanonicalStreamEvent[] = [];
    for (const event of this.sse.end()) this.onData(event.data, out);
    if (!this.closed) {
      if (this.finishReason !== undefined) this.finish(out);
      else {
        this.closed = true;
        out.push({
          type: 'error',
          error: { kind: 'api_error', status: 502, message: 'upstream stream ended before a finish_reason' },
        });
      }
    }
    return out;
  }

  private onData(data: string, out: CanonicalStreamEvent[]): void {
    if (this.closed) return;
    if (data === '[DONE]') return this.finish(out);
    let chunk: unknown;
    try {
      chunk = JSON.parse(data);
    } catch {
      this.closed = true;
      out.push({
        type: 'error',
        error: { kind: 'api_error', status: 502, message: 'upstream sent a stream chunk that is not JSON' },
      });
      return;
    }
    if (!isObject(chunk)) return;
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
