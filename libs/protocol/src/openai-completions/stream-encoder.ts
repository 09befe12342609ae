import type { CanonicalStreamEvent } from '../canonical';
import type { StreamEncoder, StreamEncoderOptions } from '../codec';
import { openAIErrorBody } from '../openai-chat/errors';
import { usageToOpenAI } from '../openai-chat/maps';
import { newId, nowSeconds } from '../util/ids';
import { completionId, finishReasonOf } from './response-codec';

/**
 * Canonical events -> `data: {text_completion}` chunks: one per text delta, one with the
 * finish_reason, the usage chunk (`choices: []`) when asked for, then `data: [DONE]`.
 */
export class CompletionsStreamEncoder implements StreamEncoder {
  private id = newId('cmpl-');
  private created = nowSeconds();
  private failed = false;

  constructor(private readonly options: StreamEncoderOptions) {}

  encode(event: CanonicalStreamEvent): string {
    switch (event.type) {
      case 'start':
        this.id = completionId(event.id);
        this.created = event.created;
        return '';
      case 'text-delta':
        return event.text === ''
          ? ''
          : this.chunk([{ text: event.text, index: 0, logprobs: null, finish_reason: null }]);
      case 'finish': {
        const finish = this.chunk([
          { text: '', index: 0, logprobs: null, finish_reason: finishReasonOf(event.stopReason) },
        ]);
        return this.options.includeUsage ? finish + this.chunk([], usageToOpenAI(event.usage)) : finish;
      }
      case 'error':
        this.failed = true;
        return `data: ${JSON.stringify(openAIErrorBody(event.error))}\n\n`;
      default:
        return '';
    }
  }

  end(): string {
    return this.failed ? '' : 'data: [DONE]\n\n';
  }

  private chunk(choices: unknown[], usage?: unknown): string {
    const body = {
      id: this.id,
      object: 'text_completion',
      created: this.created,
      model: this.options.model,
      choices,
    };
    return `data: ${JSON.stringify(usage ? { ...body, usage } : body)}\n\n`;
  }
}
