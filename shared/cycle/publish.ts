import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Evaluation } from '../domain/evaluation';
import type { TrustConfig } from '../schemas/config';
import { renderHtml } from '../report/html-report';
import { renderPdf } from '../report/pdf-report';
import { reportDocument } from '../report/document';
import { evaluationSchema } from '../schemas/evaluation';
import { objectKeys } from '../store/keys';
import type { CycleRepository, CycleRun } from '../store/cycles';
import { approvalStands } from '../domain/cycle-state';
import type { ModerationRepository } from '../store/moderation';
import { moderate } from '../domain/moderation';
import { dayIn } from '../domain/anonymity';
import type { Review } from '../domain/evaluation';
import { reuseDelivered } from './delivered';
import {
  ConcurrentPublishError,
  NoEvaluationError,
  NotApprovedError,
  UnauditedEvaluationError,
} from '../errors';
import { nameScreening } from './approval';

export interface PublishDeps {
  config: TrustConfig;
  s3: S3Client;
  bucket: string;
  cycles: CycleRepository;
  moderation: ModerationRepository;
  now: () => Date;
  /** The staff list's names for screening comments (see shared/store/staff-names.ts). */
  staffNames?: () => Promise<((candidate: string) => boolean) | undefined>;
}

/** A draft (for the QA lead, never e-mailed) or the final report (approved, or automatic). */
export type PublishStage = 'draft' | 'final';

export interface PublishedFile {
  key: string;
  sha256: string;
  bytes: number;
  contentType: string;
}

export interface Published {
  reportKey: string;
  pdfKey: string;
  pdfBytes: number;
  files: PublishedFile[];
}

/** Every cycle evaluated so far, oldest first, up to and including this one: the report's trend charts. */
async function historyOf(
  evaluation: Evaluation,
  deps: Pick<PublishDeps, 'config' | 'cycles'>,
): Promise<Evaluation[]> {
  const earlier = [...deps.config.cycles]
    .sort((a, b) => a.start.localeCompare(b.start))
    .filter((c) => c.end < evaluation.cycleStart);
  const found = await Promise.all(earlier.map((c) => deps.cycles.getEvaluation(c.id)));
  return [...found.filter((e): e is Evaluation => e !== undefined), evaluation];
}

/** A report file as rendered, before it is written. */
export interface RenderedFile {
  key: string;
  body: Buffer;
  contentType: string;
}

/** What an evaluation renders to: the report files, each described for the manifest, and the manifest. */
export interface RenderedReport {
  files: RenderedFile[];
  described: PublishedFile[];
  manifest: RenderedFile;
}

/**
 * Renders the stored evaluation as the HTML report and the PDF board pack, with evaluation.json and
 * a manifest of each file's sha256, and writes nothing: what publishCycle writes, and what a restore
 * checks against a published manifest (shared/ops/restore-report.ts). The same evaluation renders
 * to the same files.
 */
export async function renderCycle(
  stored: Evaluation,
  deps: Pick<PublishDeps, 'config' | 'cycles'>,
): Promise<RenderedReport> {
  // What goes out must match the published schema: a mismatch fails the run instead of the reader.
  const evaluation = evaluationSchema.parse(stored);
  if (!evaluation.disclosureAudit) throw new UnauditedEvaluationError(evaluation.cycleId);
  const history = await historyOf(evaluation, deps);
  // One document, built once from the evaluation and the config, drawn as HTML and as PDF.
  const doc = reportDocument({
    evaluation,
    history,
    divisionNames: Object.fromEntries(deps.config.divisions.map((d) => [d.id, d.name])),
    thresholds: deps.config.thresholds,
    logo: deps.config.trust.logo,
    marking: deps.config.trust.marking,
  });
  const pdf = await renderPdf(doc);
  const files = [
    {
      key: objectKeys.report(evaluation.cycleId, 'report.html'),
      body: Buffer.from(renderHtml(doc)),
      contentType: 'text/html; charset=utf-8',
    },
    { key: objectKeys.report(evaluation.cycleId, 'report.pdf'), body: pdf, contentType: 'application/pdf' },
    {
      key: objectKeys.report(evaluation.cycleId, 'evaluation.json'),
      body: Buffer.from(JSON.stringify(evaluation, null, 2)),
      contentType: 'application/json',
    },
  ];
  const described: PublishedFile[] = files.map((f) => ({
    key: f.key,
    sha256: createHash('sha256').update(f.body).digest('hex'),
    bytes: f.body.length,
    contentType: f.contentType,
  }));
  const manifest = {
    cycleId: evaluation.cycleId,
    evaluatedAt: evaluation.evaluatedAt,
    rubricVersion: evaluation.rubricVersion,
    configHash: evaluation.configHash,
    files: described,
  };
  return {
    files,
    described,
    manifest: {
      key: objectKeys.report(evaluation.cycleId, 'manifest.json'),
      body: Buffer.from(JSON.stringify(manifest, null, 2)),
      contentType: 'application/json',
    },
  };
}

