import type { CanonicalRequest, CanonicalResponse, ContentPart } from '@verosek/protocol';
import { GatewayError } from '@verosek/protocol';
import type { RouteResult } from '@verosek/routing';
import type { Caller } from '../access/access-control';
import type { ShieldGate, ShieldVerdict } from '../pipeline/shield-gate';
import type { OpenedChat } from '../upstream/chat-upstream';
import type { GatewayTool } from './gateway-tool';
import type { ToolLoopTrace } from './tool-loop-trace';
import { runToolCall } from './tool-runner';
import { decideTurn } from './turn-decision';

export interface ToolLoopLimits {
  maxDepth: number;
  totalTimeoutMs: number;
}

export interface ToolLoopCall {
  request: CanonicalRequest;
  /** The gateway tools offered to this call (already filtered by the model group and the key). */
  tools: GatewayTool[];
  caller: Caller;
  trace: ToolLoopTrace;
  noteShield(verdict: ShieldVerdict): void;
  /** One routed model call (with fallback), as the pipeline makes it. */
  openTurn(request: CanonicalRequest): Promise<RouteResult<OpenedChat>>;
}

/**
 * The gateway's tool loop: offers its tools beside the client's, runs the ones the model calls
 * (concurrently), appends the results and calls the model again, until the model answers or calls
 * a tool the client owns; that turn is returned for the pipeline to deliver as usual.
 */
export class ToolLoop {
  constructor(
    private readonly shield: ShieldGate,
    private readonly limits: ToolLoopLimits,
  ) {}

  async run(call: ToolLoopCall): Promise<RouteResult<OpenedChat>> {
    const deadline = performance.now() + this.limits.totalTimeoutMs;
    const clientNames = new Set((call.request.tools ?? []).map((t) => t.name));
    // A client tool wins a name clash: the gateway's is then not offered.
    const byName = new Map(
      call.tools.filter((t) => !clientNames.has(t.definition.name)).map((t) => [t.definition.name, t]),
    );
    let request: CanonicalRequest = {
      ...call.request,
      tools: [...(call.request.tools ?? []), ...[...byName.values()].map((t) => t.definition)],
    };

    for (let turn = 1; ; turn++) {
      const startedAt = Date.now();
      const t0 = performance.now();
      const routed = await call.openTurn(request);
      const decision = await decideTurn(routed.result, (name) => byName.has(name));
      if (decision.final) return { ...routed, result: decision.opened };

      const response = decision.response;
      call.trace.addTurn(response.usage, routed.attempts, routed.deployment);
      const toolCalls = response.content.filter(
        (p): p is Extract<ContentPart, { type: 'tool_call' }> => p.type === 'tool_call',
      );
      call.trace.steps.push({
        step: 'model_turn',
        turn,
        startedAt,
        durationMs: performance.now() - t0,
        deploymentId: routed.deployment.id,
        provider: routed.deployment.provider,
        inputTokens: response.usage.inputTokens,
        outputTokens: response.usage.outputTokens,
        toolCalls: toolCalls.map((c) => c.name),
      });
      if (turn > this.limits.maxDepth) {
        throw limitError(
          `the model kept calling gateway tools past the depth limit (${this.limits.maxDepth} rounds)`,
        );
      }
      const remainingMs = deadline - performance.now();
      if (remainingMs <= 0)
        throw limitError(
          `the gateway tools ran past the call's time limit (${this.limits.totalTimeoutMs} ms)`,
        );

      // Shield reads the arguments as model output (and may redact them before they run).
      call.noteShield(this.shield.inspectResponse(response, call.caller));
      const runs = await Promise.all(
        toolCalls.map((c) =>
          runToolCall(c, byName.get(c.name)!, {
            turn,
            remainingMs,
            caller: call.caller,
            shield: this.shield,
          }),
        ),
      );
      for (const run of runs) {
        call.trace.steps.push(run.step);
        if (run.verdict && run.verdict.verdict !== 'allow') call.noteShield(run.verdict);
      }
      if (performance.now() >= deadline)
        throw limitError(
          `the gateway tools ran past the call's time limit (${this.limits.totalTimeoutMs} ms)`,
        );
      request = nextTurn(
        request,
        response,
        runs.map((r) => r.result),
      );
    }
  }
}

/** The request with the assistant's tool calls and their results appended; a forced tool choice is released. */
function nextTurn(
  request: CanonicalRequest,
  response: CanonicalResponse,
  results: ContentPart[],
): CanonicalRequest {
  const forced = request.toolChoice?.type === 'required' || request.toolChoice?.type === 'tool';
  return {
    ...request,
    toolChoice: forced ? { type: 'auto' } : request.toolChoice,
    messages: [
      ...request.messages,
      { role: 'assistant', content: response.content },
      { role: 'tool', content: results },
    ],
  };
}

function limitError(message: string): GatewayError {
  return new GatewayError('api_error', message, { status: 508, code: 'tool_loop_limit' });
}
