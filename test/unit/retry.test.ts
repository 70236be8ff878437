// Proves the one retry helper: how many attempts, the pauses (backoff, cap, jitter), which errors and results it tries again, and the evidence store's batches that use it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { retry, type RetryPolicy } from '../../shared/retry';
import { EvidenceRepository } from '../../shared/store/evidence';
import { EvidenceWriteError } from '../../shared/errors';
import type { Headcount } from '../../shared/domain/evidence';

/** A policy whose pauses are recorded, not waited, and whose dice always land on `dice`. */
function recorded<T>(policy: RetryPolicy<T>, dice = 0) {
  const pauses: number[] = [];
  return {
    pauses,
    policy: { ...policy, sleep: async (ms: number) => void pauses.push(ms), random: () => dice },
  };
}

/** An attempt that answers from the list in turn, counting its calls. */
function answers<T>(...results: (T | Error)[]) {
  const fn = vi.fn(async (n: number) => {
    const r = results[Math.min(n, results.length) - 1]!;
    if (r instanceof Error) throw r;
    return r;
  });
  return fn;
}

describe('retry', () => {
  it('returns the first result when every result is final, with no pause', async () => {
    const { pauses, policy } = recorded<string>({ attempts: 5, delayMs: 50 });
    const attempt = answers('ok');

    await expect(retry(attempt, policy)).resolves.toBe('ok');
    expect(attempt).toHaveBeenCalledTimes(1);
    expect(pauses).toEqual([]);
  });

  it('tries again while the result is not done, doubling each pause up to the cap', async () => {
    const { pauses, policy } = recorded<number[]>({
      attempts: 8,
      delayMs: 50,
      maxDelayMs: 300,
      done: (left) => left.length === 0,
    });
    const attempt = answers([3], [2], [1], [1], [], []);

    await expect(retry(attempt, policy)).resolves.toEqual([]);
    expect(attempt.mock.calls.map(([n]) => n)).toEqual([1, 2, 3, 4, 5]);
    expect(pauses).toEqual([50, 100, 200, 300]);
  });

  it('draws the jittered share of each pause at random, never more than the backoff', async () => {
    const low = recorded<boolean>({ attempts: 3, delayMs: 100, jitter: 0.5, done: Boolean }, 1);
    const high = recorded<boolean>({ attempts: 3, delayMs: 100, jitter: 0.5, done: Boolean }, 0);
    const full = recorded<boolean>({ attempts: 2, delayMs: 100, jitter: 1, done: Boolean }, 0.25);

    await retry(answers(false), low.policy);
    await retry(answers(false), high.policy);
    await retry(answers(false), full.policy);

    expect(low.pauses).toEqual([50, 100]);
    expect(high.pauses).toEqual([100, 200]);
    expect(full.pauses).toEqual([75]);
  });

  it('keeps a steady pause with factor 1', async () => {
    const { pauses, policy } = recorded<boolean>({ attempts: 4, delayMs: 500, factor: 1, done: Boolean });

    await retry(answers(false), policy);

    expect(pauses).toEqual([500, 500, 500]);
  });

  it("gives up with the caller's error, naming what was left, after the last attempt", async () => {
    const { policy } = recorded<string[]>({
      attempts: 3,
      delayMs: 10,
      done: (left) => left.length === 0,
      giveUp: (left) => new Error(`${left.length} left`),
    });
    const attempt = answers(['a', 'b'], ['b']);

    await expect(retry(attempt, policy)).rejects.toThrow('1 left');
    expect(attempt).toHaveBeenCalledTimes(3);
  });

  it('returns the last result when out of attempts without giveUp, "not yet" being an answer', async () => {
    const { policy } = recorded<string | undefined>({ attempts: 3, delayMs: 10, done: Boolean });
    const attempt = answers<string | undefined>(undefined);

    await expect(retry(attempt, policy)).resolves.toBeUndefined();
    expect(attempt).toHaveBeenCalledTimes(3);
  });

  it('throws an error at once unless retryOn says it is worth another attempt', async () => {
    const busy = Object.assign(new Error('busy'), { name: 'Busy' });
    const broken = new Error('broken');
    const retryOn = (e: unknown) => (e as Error).name === 'Busy';

    const once = answers<string>(broken);
    await expect(retry(once, recorded<string>({ attempts: 5, delayMs: 1, retryOn }).policy)).rejects.toBe(
      broken,
    );
    expect(once).toHaveBeenCalledTimes(1);

    const recovers = answers<string>(busy, busy, 'ok');
    const { pauses, policy } = recorded<string>({ attempts: 5, delayMs: 20, retryOn });
    await expect(retry(recovers, policy)).resolves.toBe('ok');
    expect(pauses).toEqual([20, 40]);

    const stays = answers<string>(busy);
    await expect(retry(stays, recorded<string>({ attempts: 2, delayMs: 1, retryOn }).policy)).rejects.toBe(
      busy,
    );
    expect(stays).toHaveBeenCalledTimes(2);
  });

  it('tries no more once withinMs has passed, however many attempts remain', async () => {
    let clock = 0;
    const policy: RetryPolicy<boolean> = {
      attempts: Infinity,
      withinMs: 1000,
      delayMs: 200,
      factor: 1,
      done: Boolean,
      giveUp: () => new Error('did not answer within 1s'),
      sleep: async (ms) => void (clock += ms),
      now: () => clock,
    };
    const attempt = answers(false);

    await expect(retry(attempt, policy)).rejects.toThrow('did not answer within 1s');
    // At 0, 200, ..., 1000; the one at 1000 ends with the time up.
    expect(attempt).toHaveBeenCalledTimes(6);
  });
});

