import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import type { Fakes, RunningGateway } from '../harness/gateway-harness';
import { MASTER_KEY, startFakes, startGateway, threeProviderYaml } from '../harness/gateway-harness';

const SHIELD = `
shield:
  pre:  { pii: redact, secrets: block }
  post: { pii: redact, secrets: redact }
`;
const AWS_KEY = 'AKIAZ7QLJ4XK2M3N5P6R';
const GITHUB_TOKEN = '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';

describe('Shield through the gateway, driven by the official SDKs', () => {
  let fakes: Fakes;
  let gateway: RunningGateway;

  beforeAll(async () => {
    fakes = await startFakes();
    gateway = await startGateway({ yaml: threeProviderYaml(fakes, SHIELD) });
  });
  afterAll(async () => {
    await gateway?.close();
    await fakes?.close();
  });
  beforeEach(() => fakes.reset());

  it('redacts an email in the prompt before it reaches the provider', async () => {
    const openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: MASTER_KEY, maxRetries: 0 });
    await openai.chat.completions.create({
      model: 'gpt-4o',
      messages: [
        { role: 'system', content: 'Support bot. Escalations go to boss@corp-mail.com.' },
        { role: 'user', content: 'Please email me at jane.roe@example.org about my order.' },
      ],
    });
    const sent = JSON.stringify(fakes.openai.requests[0].body);
    expect(sent).toContain('Please email me at [REDACTED:EMAIL] about my order.');
    expect(sent).toContain('Escalations go to [REDACTED:EMAIL].');
    expect(sent).not.toContain('jane.roe@example.org');
    expect(sent).not.toContain('boss@corp-mail.com');
  });

  it('blocks a prompt carrying an AWS key with shield_blocked, naming the type, never the value', async () => {
    const anthropic = new Anthropic({ baseURL: gateway.url, apiKey: MASTER_KEY, maxRetries: 0 });
    const err = await anthropic.messages
      .create({
        model: 'claude',
        max_tokens: 64,
        messages: [{ role: 'user', content: `deploy with ${AWS_KEY} now` }],
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.BadRequestError);
    const message = (err as Error).message;
    expect(message).toContain('AWS_ACCESS_KEY');
    expect(message).toContain('Shield');
    expect(message).not.toContain(AWS_KEY);
    expect(fakes.anthropic.requests).toHaveLength(0);

    const openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: MASTER_KEY, maxRetries: 0 });
    const openaiErr = await openai.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: `key=${AWS_KEY}` }] })
      .catch((e: unknown) => e);
    expect(openaiErr).toBeInstanceOf(OpenAI.BadRequestError);
    expect((openaiErr as InstanceType<typeof OpenAI.BadRequestError>).code).toBe('shield_blocked');
  });

  it('redacts a secret the model streams split over three chunks (OpenAI SDK)', async () => {
    const chunks = ['Your token is ghp_wWPw5k4a', 'XcaT4fNP0UcnZwJU', 'VFk6LO0pINUx, keep it safe.'];
    fakes.openai.script({ text: chunks.join(''), chunks });
    const openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: MASTER_KEY, maxRetries: 0 });
    const stream = await openai.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'What is my token?' }],
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text).toBe('Your token is [REDACTED:GITHUB_TOKEN], keep it safe.');
  });

  it('redacts a secret split over three chunks of a Gemini stream (Gemini SDK)', async () => {
    const chunks = [
      `Here: ${GITHUB_TOKEN.slice(0, 9)}`,
      GITHUB_TOKEN.slice(9, 25),
      `${GITHUB_TOKEN.slice(25)} done`,
    ];
    fakes.gemini.script({ text: chunks.join(''), chunks });
    const ai = new GoogleGenAI({
      apiKey: MASTER_KEY,
      httpOptions: {
        baseUrl: gateway.url,
        fetch: (input: Parameters<typeof fetch>[0], init?: RequestInit) => fetch(input, init),
      } as never,
    });
    const stream = await ai.models.generateContentStream({ model: 'gemini', contents: 'token please' });
    let text = '';
    for await (const chunk of stream) text += chunk.text ?? '';
    expect(text).toBe('Here: [REDACTED:GITHUB_TOKEN] done');
  });

  it('redacts PII in a non-streamed answer (Anthropic SDK)', async () => {
    fakes.anthropic.script({ text: 'Call 415-555-0132 or write to ops.lead@example.net.' });
    const anthropic = new Anthropic({ baseURL: gateway.url, apiKey: MASTER_KEY, maxRetries: 0 });
    const message = await anthropic.messages.create({
      model: 'claude',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'Who do I contact?' }],
    });
    const text = message.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
    expect(text).toContain('[REDACTED:EMAIL]');
    expect(text).not.toContain('ops.lead@example.net');
  });
});
