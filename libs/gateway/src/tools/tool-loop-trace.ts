import type { DeploymentConfig } from '@verosek/config';
import type { Usage } from '@verosek/protocol';
import type { AttemptRecord } from '@verosek/routing';
import type { Charge } from '../access/access-control';
import type { ToolLoopStep } from './tool-step';

/**
 * What the tool loop's internal turns spent and did, kept apart from the final turn so the call
 * is settled (each turn at its own deployment's price) and audited for all of them however it ends.
 */
export class ToolLoopTrace {
  readonly turns: Charge[] = [];
  attempts: AttemptRecord[] = [];

  constructor(readonly steps: ToolLoopStep[]) {}

  addTurn(usage: Usage, attempts: AttemptRecord[], deployment: DeploymentConfig): void {
    this.turns.push({ usage, deployment });
    this.attempts.push(...attempts);
  }
}
