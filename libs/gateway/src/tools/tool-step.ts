/** One internal step of the tool loop, for audit (recorded as a 'tool' step of the call). */
export type ToolLoopStep =
  | {
      step: 'model_turn';
      turn: number;
      startedAt: number;
      durationMs: number;
      deploymentId: string;
      provider: string;
      inputTokens: number;
      outputTokens: number;
      /** Names of the gateway tools the model called in this turn. */
      toolCalls: string[];
    }
  | {
      step: 'tool_call';
      turn: number;
      startedAt: number;
      durationMs: number;
      name: string;
      source: string;
      /** The arguments as run, after the Shield's redaction. */
      arguments: string;
      resultChars: number;
      status: 'ok' | 'error' | 'timeout' | 'blocked';
      error?: string;
    };
