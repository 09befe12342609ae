import type { CanonicalStreamEvent } from '../canonical';
import type { StreamEncoder, StreamEncoderOptions } from '../codec';
import { newId, nowSeconds } from '../util/ids';
import { openAIErrorBody } from './errors';
import { finishReasonToOpenAI, usageToOpenAI } from './maps';

/**
 * Canonical events -> `data: {chat.completion.chunk}\n\n` lines as the OpenAI SDK parses them: a
 * first chunk with `delta.role`, content / refusal / tool_calls deltas (a call's first delta has
 * index, id, type and name), a chunk with `finish_reason`, the usage chunk with `choices: []` when
 * the client asked for it, then `data: [DONE]`. A mid-stream error is `data: {"error": {...}}`.
 */
export class OpenAIStreamEncoder implements StreamEncoder {
  /** `{"id":...,"object":...,"created":...,"model":...,"choices":` — the same for every chunk. */
  private head = '';
  private started = false;
  private failed = false;
  private readonly toolIndexByBlock = new Map<number, number>();
  private readonly refusalBlocks = new Set<number>();

  constructor(private readonly options: StreamEncoderOptions) {}

  encode(event: CanonicalStreamEvent): string {
    switch (event.type) {
      case 'start':
        return this.start(event.id, event.created);
      case 'text-start':
        if (event.refusal) this.refusalBlocks.add(event.index);
        return this.ensureStarted();
      case 'text-delta':
        if (event.text === '') return '';
        return (
          this.ensureStarted() +
          this.delta(
            JSON.stringify(
              this.refusalBlocks.has(event.index) ? { refusal: event.text } : { content: event.text },
            ),
          )
        );
      case 'tool-call-start': {
        const toolIndex = this.toolIndexByBlock.size;
        this.toolIndexByBlock.set(event.index, toolIndex);
        const call = {
          index: toolIndex,
          id: event.id,
          type: 'function',
          function: { name: event.name, arguments: '' },
        };
        return this.ensureStarted() + this.delta(`{"tool_calls":[${JSON.stringify(call)}]}`);
      }
      case 'tool-call-delta': {
        const toolIndex = this.toolIndexByBlock.get(event.index);
        if (toolIndex === undefined || event.argumentsDelta === '') return '';
        return this.delta(
          `{"tool_calls":[{"index":${toolIndex},"function":{"arguments":${JSON.stringify(event.argumentsDelta)}}}]}`,
        );
      }
      case 'finish': {
        const finish = `data: ${this.head}[{"index":0,"delta":{},"logprobs":null,"finish_reason":"${finishReasonToOpenAI(event.stopReason)}"}]}\n\n`;
        const usage = this.options.includeUsage
          ? `data: ${this.head}[],"usage":${JSON.stringify(usageToOpenAI(event.usage))}}\n\n`
          : '';
        return this.ensureStarted() + finish + usage;
      }
      case 'error':
        this.failed = true;
        return `data: ${JSON.stringify(openAIErrorBody(event.error))}\n\n`;
      default:
        // Thinking has no place in Chat Completions chunks; block ends and interim usage need no frame.
        return '';
    }
  }

  end(): string {
    return this.failed ? '' : 'data: [DONE]\n\n';
  }

  private ensureStarted(): string {
    return this.started ? '' : this.start(newId('chatcmpl-'), nowSeconds());
  }

  private start(id: string, created: number): string {
    if (this.started) return '';
    this.started = true;
    this.head = `{"id":${JSON.stringify(id)},"object":"chat.completion.chunk","created":${created},"model":${JSON.stringify(this.options.model)},"choices":`;
    return this.delta('{"role":"assistant","content":""}');
  }

  private delta(deltaJson: string): string {
    return `data: ${this.head}[{"index":0,"delta":${deltaJson},"logprobs":null,"finish_reason":null}]}\n\n`;
  }
}
