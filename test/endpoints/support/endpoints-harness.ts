import type { AuditEvent } from '@verosek/audit';
import { FAKE_GEMINI_API_KEY, FAKE_OPENAI_API_KEY } from '@verosek/testing';
import type { Fakes, RunningGateway } from '../../harness/gateway-harness';
import { MASTER_KEY, threeProviderYaml } from '../../harness/gateway-harness';

/**
 * The three chat groups of `threeProviderYaml` plus one group per non-chat model, priced so that
 * cost is recorded: `embed-openai`, `embed-gemini`, `dall-e-2`, `gpt-image-1`, `imagen` and
 * `gemini-image` (Gemini), `whisper-1`, `tts-1`, `omni-moderation-latest`, `gpt-3.5-turbo-instruct`.
 */
export function endpointsYaml(fakes: Fakes, extra = ''): string {
  const openai = (name: string, model: string, price = '') => `
  - name: ${name}
    deployments:
      - { provider: openai, model: ${model}, api_base: "${fakes.openai.baseUrl}", api_key: ${FAKE_OPENAI_API_KEY}${price} }`;
  const gemini = (name: string, model: string, price = '') => `
  - name: ${name}
    deployments:
      - { provider: gemini, model: ${model}, api_base: "${fakes.gemini.baseUrl}", api_key: ${FAKE_GEMINI_API_KEY}${price} }`;
  return threeProviderYaml(
    fakes,
    `${openai('embed-openai', 'text-embedding-3-small', ', input_cost_per_mtok: 0.02, output_cost_per_mtok: 0')}
${gemini('embed-gemini', 'gemini-embedding-001', ', input_cost_per_mtok: 0.15, output_cost_per_mtok: 0')}
${openai('dall-e-2', 'dall-e-2')}
${openai('gpt-image-1', 'gpt-image-1', ', input_cost_per_mtok: 5, output_cost_per_mtok: 40')}
${gemini('imagen', 'imagen-4.0-generate-001')}
${gemini('gemini-image', 'gemini-2.5-flash-image', ', input_cost_per_mtok: 0.3, output_cost_per_mtok: 30')}
${openai('whisper-1', 'whisper-1')}
${openai('tts-1', 'tts-1')}
${openai('omni-moderation-latest', 'omni-moderation-latest')}
${openai('gpt-3.5-turbo-instruct', 'gpt-3.5-turbo-instruct', ', input_cost_per_mtok: 1.5, output_cost_per_mtok: 2')}
${extra}`,
  );
}

/** The audit call record of a request, once the audit pipeline has written it. */
export async function auditOf(gateway: RunningGateway, requestId: string): Promise<AuditEvent> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await fetch(`${gateway.url}/admin/audit/${requestId}`, {
      headers: { authorization: `Bearer ${MASTER_KEY}` },
    });
    if (res.status === 200) return ((await res.json()) as { call: AuditEvent }).call;
    if (Date.now() > deadline)
      throw new Error(`no audit record for ${requestId} (last status ${res.status})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
