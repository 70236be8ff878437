import type { Evaluation } from '../domain/evaluation';
import { evaluateCycle, type EvaluateDeps } from './evaluate';
import { publishCycle, type PublishDeps, type Published } from './publish';
import { notifyBoard, type NotifyDeps, type NotifyOutcome } from './notify';

/**
 * The cycle's steps as the state machine runs them. One rule binds them: once a cycle's email has
 * gone, a re-run reuses what was delivered rather than judging and publishing again, unless forced.
 */
export async function evaluateStep(
  cycleId: string,
  force: boolean,
  deps: EvaluateDeps,
): Promise<{ evaluation: Evaluation; reused: boolean }> {
  const run = await deps.cycles.getRun(cycleId);
  const stored = run.emailSentAt && !force ? await deps.cycles.getEvaluation(cycleId) : undefined;
  if (stored) return { evaluation: stored, reused: true };
  return { evaluation: await evaluateCycle(cycleId, deps), reused: false };
}

export async function publishStep(
  cycleId: string,
  force: boolean,
  deps: PublishDeps,
): Promise<{ reportKey: string; reused: boolean; published?: Published }> {
  const run = await deps.cycles.getRun(cycleId);
  if (run.emailSentAt && run.reportKey && !force) return { reportKey: run.reportKey, reused: true };
  const evaluation = await deps.cycles.getEvaluation(cycleId);
  if (!evaluation)
    throw new Error(`cycle ${cycleId} has no evaluation to publish; run the evaluate step first`);
  const published = await publishCycle(evaluation, deps);
  return { reportKey: published.reportKey, reused: false, published };
}

export async function notifyStep(cycleId: string, force: boolean, deps: NotifyDeps): Promise<NotifyOutcome> {
  const [evaluation, run] = await Promise.all([
    deps.cycles.getEvaluation(cycleId),
    deps.cycles.getRun(cycleId),
  ]);
  if (!evaluation || !run.pdfKey)
    throw new Error(`cycle ${cycleId} has no published report to send; run publish first`);
  return notifyBoard(evaluation, run, force, deps);
}
