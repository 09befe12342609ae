import type { CanonicalRequest, ContentPart } from '@verosek/protocol';
import { GatewayError } from '@verosek/protocol';
import type { Caller } from '../access/access-control';
import type { ShieldGate, ShieldVerdict } from '../pipeline/shield-gate';
import type { GatewayTool, ToolOutput } from './gateway-tool';
import type { ToolLoopStep } from './tool-step';

type ToolCallPart = Extract<ContentPart, { type: 'tool_call' }>;
export type ToolResultPart = Extract<ContentPart, { type: 'tool_result' }>;

export interface ToolRun {
  result: ToolResultPart;
  step: Extract<ToolLoopStep, { step: 'tool_call' }>;
  verdict?: ShieldVerdict;
}

/**
 * Runs one tool call the model made: parses its (already Shield-checked) arguments, runs the tool
 * under its timeout (and what is left of the call's), and passes the result through the Shield
 * as input to the model. Every failure becomes an error result the model sees, never a thrown
 * error, so the model can answer around it.
 */
export async function runToolCall(
  call: ToolCallPart,
  tool: GatewayTool,
  context: { turn: number; remainingMs: number; caller: Caller; shield: ShieldGate },
): Promise<ToolRun> {
  const startedAt = Date.now();
  const t0 = performance.now();
  const timeoutMs = Math.max(0, Math.min(tool.timeoutMs, context.remainingMs));
  let status: ToolRun['step']['status'] = 'ok';
  let output: ToolOutput;
  const args = parseArguments(call.arguments);
  if (typeof args === 'string') {
    output = { content: `error: ${args}`, isError: true };
  } else {
    output = await withTimeout(tool, args, timeoutMs);
  }
  if (output.isError) status = output.content.startsWith('error: tool timed out') ? 'timeout' : 'error';

  const result: ToolResultPart = {
    type: 'tool_result',
    toolCallId: call.id,
    name: call.name,
    content: output.content,
    isError: output.isError || undefined,
  };
  let verdict: ShieldVerdict | undefined;
  try {
    verdict = context.shield.inspectRequest(asRequest(result), context.caller);
  } catch (err) {
    if (!(err instanceof GatewayError) || err.info.code !== 'shield_blocked') throw err;
    result.content = 'error: the tool result was withheld by the gateway policy';
    result.isError = true;
    status = 'blocked';
  }
  const content = result.content as string;
  return {
    result,
    verdict,
    step: {
      step: 'tool_call',
      turn: context.turn,
      startedAt,
      durationMs: performance.now() - t0,
      name: call.name,
      source: tool.source,
      arguments: call.arguments,
      resultChars: content.length,
      status,
      ...(status === 'ok' ? {} : { error: content.slice(0, 500) }),
    },
  };
}

async function withTimeout(
  tool: GatewayTool,
  args: Record<string, unknown>,
  timeoutMs: number,
): Promise<ToolOutput> {
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<ToolOutput>((resolve) => {
    timer = setTimeout(() => {
      abort.abort();
      resolve({ content: `error: tool timed out after ${timeoutMs} ms`, isError: true });
    }, timeoutMs);
  });
  const ran = tool
    .run(args, abort.signal)
    .catch((err: Error): ToolOutput => ({ content: `error: ${err.message}`, isError: true }));
  try {
    return await Promise.race([ran, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

function parseArguments(text: string): Record<string, unknown> | string {
  let value: unknown;
  try {
    value = JSON.parse(text || '{}');
  } catch {
    return 'the arguments are not valid JSON';
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : 'the arguments must be a JSON object';
}

/** The result as the only text of a request, so the Shield's pre-LLM policy reads (and redacts) it in place. */
function asRequest(result: ToolResultPart): CanonicalRequest {
  return { model: '', system: [], messages: [{ role: 'tool', content: [result] }], stream: false };
}
