/**
 * Micro-benchmark of the hot path: decode a 20-message conversation with tools from each surface
 * format and encode it for each upstream format. Run: `npx swc libs/protocol/src -d /tmp/protocol-bench
 * --config-file .swcrc && node /tmp/protocol-bench/libs/protocol/src/codec.bench.js` (target: median < 200 µs).
 */
import type { CanonicalRequest } from './canonical';
import type { WireFormat } from './codec';
import { codecFor } from './codecs';

const FORMATS: WireFormat[] = ['openai-chat', 'anthropic-messages', 'gemini'];

function conversation(): CanonicalRequest {
  const messages: CanonicalRequest['messages'] = [];
  for (let turn = 0; turn < 5; turn++) {
    messages.push({
      role: 'user',
      content: [{ type: 'text', text: `Question ${turn}: ${'lorem ipsum dolor sit amet '.repeat(20)}` }],
    });
    messages.push({
      role: 'assistant',
      content: [
        { type: 'text', text: 'Let me look that up.' },
        {
          type: 'tool_call',
          id: `call_${turn}_a`,
          name: 'search',
          arguments: `{"query":"topic ${turn}","limit":5}`,
        },
        {
          type: 'tool_call',
          id: `call_${turn}_b`,
          name: 'fetch_page',
          arguments: `{"url":"https://example.com/${turn}"}`,
        },
      ],
    });
    messages.push({
      role: 'tool',
      content: [
        {
          type: 'tool_result',
          toolCallId: `call_${turn}_a`,
          content: `{"results":["${'result '.repeat(30)}"]}`,
        },
        { type: 'tool_result', toolCallId: `call_${turn}_b`, content: 'page text '.repeat(50) },
      ],
    });
    messages.push({
      role: 'assistant',
      content: [{ type: 'text', text: `Answer ${turn}: ${'consectetur adipiscing '.repeat(15)}` }],
    });
  }
  const schema = {
    type: 'object',
    properties: { query: { type: 'string' }, limit: { type: 'integer' } },
    required: ['query'],
  };
  return {
    model: 'smart',
    system: [{ type: 'text', text: 'You are a research assistant.' }],
    messages,
    tools: [
      { name: 'search', description: 'Search the web', parameters: schema },
      {
        name: 'fetch_page',
        description: 'Fetch a page',
        parameters: { type: 'object', properties: { url: { type: 'string' } } },
      },
    ],
    toolChoice: { type: 'auto' },
    maxTokens: 1024,
    temperature: 0.3,
    stream: true,
  };
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function main(): void {
  const canonical = conversation();
  for (const surface of FORMATS) {
    // The client's body as its SDK would send it (parsed JSON, as the HTTP layer hands it over).
    const body = JSON.parse(JSON.stringify(codecFor(surface).encodeRequest(canonical, 'smart')));
    for (const upstream of FORMATS) {
      const samples: number[] = [];
      for (let i = 0; i < 3000; i++) {
        const start = process.hrtime.bigint();
        const request = codecFor(surface).decodeRequest(body, { model: 'smart', stream: true });
        codecFor(upstream).encodeRequest(request, 'provider-model');
        const elapsed = Number(process.hrtime.bigint() - start) / 1000;
        if (i >= 500) samples.push(elapsed);
      }
      console.log(`${surface.padEnd(18)} -> ${upstream.padEnd(18)} median ${median(samples).toFixed(1)} µs`);
    }
  }
}

main();
