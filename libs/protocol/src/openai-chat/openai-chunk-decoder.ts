import type { CanonicalStreamEvent, Usage } from '../canonical';
import { SseJsonDecoder } from '../sse/sse-json-decoder';
import { nowSeconds } from '../util/ids';
import { isObject, type WireObject } from '../util/wire-reader';
import { decodeOpenAIStreamError } from './errors';
import { stopReasonFromOpenAI, usageFromOpenAI } from './maps';

/**
 * What OpenAI's chunk streams (Chat Completions and legacy Completions) share: an error chunk ends
 * the stream, the first chunk opens it, usage rides on its own chunk, and `finish` goes out at
 * `[DONE]` (or the end of the bytes after a finish_reason), after the usage. The format's own
 * decoder reads choice 0 of each chunk.
 */
export abstract class OpenAIChunkDecoder extends SseJsonDecoder {
  private started = false;
  protected finishReason: string | undefined;
  private usage: Usage | undefined;

  /** Reads choice 0 of a chunk; note `finishReason` when it has one. */
  protected abstract onChoice(choice: WireObject, out: CanonicalStreamEvent[]): void;

  /** Closes the block still open before `finish`; true when the answer was a refusal. */
  protected abstract closeBeforeFinish(out: CanonicalStreamEvent[]): { refused: boolean };

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

  private finish(out: CanonicalStreamEvent[]): void {
    const { refused } = this.closeBeforeFinish(out);
    this.closed = true;
    const event: CanonicalStreamEvent = {
      type: 'finish',
      stopReason: stopReasonFromOpenAI(this.finishReason, refused),
      usage: this.usage ?? { inputTokens: 0, outputTokens: 0 },
    };
    if (this.finishReason !== undefined) event.rawStopReason = this.finishReason;
    out.push(event);
  }
}
