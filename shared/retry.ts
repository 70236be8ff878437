/**
 * The one way this code tries something again: what a DynamoDB batch hands back unprocessed, the
 * console's wait for an import's result, an emulator coming up. The AWS SDK already retries its own
 * failed calls (throttling, server errors); this is for work it returns unfinished, and for waits.
 */
export interface RetryPolicy<T> {
  /** Attempts in all, the first included (Infinity with `withinMs`: as many as fit). */
  attempts: number;
  /** Try no more once this long has passed since the first attempt began (looked at after each one). */
  withinMs?: number;
  /** The pause before the second attempt; each later one is `factor` times the last, up to `maxDelayMs`. */
  delayMs: number;
  /** 2 by default: exponential backoff; 1 for a steady poll. */
  factor?: number;
  maxDelayMs?: number;
  /**
   * The share of each pause drawn at random (0 by default, 1 is "full jitter"), so callers turned
   * away together do not all come back together.
   */
  jitter?: number;
  /** Whether a thrown error is worth another attempt; by default none is, and it is thrown at once. */
  retryOn?: (error: unknown) => boolean;
  /** Whether a result is final; by default every result is. */
  done?: (result: T) => boolean;
  /**
   * The error to throw when the attempts run out on a result that is not done; without it, that
   * result is returned, for a caller to whom "not yet" is an answer.
   */
  giveUp?: (last: T) => Error;
  /** Test seams: the pause, the clock and the dice. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  random?: () => number;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The pause after attempt `n` (from 1), before any jitter. */
const backoff = (policy: Pick<RetryPolicy<unknown>, 'delayMs' | 'factor' | 'maxDelayMs'>, n: number) =>
  Math.min(policy.maxDelayMs ?? Infinity, policy.delayMs * (policy.factor ?? 2) ** (n - 1));

/** Runs `attempt` (given its number, from 1) until its result is done, or the policy says stop. */
export async function retry<T>(attempt: (n: number) => Promise<T>, policy: RetryPolicy<T>): Promise<T> {
  const { sleep = wait, now = Date.now, random = Math.random, jitter = 0 } = policy;
  const started = now();
  const another = (n: number) =>
    n < policy.attempts && (policy.withinMs === undefined || now() - started < policy.withinMs);
  const pause = (n: number) => sleep(backoff(policy, n) * (1 - jitter * random()));
  for (let n = 1; ; n++) {
    let result: T;
    try {
      result = await attempt(n);
    } catch (error) {
      if (!(policy.retryOn?.(error) ?? false) || !another(n)) throw error;
      await pause(n);
      continue;
    }
    if (policy.done?.(result) ?? true) return result;
    if (!another(n)) {
      if (policy.giveUp) throw policy.giveUp(result);
      return result;
    }
    await pause(n);
  }
}
