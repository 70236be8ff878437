// Proves a local cycle runs the state machine definition that deploys, on the emulators: its Retry retries a step that failed with a retryable error, a final error fails the run at once, and the draft waits in the task-token state until approval resumes the run there.
import { beforeAll, describe, expect, it } from 'vitest';
import { bootstrapLocal } from '../../infra/local/bootstrap';
import { LOCAL_NAMES } from '../../infra/local/environment';
import type { FailedAttempt, StepReport } from '../../infra/local/cycle-runner';
import { documentClient } from '../../shared/aws/dynamodb';
import { ResponseRepository } from '../../shared/store/responses';
import { response, times } from '../support/builders';
import { errors, withFault } from '../support/faults';
import { sentMails } from '../support/ses-outbox';

// A table of this file's own: the cycle's state here must not meet another file's runs.
const TABLE = 'pillar7-state-machine';
process.env.TABLE_NAME = TABLE;
const CYCLE = '2026-autumn';
const QA_LEAD = 'qa.lead@riverbend-trust.example';

const qaMails = async () =>
  (await sentMails()).filter((m) => m.destination.to.join(',').includes(QA_LEAD)).length;

const load = async () => {
  const runner = await import('../../infra/local/cycle-runner');
  const { approveCycle } = await import('../../shared/cycle/approval');
  const { cycleDeps } = await import('../../shared/cycle/deps');
  return { ...runner, approveCycle, deps: cycleDeps({ TABLE_NAME: TABLE, BUCKET_NAME: LOCAL_NAMES.bucket }) };
};

/** What a run reports, step by step, as the options of a local run collect it. */
const watched = () => {
  const steps: StepReport[] = [];
  const failed: FailedAttempt[] = [];
  return {
    steps,
    failed,
    onStep: (r: StepReport) => steps.push(r),
    onFailedAttempt: (f: FailedAttempt) => failed.push(f),
  };
};

beforeAll(async () => {
  await bootstrapLocal(TABLE, LOCAL_NAMES.bucket);
  const repo = new ResponseRepository(documentClient(), TABLE);
  for (const r of times(12, () => response({ cycleId: CYCLE, safety: 4, influence: 4 }))) await repo.add(r);
});

describe('a local cycle run of the deployed definition', () => {
  it('previews a draft by the manual-approval definition and stops before it would tell anyone', async () => {
    const { runPreviewLocally, deps } = await load();
    const before = await qaMails();
    const run = watched();
    await runPreviewLocally(CYCLE, run);
    expect(run.steps.map((s) => s.state)).toEqual(['Gather', 'Evaluate', 'PublishDraft']);
    expect(run.steps[2]!.output).toMatchObject({ cycleId: CYCLE, force: true, reused: false });
    const stored = await deps.cycles.getRun(CYCLE);
    expect(stored.draftAt).toBeDefined();
    expect(stored.reviewRequestedAt).toBeUndefined();
    expect(await qaMails()).toBe(before);
  });

  it('retries a step whose attempt failed with a retryable error, as its Retry declares, and goes on to wait for the QA lead', async () => {
    const { runCycleLocally, deps } = await load();
    const run = watched();
    // Storing the evaluation is throttled beyond what the SDK absorbs, once.
    const { fired } = await withFault(
      'dynamodb',
      documentClient(),
      {
        action: 'dynamodb:PutItem',
        when: (input) => (input.Item as { sk?: string } | undefined)?.sk === 'EVALUATION',
        error: errors.throttled,
        times: 1,
        layer: 'caller',
      },
      () => runCycleLocally(CYCLE, false, run),
    );
    expect(fired).toBe(1);
    expect(run.failed.map((f) => [f.state, f.error.name])).toEqual([
      ['Evaluate', 'ProvisionedThroughputExceededException'],
    ]);
    // The same state tried again and succeeded; the run went on, and stopped in the approval wait.
    expect(run.steps.map((s) => s.state)).toEqual(['Gather', 'Evaluate', 'PublishDraft', 'AwaitApproval']);
    expect(run.steps[3]!.output).toMatchObject({ requested: true, held: 0 });
    // request-approval was handed the task token of the state it waits in, and kept it.
    expect((await deps.cycles.getRun(CYCLE)).approvalToken).toMatch(/^local-[0-9a-f-]{36}$/);
  });

  it('fails the run at once on a final error: no retry, and the error as the step threw it', async () => {
    const { runCycleLocally } = await load();
    const run = watched();
    await expect(runCycleLocally('1999-unknown', false, run)).rejects.toMatchObject({
      name: 'UnknownCycleError',
    });
    expect(run.failed.map((f) => [f.state, f.error.name])).toEqual([['Evaluate', 'UnknownCycleError']]);
    expect(run.steps.map((s) => s.state)).toEqual(['Gather']);
  });

  it('resumes the waiting run where approval hands back its token: the final report, then the board e-mail', async () => {
    const { resumeAfterApproval, approveCycle, deps } = await load();
    const approved = await approveCycle(CYCLE, { by: QA_LEAD }, deps);
    expect(approved.resumeToken).toBe((await deps.cycles.getRun(CYCLE)).approvalToken);
    const run = watched();
    await resumeAfterApproval(approved, run);
    expect(run.steps.map((s) => s.state)).toEqual(['PublishFinal', 'Notify']);
    expect(run.steps[1]!.output).toMatchObject({ sent: true });
    expect(run.failed).toEqual([]);
  });
});
