import type { CanonicalStreamEvent } from '../canonical';
import { isObject, type WireObject } from '../util/wire-reader';
import { OpenAIChunkDecoder } from './openai-chunk-decoder';

type OpenBlock = { kind: 'text' | 'refusal' | 'tool'; index: number };

/**
 * OpenAI chat.completion.chunk SSE -> canonical events. Reads choice 0 only (`n > 1` is served by
 * passthrough). `finish` goes out at `[DONE]` (or the end of the bytes), after the usage chunk.
 */
export class OpenAIStreamDecoder extends OpenAIChunkDecoder {
  private nextBlock = 0;
  private open: OpenBlock | undefined;
  private readonly blockByToolIndex = new Map<number, number>();
  private refused = false;

  protected onChoice(choice: WireObject, out: CanonicalStreamEvent[]): void {
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

  protected closeBeforeFinish(out: CanonicalStreamEvent[]): { refused: boolean } {
    this.closeBlock(out);
    return { refused: this.refused };
  }
}
