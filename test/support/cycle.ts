import type { cycleDeps } from '../../shared/cycle/deps';
import { gatherInbox } from '../../shared/cycle/gather';
import { evaluateStep } from '../../shared/cycle/evaluate';
import { publishStep } from '../../shared/cycle/publish';
import { notifyStep, type NotifyOutcome } from '../../shared/cycle/notify';

export type Step = 'gather' | 'evaluate' | 'publish' | 'notify';
export const STEPS: Step[] = ['gather', 'evaluate', 'publish', 'notify'];

/**
 * A cycle as the state machine runs it: each step in turn, a failed step retried (up to 4 more times,
 * as the state machine's retry policy allows), never the whole cycle from the start.
 */
export async function runCycleWithRetries(cycleId: string, deps: ReturnType<typeof cycleDeps>) {
  const attempts: Record<Step, number> = { gather: 0, evaluate: 0, publish: 0, notify: 0 };
  const failures: string[] = [];
  let notified: NotifyOutcome | undefined;
  const run: Record<Step, () => Promise<unknown>> = {
    gather: () => gatherInbox(deps),
    evaluate: () => evaluateStep(cycleId, false, deps),
    publish: () => publishStep(cycleId, false, deps),
    notify: async () => (notified = await notifyStep(cycleId, false, deps)),
  };
  for (const step of STEPS) {
    for (;;) {
      attempts[step] += 1;
      try {
        await run[step]();
        break;
      } catch (err) {
        failures.push(`${step}: ${(err as Error).name}`);
        if (attempts[step] > 4) throw err;
      }
    }
  }
  return { attempts, failures, notified: notified! };
}
