import type { cycleDeps } from '../../shared/cycle/deps';
import { gatherInbox } from '../../shared/cycle/gather';
import { evaluateStep } from '../../shared/cycle/evaluate';
import { publishStep } from '../../shared/cycle/publish';
import { notifyStep, type NotifyOutcome } from '../../shared/cycle/notify';
import { cycleStepEventSchema, parseEvent } from '../../shared/schemas/events';
import { runCycleLocally, type StepHandler } from '../../infra/local/cycle-runner';
import { privateKeyRetirement } from '../../shared/store/private-key-store';

export type Step = 'gather' | 'evaluate' | 'publish' | 'notify';

/**
 * A cycle of a trust with its own table and bucket, run through the state machine definition that
 * deploys for automatic approval: the order of the steps, and the retrying of a failed one (up to 4
 * more times, never the whole cycle from the start), are the definition's. Each Task runs its step
 * with these deps, as the function's handler does with the deps of its environment.
 */
export async function runCycleWithRetries(cycleId: string, deps: ReturnType<typeof cycleDeps>) {
  const attempts: Record<Step, number> = { gather: 0, evaluate: 0, publish: 0, notify: 0 };
  let notified: NotifyOutcome | undefined;
  // The group keys' store the local environment names, as the evaluate handler's is.
  const evaluateDeps = { ...deps, privateKeys: privateKeyRetirement(process.env) };
  const step =
    (name: Step, work: (e: ReturnType<typeof cycleStepEventSchema.parse>) => Promise<object>): StepHandler =>
    async (event) => {
      attempts[name] += 1;
      const e = parseEvent(cycleStepEventSchema, event);
      return { cycleId: e.cycleId, force: e.force, ...(await work(e)) };
    };
  await runCycleLocally(cycleId, false, {
    mode: 'automatic',
    handlers: {
      gather: step('gather', async () => ({ files: (await gatherInbox(deps)).length })),
      evaluate: step('evaluate', async (e) => ({
        alreadyDelivered: (await evaluateStep(e.cycleId, e.force, evaluateDeps)).reused,
      })),
      publish: step('publish', async (e) => {
        const { reportKey, reused } = await publishStep(e.cycleId, e.force, deps, e.stage);
        return { reportKey, reused };
      }),
      notify: step('notify', async (e) => (notified = await notifyStep(e.cycleId, e.force, deps))),
    },
  });
  return { attempts, notified: notified! };
}
