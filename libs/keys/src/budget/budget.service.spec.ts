import type { KeysClient } from '@verosek/contracts';
import type { CountersPort } from '@verosek/platform';
import { InProcessCounters } from '@verosek/platform';
import { GatewayError } from '@verosek/protocol';
import { FakeKeysClient } from '../testing/fake-keys-client';
import { budgetCounters } from './budget-counters';
import { windowStartDate } from './budget-window';
import { BudgetService } from './budget.service';
import { SpendRecorder } from './spend-recorder';

async function refusal(promise: Promise<unknown>): Promise<GatewayError['info']> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof GatewayError)) throw new Error(`expected a GatewayError, got ${String(err)}`);
  return err.info;
}

describe('BudgetService', () => {
  let keys: FakeKeysClient;
  let counters: InProcessCounters;
  let recorder: SpendRecorder;
  let budgets: BudgetService;

  beforeEach(() => {
    keys = new FakeKeysClient();
    counters = new InProcessCounters();
    recorder = new SpendRecorder(keys as unknown as KeysClient, 60_000);
    budgets = new BudgetService(counters, keys as unknown as KeysClient, recorder);
  });

  /** Spend keys-service holds for the key today (micro-USD), as if Redis had lost the counter. */
  const persistTodaysSpend = (microUsd: number) =>
    keys.persisted.push({
      window: 'day',
      window_start: windowStartDate('day', new Date()),
      micro_usd: microUsd,
    });

  const budgeted = (day: number | null, month: number | null = null) => {
    const { record } = keys.addKey({ budgets: { day, week: null, month } });
    return { keyId: record.id, isMaster: false, record };
  };

  it('reserves in every capped window and settles to the real cost', async () => {
    const identity = budgeted(1_000_000, 5_000_000); // $1 a day, $5 a month
    const reservation = await budgets.reserve(identity, 0.3);
    expect(reservation.spent).toEqual([300_000, 300_000]);
    const settled = budgets.settle(reservation, 0.1);
    expect(settled.remainingUsd).toBeCloseTo(0.9, 9);
    await budgets.drained();
    const keysOf = budgetCounters(identity.record, reservation.startedAt).map((c) => c.key);
    expect(await counters.read(keysOf)).toEqual([100_000, 100_000]);
    await expect(budgets.remaining(identity)).resolves.toBeCloseTo(0.9, 9);
  });

  it('refuses a reservation that would pass a cap with 429 budget_exceeded, changing nothing', async () => {
    const identity = budgeted(1_000_000);
    await budgets.reserve(identity, 0.8);
    const info = await refusal(budgets.reserve(identity, 0.3));
    expect(info).toMatchObject({ kind: 'budget_exceeded', status: 429, code: 'budget_exceeded' });
    expect(info.message).toMatch(/daily budget of \$1\.00/);
    await expect(budgets.remaining(identity)).resolves.toBeCloseTo(0.2, 9);
  });

  it('neither reserves nor limits keys without a budget, but records their spend', async () => {
    const { record } = keys.addKey();
    const reservation = await budgets.reserve({ keyId: record.id, isMaster: false, record }, 1_000);
    expect(reservation.counters).toEqual([]);
    expect(budgets.settle(reservation, 0.25)).toEqual({ remainingUsd: undefined });
    await recorder.flush();
    const now = reservation.startedAt;
    expect(keys.recorded).toEqual([
      [
        { key_id: record.id, window: 'day', window_start: windowStartDate('day', now), micro_usd: 250_000 },
        { key_id: record.id, window: 'week', window_start: windowStartDate('week', now), micro_usd: 250_000 },
        {
          key_id: record.id,
          window: 'month',
          window_start: windowStartDate('month', now),
          micro_usd: 250_000,
        },
      ],
    ]);
  });

  it('does not record the master key', async () => {
    const reservation = await budgets.reserve({ keyId: 'master', isMaster: true }, 1);
    budgets.settle(reservation, 1);
    await recorder.flush();
    expect(keys.recorded).toEqual([]);
  });

  it('seeds a lost counter from the persisted spend before reserving', async () => {
    const identity = budgeted(1_000_000);
    persistTodaysSpend(900_000);
    const info = await refusal(budgets.reserve(identity, 0.2));
    expect(info.code).toBe('budget_exceeded');
    const reservation = await budgets.reserve(identity, 0.1);
    expect(reservation.spent).toEqual([1_000_000]);
  });

  it('a burst of first calls on a key asks Postgres for its spend once, and still holds the cap', async () => {
    const identity = budgeted(1_000_000);
    persistTodaysSpend(500_000);
    const spend = jest.spyOn(keys, 'spend');
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, () => budgets.reserve(identity, 0.1)),
    );
    expect(spend).toHaveBeenCalledTimes(1);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(5);
  });

  it('reserves in one counters call once the counter exists; asks Postgres only for an absent one', async () => {
    const identity = budgeted(1_000_000);
    const spend = jest.spyOn(keys, 'spend');
    const reserve = jest.spyOn(counters, 'reserve');
    const read = jest.spyOn(counters, 'read');
    await budgets.reserve(identity, 0.1);
    expect(spend).toHaveBeenCalledTimes(1);
    expect(reserve).toHaveBeenCalledTimes(2);
    spend.mockClear();
    reserve.mockClear();
    await budgets.reserve(identity, 0.1);
    expect(spend).not.toHaveBeenCalled();
    expect(reserve).toHaveBeenCalledTimes(1);
    expect(read).not.toHaveBeenCalled();
  });

  it('fails closed with 503 budget_unavailable when the counters are unreachable', async () => {
    const broken = {
      read: () => Promise.reject(new Error('redis: connect ECONNREFUSED')),
      reserve: () => Promise.reject(new Error('redis: connect ECONNREFUSED')),
    } as unknown as CountersPort;
    const service = new BudgetService(broken, keys as unknown as KeysClient, recorder);
    const info = await refusal(service.reserve(budgeted(1_000_000), 0.01));
    expect(info).toMatchObject({ kind: 'unavailable', status: 503, code: 'budget_unavailable' });
  });

  it('sends a failed spend batch again as it was, same id, before the newer costs', async () => {
    const { record } = keys.addKey();
    const sent = jest.spyOn(keys, 'recordSpend').mockRejectedValueOnce(new Error('keys-service down'));
    recorder.record(record.id, new Date(), 10);
    await recorder.flush();
    recorder.record(record.id, new Date(), 5);
    await recorder.flush();
    expect(sent).toHaveBeenCalledTimes(3);
    const [failedId] = sent.mock.calls[0];
    expect(keys.batchIds).toEqual([failedId, expect.any(String)]);
    expect(keys.batchIds[1]).not.toBe(failedId);
    expect(keys.recorded.map((batch) => batch.map((e) => e.micro_usd))).toEqual([
      [10, 10, 10],
      [5, 5, 5],
    ]);
  });

  it('writes one batch per flush: costs settled during the write wait for the next flush', async () => {
    const { record } = keys.addKey();
    const write = keys.recordSpend.bind(keys);
    const sent = jest.spyOn(keys, 'recordSpend').mockImplementationOnce(async (batchId, entries) => {
      recorder.record(record.id, new Date(), 7);
      await write(batchId, entries);
    });
    recorder.record(record.id, new Date(), 10);
    await recorder.flush();
    expect(sent).toHaveBeenCalledTimes(1);
    await recorder.flush();
    expect(sent).toHaveBeenCalledTimes(2);
    expect(keys.recorded.map((batch) => batch.map((e) => e.micro_usd))).toEqual([
      [10, 10, 10],
      [7, 7, 7],
    ]);
  });
});

describe('BudgetService arguments', () => {
  it('rejects a non-finite or negative amount as a programming error', async () => {
    const keys = new FakeKeysClient();
    const recorder = new SpendRecorder(keys as unknown as KeysClient, 60_000);
    const budgets = new BudgetService(new InProcessCounters(), keys as unknown as KeysClient, recorder);
    const { record } = keys.addKey({ budgets: { day: 1_000_000, week: null, month: null } });
    const identity = { keyId: record.id, isMaster: false, record };
    await expect(budgets.reserve(identity, Number.NaN)).rejects.toThrow(TypeError);
    await expect(budgets.reserve(identity, -1)).rejects.toThrow(TypeError);
    const reservation = await budgets.reserve(identity, 0.1);
    expect(() => budgets.settle(reservation, Number.POSITIVE_INFINITY)).toThrow(TypeError);
  });
});
