/**
 * The fast fake's answers, serialised once at start-up: an OpenAI chat completion and the same
 * completion as an SSE stream (role chunk, content chunks, finish chunk, usage chunk, [DONE]).
 */

const ANSWER =
  'Sure. Here is a short summary of the quarterly report: revenue grew eight percent, costs held flat, ' +
  'and the team shipped the two features planned for the period. The main risk is hiring, which is ' +
  'behind plan by three people; the recommendation is to open the roles in the next two weeks.';

export const USAGE = { prompt_tokens: 412, completion_tokens: 64, total_tokens: 476 };
const ID = 'chatcmpl-bench0000000000000000000001';
const MODEL = 'gpt-4o-mini-2024-07-18';
const CREATED = 1_767_225_600;

/** How many content chunks the stream carries. */
export const STREAM_CONTENT_CHUNKS = 16;

export function completionBody(): Buffer {
  return Buffer.from(
    JSON.stringify({
      id: ID,
      object: 'chat.completion',
      created: CREATED,
      model: MODEL,
      system_fingerprint: 'fp_bench',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: ANSWER, refusal: null, annotations: [] },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: USAGE,
    }),
  );
}

/** The stream as separate SSE events, so that they can be written as separate chunks. */
export function streamEvents(): Buffer[] {
  const chunk = (choices: unknown[], usage: unknown = null) =>
    `data: ${JSON.stringify({
      id: ID,
      object: 'chat.completion.chunk',
      created: CREATED,
      model: MODEL,
      system_fingerprint: 'fp_bench',
      choices,
      usage,
    })}\n\n`;
  const delta = (d: Record<string, unknown>, finish: string | null = null) => [
    { index: 0, delta: d, logprobs: null, finish_reason: finish },
  ];
  const pieces = splitEvenly(ANSWER, STREAM_CONTENT_CHUNKS);
  const events = [
    chunk(delta({ role: 'assistant', content: '', refusal: null })),
    ...pieces.map((text) => chunk(delta({ content: text }))),
    chunk(delta({}, 'stop')),
    chunk([], USAGE),
    'data: [DONE]\n\n',
  ];
  return events.map((e) => Buffer.from(e));
}

function splitEvenly(text: string, parts: number): string[] {
  const size = Math.ceil(text.length / parts);
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}
