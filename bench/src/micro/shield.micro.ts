import { prompt8k, PROMPT_BYTES } from './fixtures/prompt-8k';
import { exportOf, loadLib } from './lib-loader';
import { rowOf, type MicroOptions, type MicroResult } from './micro-result';
import { timeCalls } from './time-calls';

type Evaluate = (
  texts: string[],
  policy: unknown,
  direction: 'pre' | 'post',
) => { verdict: string; error?: string };

/**
 * Shield cost per 8 KB prompt: the local PII and secrets detectors and the policy (redact PII, block
 * secrets) on the request ('pre') and on an answer of the same size ('post').
 */
export async function shieldMicro(options: MicroOptions): Promise<MicroResult> {
  const shield = loadLib('shield');
  const evaluate = exportOf<Evaluate>(shield, 'shield', 'evaluate');
  const policy = exportOf<object>(shield, 'shield', 'DEFAULT_SHIELD_POLICY');
  const text = prompt8k();
  const check = evaluate([text], policy, 'pre');
  if (check.error) throw new Error(`shield evaluate failed on the benchmark prompt: ${check.error}`);

  const calls = options.quick ? 300 : 3_000;
  const warmup = options.quick ? 100 : 500;
  const pre = await timeCalls(() => evaluate([text], policy, 'pre'), { calls, warmup });
  const post = await timeCalls(() => evaluate([text], policy, 'post'), { calls, warmup });
  const both = await timeCalls(
    () => {
      evaluate([text], policy, 'pre');
      evaluate([text], policy, 'post');
    },
    { calls, warmup },
  );
  return {
    name: 'shield',
    status: 'ok',
    rows: [
      rowOf(`Shield pre on a ${PROMPT_BYTES / 1024} KB prompt`, pre.perCallNs),
      rowOf(`Shield post on a ${PROMPT_BYTES / 1024} KB answer`, post.perCallNs),
      rowOf('Shield pre + post', both.perCallNs),
    ],
    notes: [
      `policy: the default (pre: PII redact, secrets block; post: PII redact, secrets redact); verdict on the prompt: ${check.verdict}`,
    ],
  };
}
