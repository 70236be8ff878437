import { loadStepHandler } from './handlers';
import type { CycleStepName } from '../../shared/cycle/steps';
import type { ApprovalMode } from '../../shared/domain/cycle-state';
import { runtimeConfig } from '../../shared/config/runtime-config';
import { resumeInput, type Approved } from '../../shared/cycle/approval';
import type { FailedAttempt, LocalRun, StepHandler, StepReport } from './state-machine';

export type { FailedAttempt, StepHandler, StepReport } from './state-machine';

export interface LocalRunOptions {
  /** Called as each step's function returns. */
  onStep?: (r: StepReport) => void;
  /** Called as an attempt of a step fails, before the definition's Retry or Catch takes it. */
  onFailedAttempt?: (f: FailedAttempt) => void;
  /** What a step's Task invokes instead of the function's own handler: a test's stand-in. */
  handlers?: Partial<Record<CycleStepName, StepHandler>>;
}

/**
 * The cycle's state machine definition, as CDK renders it for this config and approval mode, and
 * how to run it here: aws-local-stepfunctions walks its states, retries and catches, each Task
 * invoking the handler Lambda runs. Both load only when a cycle runs (about a second), so the
 * commands that run none start as fast as before.
 */
async function localMachine(mode: ApprovalMode, options: LocalRunOptions) {
  const [{ renderCycleDefinition }, machine] = await Promise.all([
    import('./cycle-definition'),
    import('./state-machine'),
  ]);
  const run: Omit<LocalRun, 'input'> = {
    handlerFor: async (step) => options.handlers?.[step] ?? loadStepHandler(step),
    onStep: options.onStep,
    onFailedAttempt: options.onFailedAttempt,
  };
  return { ...machine, definition: renderCycleDefinition({ ...runtimeConfig().board, approval: mode }), run };
}

/**
 * Runs a cycle through its state machine: under manual approval it publishes a draft, tells the QA
 * leads and stops in the state that waits for their approval (a report already sent is reused and
 * the e-mail step says so); under automatic approval it publishes the final report and e-mails the
 * board. Every step is safe to repeat, so a failed run is resumed simply by running it again.
 */
export async function runCycleLocally(
  cycleId: string,
  force = false,
  options: LocalRunOptions & { mode?: ApprovalMode } = {},
): Promise<StepReport[]> {
  const { definition, run, runDefinition } = await localMachine(
    options.mode ?? runtimeConfig().board.approval,
    options,
  );
  return runDefinition(definition, { ...run, input: { cycleId, force } });
}

/**
 * A draft with today's evidence, for the QA lead alone: the manual-approval definition, forced,
 * stopped before any step that would tell someone (the QA leads' notice, the board e-mail).
 */
export async function runPreviewLocally(
  cycleId: string,
  options: LocalRunOptions = {},
): Promise<StepReport[]> {
  const { definition, run, runDefinition } = await localMachine('manual', options);
  const stopBefore = ['request-approval', 'notify'] as const;
  return runDefinition(definition, { ...run, input: { cycleId, force: true }, stopBefore });
}

/**
 * Resumes a cycle after its draft was approved, as SendTaskSuccess resumes the deployed run: from the
 * state after the approval wait, with the output the console and `cycle approve --aws` send.
 */
export async function resumeAfterApproval(
  approved: Pick<Approved, 'cycleId' | 'resend'>,
  options: LocalRunOptions = {},
): Promise<StepReport[]> {
  const { definition, run, continueAfterToken } = await localMachine('manual', options);
  return continueAfterToken(definition, resumeInput(approved), run);
}