/**
 * Renders the stored evaluation (renderCycle) and writes the files and the manifest under
 * reports/{cycleId}/, encrypted at rest. Safe to repeat: the same evaluation renders to the same files.
 */
export async function publishCycle(
  stored: Evaluation,
  deps: Omit<PublishDeps, 'moderation'>,
): Promise<Published> {
  const { files, described, manifest } = await renderCycle(stored, deps);
  for (const f of [...files, manifest])
    await deps.s3.send(
      new PutObjectCommand({
        Bucket: deps.bucket,
        Key: f.key,
        Body: f.body,
        ContentType: f.contentType,
        ServerSideEncryption: 'AES256',
      }),
    );
  const reportKey = objectKeys.report(stored.cycleId, 'report.html');
  const pdfKey = objectKeys.report(stored.cycleId, 'report.pdf');
  const pdfBytes = files.find((f) => f.key === pdfKey)!.body.length;
  await deps.cycles.mark(stored.cycleId, {
    publishedAt: deps.now().toISOString(),
    reportKey,
    pdfKey,
    pdfBytes,
  });
  return { reportKey, pdfKey, pdfBytes, files: described };
}

/** The step as the state machine runs it: publishes the report, or reuses the delivered one. */
export async function publishStep(
  cycleId: string,
  force: boolean,
  deps: PublishDeps,
  stage: PublishStage = deps.config.board.approval === 'automatic' ? 'final' : 'draft',
): Promise<{ reportKey: string; reused: boolean; published?: Published; held?: number }> {
  const run = await deps.cycles.getRun(cycleId);
  if (reuseDelivered(run, force) && run.reportKey) return { reportKey: run.reportKey, reused: true };
  const evaluation = await deps.cycles.getEvaluation(cycleId);
  if (!evaluation) throw new NoEvaluationError(cycleId);
  const manual = deps.config.board.approval === 'manual';
  if (stage === 'final' && manual && !approvalStands(run)) throw new NotApprovedError(cycleId);
  const reviewed = await reviewedEvaluation(evaluation, run, stage, deps);
  const published = await publishCycle(reviewed.evaluation, deps);
  // Two runs of one cycle at once: if the other stored another evaluation while this one wrote its
  // files, the files could mix the two. Failing here makes the state machine publish again, from the
  // latest evaluation, which renders to the same bytes whichever run writes last. The whole
  // evaluation is compared, not its time: two runs in the same instant still differ in, for
  // example, how long their disclosure audits took.
  const latest = await deps.cycles.getEvaluation(cycleId);
  if (latest && !isDeepStrictEqual(latest, evaluation)) throw new ConcurrentPublishError(cycleId);
  // A new draft (or an automatic report) is what an approval, and a send, now refer to. The final
  // report of an approved draft keeps the draft's time, so the approval still stands.
  if (stage === 'draft' || !manual) await deps.cycles.mark(cycleId, { draftAt: deps.now().toISOString() });
  return { reportKey: published.reportKey, reused: false, published, held: reviewed.held };
}

/** The stage of the report files a cycle has now: final once approved (or automatic), else a draft. */
export function currentStage(run: CycleRun, config: TrustConfig): PublishStage {
  return config.board.approval === 'automatic' || approvalStands(run) ? 'final' : 'draft';
}

/**
 * The evaluation as the report at `stage` shows it: comments moderated (held and withheld ones
 * out, redacted ones marked), with the QA lead's review and what moderation and erasure held back.
 */
export async function reviewedEvaluation(
  evaluation: Evaluation,
  run: CycleRun,
  stage: PublishStage,
  deps: Pick<PublishDeps, 'config' | 'moderation' | 'staffNames'>,
): Promise<{ evaluation: Evaluation; held: number }> {
  const { cycleId } = evaluation;
  const [decisions, erasures] = await Promise.all([
    deps.moderation.decisions(cycleId),
    deps.moderation.erasures(cycleId),
  ]);
  const moderated = moderate(
    cycleId,
    evaluation.practitioners.comments,
    decisions,
    await nameScreening(deps),
  );
  const erased = erasures.filter((e) => e.inReport).length;
  const review: Review = {
    status: stage === 'draft' ? 'draft' : 'approved',
    moderation: { ...moderated.counts, ...(erased ? { erased } : {}) },
    ...(stage === 'final' && deps.config.board.approval === 'manual'
      ? {
          approvedOn: dayIn(deps.config.timezone, new Date(run.approvedAt!)),
          ...(run.commentary ? { commentary: run.commentary } : {}),
        }
      : {}),
  };
  return {
    evaluation: {
      ...evaluation,
      practitioners: { ...evaluation.practitioners, comments: moderated.shown },
      review,
    },
    held: moderated.counts.held,
  };
}
