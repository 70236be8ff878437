import type { Context } from 'aws-lambda';
import { loadStepHandler } from './handlers';
import { CYCLE_STATES, type CycleStateName, type CycleStepName } from '../../shared/cycle/steps';
import type { ApprovalMode } from '../../shared/domain/cycle-state';
import { runtimeConfig } from '../../shared/config/runtime-config';

export interface StepReport {
  step: CycleStepName;
  output: Record<string, unknown>;
}

type StepCall = { step: CycleStepName; input?: Record<string, unknown> };

/** What the state machine's task state of this name runs: its step, and the stage publish is given. */
function callOf(state: CycleStateName): StepCall {
  const declared: { step: CycleStepName; stage?: string } = CYCLE_STATES[state];
  return declared.stage ? { step: declared.step, input: { stage: declared.stage } } : { step: declared.step };
}

/**
 * The steps the state machine runs, by its task states and in its order: under manual approval it
 * publishes a draft, tells the QA leads and stops (the cloud waits on a task token); under automatic
 * approval it publishes the final report and e-mails the board.
 */
export function stepsUntilReview(mode: ApprovalMode): StepCall[] {
  const states: CycleStateName[] =
    mode === 'manual'
      ? ['Gather', 'Evaluate', 'PublishDraft', 'AwaitApproval']
      : ['Gather', 'Evaluate', 'Publish', 'Notify'];
  return states.map(callOf);
}

/** What the state machine runs once a QA lead approved the draft: the final report, then the e-mail. */
export const STEPS_AFTER_APPROVAL: StepCall[] = (['PublishFinal', 'Notify'] as const).map(callOf);

async function runSteps(
  cycleId: string,
  force: boolean,
  steps: StepCall[],
  onStep?: (r: StepReport) => void,
): Promise<StepReport[]> {
  const reports: StepReport[] = [];
  for (const { step, input } of steps) {
    const handler = await loadStepHandler(step);
    const output = await handler({ cycleId, force, ...input }, {
      functionName: step,
      awsRequestId: crypto.randomUUID(),
    } as Context);
    const report = { step, output };
    reports.push(report);
    onStep?.(report);
  }
  return reports;
}

/**
 * Runs a cycle's steps in order, handing each the same input the state machine gives it in the cloud,
 * and taking the same turn it takes: a published draft waits for a QA lead (request-approval, then
 * stop), while a report already sent is reused and the e-mail step says so. Every step is safe to
 * repeat, so a failed run is resumed simply by running it again.
 */
export async function runCycleLocally(
  cycleId: string,
  force = false,
  onStep?: (r: StepReport) => void,
  mode: ApprovalMode = runtimeConfig().board.approval,
): Promise<StepReport[]> {
  const [gather, evaluate, publish, last] = stepsUntilReview(mode);
  const reports = await runSteps(cycleId, force, [gather!, evaluate!, publish!], onStep);
  const reused = reports.at(-1)?.output.reused === true;
  const next = mode === 'manual' && reused ? callOf('Notify') : last!;
  return [...reports, ...(await runSteps(cycleId, force, [next], onStep))];
}

/** A draft with today's evidence, for the QA lead alone: no one is told and nothing is sent. */
export function runPreviewLocally(cycleId: string, onStep?: (r: StepReport) => void): Promise<StepReport[]> {
  return runSteps(cycleId, true, stepsUntilReview('manual').slice(0, 3), onStep);
}

/** Resumes a cycle after its draft was approved, as the state machine does on the task token. */
export function resumeAfterApproval(
  cycleId: string,
  force: boolean,
  onStep?: (r: StepReport) => void,
): Promise<StepReport[]> {
  return runSteps(cycleId, force, STEPS_AFTER_APPROVAL, onStep);
}
