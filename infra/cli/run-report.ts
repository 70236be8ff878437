import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { TrustConfig } from '../../shared/schemas/config';
import type { StepReport } from '../local/cycle-runner';
import { LOCAL_NAMES } from '../local/environment';
import { describeEvaluation } from './cycle-summary';
import { reviewOf, type ApprovalDeps } from '../../shared/cycle/approval';
import { STATE_WORDS } from '../../shared/domain/cycle-state';

/** What the cycle commands act with, on the local emulators. */
export async function localApprovalDeps(config: TrustConfig): Promise<ApprovalDeps> {
  const { cycleDeps } = await import('../../shared/cycle/deps');
  const deps = cycleDeps({ TABLE_NAME: LOCAL_NAMES.table, BUCKET_NAME: LOCAL_NAMES.bucket });
  return { ...deps, config, consoleUrl: `http://localhost:${process.env.PORT ?? '3000'}` };
}

/** `cycle status`: the state, the draft's moderation, and what was sent. */
export async function statusCommand(cycleId: string, deps: ApprovalDeps, out: (l: string) => void) {
  const review = await reviewOf(cycleId, deps);
  const { run } = review;
  out(`Cycle ${cycleId}: ${STATE_WORDS[review.state]}`);
  if (run.draftAt) out(`Draft published: ${run.draftAt}`);
  if (review.lapsed)
    out(
      `The deployed run stopped waiting for approval after ${deps.config.board.approvalTimeoutDays} days: approve it, then run the cycle again to send it.`,
    );
  if (run.draftAt)
    out(
      `Comments: ${review.comments.length} in the draft; ${review.counts.held} held, ${review.counts.withheld} withheld, ${review.counts.redacted} redacted`,
    );
  if (run.approvedAt) out(`Approved: ${run.approvedAt} by ${run.approvedBy}`);
  if (run.emailSentAt) out(`Sent: ${run.emailSentAt} to ${(run.emailSentTo ?? []).join(', ')}`);
  for (const e of await deps.moderation.erasures(cycleId))
    out(
      e.finishedAt
        ? `Erased: comment ${e.commentId}, ${e.finishedAt} by ${e.by}${e.reason ? ` (reason: ${e.reason})` : ''}`
        : `Erasure unfinished: comment ${e.commentId}, begun ${e.at} by ${e.by}; finish it with pillar7 comments erase ${cycleId} --comment ${e.commentId}`,
    );
}

/** Copies the cycle's report (HTML and PDF) from the local bucket into the data folder, replacing any older copy. */
export async function copyReportFiles(cycleId: string, dataDir: string): Promise<string> {
  const { s3Client } = await import('../../shared/aws/s3');
  const folder = join(dataDir, 'reports', cycleId);
  mkdirSync(folder, { recursive: true });
  for (const name of ['report.html', 'report.pdf']) {
    const obj = await s3Client().send(
      new GetObjectCommand({ Bucket: LOCAL_NAMES.bucket, Key: `reports/${cycleId}/${name}` }),
    );
    writeFileSync(join(folder, name), Buffer.from(await obj.Body!.transformToByteArray()));
  }
  return folder;
}

/**
 * After a local run: the judgement, where the report is (and a fresh copy of it in the data folder,
 * replacing any older one), and what happened to the e-mail.
 */
export async function reportRun(
  cycleId: string,
  steps: StepReport[],
  config: TrustConfig,
  dataDir: string,
  out: (l: string) => void,
): Promise<void> {
  const deps = await localApprovalDeps(config);
  const review = await reviewOf(cycleId, deps);
  if (review.evaluation) describeEvaluation(review.evaluation, out);
  const run = review.run;
  if (run.reportKey) {
    const folder = await copyReportFiles(cycleId, dataDir);
    out(`Report: s3://${LOCAL_NAMES.bucket}/${run.reportKey} (copies in ${folder})`);
  }
  const last = steps.at(-1);
  if (last?.step === 'notify') {
    const notify = last.output as { sent?: boolean; messageId?: string };
    if (notify.sent) {
      const eml = readdirSync(join(dataDir, 'outbox')).find((f) => f.includes(notify.messageId ?? '\u0000'));
      out(
        `Email: sent to the board (${notify.messageId})${eml ? `; as sent: ${join(dataDir, 'outbox', eml)}` : ''}.`,
      );
    } else
      out(
        `Email: already sent for ${cycleId}; nothing sent again (pillar7 cycle run ${cycleId} --force makes a new draft to approve and resend).`,
      );
  } else if (last?.step === 'request-approval') {
    out(`State: ${STATE_WORDS[review.state]}. The board has not been sent anything.`);
    out(
      review.counts.held
        ? `${review.counts.held} comment(s) are held for moderation: pillar7 cycle comments ${cycleId}`
        : `No comment is held for moderation.`,
    );
    out(
      `To send it: pillar7 cycle approve ${cycleId} [--commentary "words for the board"], or in the console.`,
    );
  } else if (last?.step === 'publish') {
    out(`Preview: a draft, for you only; no one was told and nothing was sent.`);
  }
}
