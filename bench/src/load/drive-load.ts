import type { Dispatcher } from 'undici';
import type { StepResult } from './load-protocol';
import { RateSchedule } from './rate-schedule';
import { sendRequest, type PreparedTarget } from './send-request';
import { StepRecorder } from './step-recorder';

const NS_PER_MS = 1_000_000;

/** `concurrency` loops each sending its next request when the previous answer is in, until the time is up. */
export async function driveClosedLoop(
  dispatcher: Dispatcher,
  target: PreparedTarget,
  concurrency: number,
  durationMs: number,
): Promise<StepResult> {
  const recorder = new StepRecorder();
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(durationMs * NS_PER_MS));
  const loop = async () => {
    while (process.hrtime.bigint() < deadline) {
      const sentAt = process.hrtime.bigint();
      try {
        recorder.exchange(sentAt, sentAt, await sendRequest(dispatcher, target));
      } catch (err) {
        recorder.failure((err as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  return recorder.result(Number(process.hrtime.bigint() - start) / NS_PER_MS);
}

/**
 * Sends at a constant rate whatever the answers do, and measures each latency from the request's
 * scheduled time (coordinated-omission correction, see RateSchedule).
 */
export async function driveOpenLoop(
  dispatcher: Dispatcher,
  target: PreparedTarget,
  rate: number,
  durationMs: number,
): Promise<StepResult> {
  const schedule = new RateSchedule(rate, durationMs);
  const recorder = new StepRecorder();
  const inFlight: Promise<void>[] = [];
  const start = process.hrtime.bigint();

  const send = async (intendedAt: bigint) => {
    const sentAt = process.hrtime.bigint();
    recorder.lag(intendedAt, sentAt);
    try {
      recorder.exchange(intendedAt, sentAt, await sendRequest(dispatcher, target));
    } catch (err) {
      recorder.failure((err as Error).message);
    }
  };

  await new Promise<void>((resolve) => {
    let next = 0;
    const tick = () => {
      const due = schedule.dueBy(Number(process.hrtime.bigint() - start));
      for (; next < due; next++) inFlight.push(send(start + BigInt(schedule.dueAtNs(next))));
      const waitNs = schedule.waitNs(next, Number(process.hrtime.bigint() - start));
      if (waitNs < 0) resolve();
      // Timers have millisecond granularity: a send may leave up to ~1 ms late, which the latency
      // (measured from the schedule) includes and sendLagUs reports.
      else setTimeout(tick, Math.floor(waitNs / NS_PER_MS));
    };
    tick();
  });
  await Promise.all(inFlight);
  return recorder.result(Number(process.hrtime.bigint() - start) / NS_PER_MS);
}
