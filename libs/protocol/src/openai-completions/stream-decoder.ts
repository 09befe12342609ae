import type { CanonicalStreamEvent } from '../canonical';
import { OpenAIChunkDecoder } from '../openai-chat/openai-chunk-decoder';
import type { WireObject } from '../util/wire-reader';

/** `data: {text_completion}` chunks -> canonical events: one text block (choice 0), finish at `[DONE]`. */
export class CompletionsStreamDecoder extends OpenAIChunkDecoder {
  private textOpen = false;

  protected onChoice(choice: WireObject, out: CanonicalStreamEvent[]): void {
    if (typeof choice.text === 'string' && choice.text !== '') {
      if (!this.textOpen) {
        this.textOpen = true;
        out.push({ type: 'text-start', index: 0 });
      }
      out.push({ type: 'text-delta', index: 0, text: choice.text });
    }
    if (typeof choice.finish_reason === 'string') this.finishReason = choice.finish_reason;
  }

  protected closeBeforeFinish(out: CanonicalStreamEvent[]): { refused: boolean } {
    if (this.textOpen) out.push({ type: 'block-end', index: 0 });
    return { refused: false };
  }
}