describe("the evidence store's batches", () => {
  const ddb = mockClient(DynamoDBDocumentClient);
  const repo = () => new EvidenceRepository(DynamoDBDocumentClient.from(new DynamoDBClient({})), 'table');
  const rows: Headcount[] = [
    { division: 'oak-primary', role: 'delivery', count: 30 },
    { division: 'ash-primary', role: 'delivery', count: 20 },
  ];
  const key = (sk: string) => ({ pk: 'EVIDENCE#headcount', sk });

  beforeEach(() => {
    ddb.reset();
    ddb.on(BatchGetCommand).resolves({ Responses: { table: [] } });
    ddb.on(BatchWriteCommand).resolves({});
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('read again only the keys DynamoDB left unprocessed', async () => {
    ddb
      .on(BatchGetCommand)
      .resolvesOnce({
        Responses: { table: [] },
        UnprocessedKeys: { table: { Keys: [key('ash-primary#delivery')] } },
      })
      .resolves({ Responses: { table: [] } });

    await repo().upsertMany('headcount', rows, '2026-06-01');

    const reads = ddb.commandCalls(BatchGetCommand).map((c) => c.args[0].input.RequestItems!.table!.Keys);
    expect(reads).toEqual([
      [key('oak-primary#delivery'), key('ash-primary#delivery')],
      [key('ash-primary#delivery')],
    ]);
  });

  it('give up after 8 writes that DynamoDB keeps leaving unprocessed, saying how many records', async () => {
    vi.useFakeTimers();
    const put = (sk: string) => ({ PutRequest: { Item: { ...key(sk), type: 'headcount' } } });
    ddb.on(BatchWriteCommand).resolves({ UnprocessedItems: { table: [put('ash-primary#delivery')] } });

    const upsert = repo().upsertMany('headcount', rows, '2026-06-01');
    const outcome = expect(upsert).rejects.toThrow(
      new EvidenceWriteError('1 evidence records were still throttled after 8 attempts'),
    );
    await vi.runAllTimersAsync();
    await outcome;

    expect(ddb.commandCalls(BatchWriteCommand)).toHaveLength(8);
  });
});
