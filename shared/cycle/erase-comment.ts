import { DeleteObjectsCommand, ListObjectVersionsCommand } from '@aws-sdk/client-s3';
import { commentId, moderate, type CommentErasure } from '../domain/moderation';
import type { ResponseRepository } from '../store/responses';
import { objectKeys } from '../store/keys';
import { findCycle } from './evaluate';
import { nameScreening } from './approval';
import { ErasureInterruptedError, ErasureRefusedError } from '../errors';
import {
  currentStage,
  publishCycle,
  reviewedEvaluation,
  type Published,
  type PublishDeps,
  type PublishStage,
} from './publish';

/** What publishing needs (an erasure publishes the report again), and the responses the comment is in. */
export interface ErasureDeps extends PublishDeps {
  responses: ResponseRepository;
  /**
   * In the cloud the bucket keeps a file's earlier versions for 90 days, so a mistake can be put
   * right; an erasure deletes those of the cycle's report files, which hold the comment too.
   */
  purgeEarlierVersions: boolean;
}

export { ErasureRefusedError };

export const MAX_REASON_LENGTH = 500;

/** What one erasure did, for the command to report; never the erased text. */
export interface Erased {
  erasure: CommentErasure;
  /** An erasure begun before and finished now, or one done before whose text was found again. */
  repeated?: 'unfinished' | 'found-again';
  /** Whether the report as published showed the comment (before it was erased). */
  shownInReport: boolean;
  decisionRemoved: boolean;
  /** The report files written again without the comment, and at which stage; absent when none was published. */
  republished?: { stage: PublishStage; files: Published['files'] };
  /** When the board was e-mailed this cycle's report: their copy cannot be recalled. */
  sentToBoard?: { at: string; to: string[] };
}

/**
 * Erases one comment of a cycle everywhere it is kept: the responses that carry it (their answers
 * stay), the stored evaluation, the QA lead's decision on it, and the published report files, which
 * are rendered again from the stored evaluation with a manifest true to them. The erasure is
 * recorded first and marked finished last, so a run cut short is finished by running it again, as
 * is one whose text came back (an item restored from a backup). Refused, changing nothing, for a
 * comment the cycle does not have, or one already erased of which no copy is left.
 */
export async function eraseComment(
  cycleId: string,
  input: { commentId: string; by: string; reason?: string },
  deps: ErasureDeps,
): Promise<Erased> {
  findCycle(deps.config, cycleId);
  const id = input.commentId.trim();
  const reason = input.reason?.trim() || undefined;
  if (reason && reason.length > MAX_REASON_LENGTH)
    throw new ErasureRefusedError(
      `the reason must be at most ${MAX_REASON_LENGTH} characters (it has ${reason.length})`,
    );
  const earlier = await deps.moderation.erasure(cycleId, id);
  const [record, run, decisions] = await Promise.all([
    deps.cycles.getEvaluationRecord(cycleId),
    deps.cycles.getRun(cycleId),
    deps.moderation.decisions(cycleId),
  ]);
  const isIt = (text: string | undefined) => Boolean(text) && commentId(cycleId, text!) === id;
  const inEvaluation = (record?.evaluation.practitioners.comments ?? []).filter((t) => isIt(t));
  const responseIds: string[] = [];
  let text = inEvaluation[0];
  for await (const r of deps.responses.streamForCycle(cycleId)) {
    const comment = r.comment?.trim();
    if (!isIt(comment)) continue;
    responseIds.push(r.responseId);
    text ??= comment;
  }
  const decision = decisions.get(id);
  // Erased before, and no copy has come back (as one would, copied back from a restored backup).
  if (earlier?.finishedAt && !text && !decision)
    throw new ErasureRefusedError(
      `comment ${id} of cycle ${cycleId} was already erased, on ${earlier.finishedAt.slice(0, 10)} by ${earlier.by}; nothing was changed`,
    );
  if (!earlier && !text && !decision)
    throw new ErasureRefusedError(
      `cycle ${cycleId} has no comment ${id}: pillar7 cycle comments ${cycleId} lists its comments with their ids`,
    );
  // The record keeps the reason; it must not keep the comment the erasure takes away.
  if (reason && text && reason.toLowerCase().includes(text.toLowerCase()))
    throw new ErasureRefusedError(
      'the reason repeats the comment, and the reason is kept: say why without quoting it',
    );
  const shownInReport = Boolean(
    record &&
    run.reportKey &&
    moderate(
      cycleId,
      record.evaluation.practitioners.comments,
      decisions,
      await nameScreening(deps),
    ).comments.some((c) => c.id === id && c.shown !== undefined),
  );

  const erasure: CommentErasure = earlier ?? {
    commentId: id,
    by: input.by,
    at: deps.now().toISOString(),
    ...(reason ? { reason } : {}),
    responses: responseIds.length,
    inReport: inEvaluation.length > 0,
  };
  if (!earlier && !(await deps.moderation.recordErasure(cycleId, erasure)))
    throw new ErasureRefusedError(`comment ${id} of cycle ${cycleId} is being erased by another run`);

  for (const responseId of responseIds) await deps.responses.eraseComment(cycleId, responseId);
  if (decision) await deps.moderation.forget(cycleId, id);
  if (record && inEvaluation.length) {
    const kept = record.evaluation.practitioners.comments.filter((t) => !isIt(t));
    if (!(await deps.cycles.replaceComments(cycleId, record.evaluation.evaluatedAt, kept)))
      throw new ErasureInterruptedError(
        `cycle ${cycleId} was judged again while its comment was being erased; run the erasure again to finish it`,
      );
  }
  const republished = run.reportKey ? await republish(cycleId, deps) : undefined;
  const earlierVersionsRemoved =
    republished && deps.purgeEarlierVersions ? await deleteEarlierVersions(cycleId, deps) : 0;
  const finishedAt = deps.now().toISOString();
  await deps.moderation.finishErasure(cycleId, id, { finishedAt, earlierVersionsRemoved });
  return {
    erasure: { ...erasure, finishedAt, earlierVersionsRemoved },
    ...(earlier ? { repeated: earlier.finishedAt ? ('found-again' as const) : ('unfinished' as const) } : {}),
    shownInReport,
    decisionRemoved: Boolean(decision),
    ...(republished ? { republished } : {}),
    ...(run.emailSentAt ? { sentToBoard: { at: run.emailSentAt, to: run.emailSentTo ?? [] } } : {}),
  };
}

/**
 * Writes the cycle's report files again from the stored evaluation, at the stage they are at now,
 * through the one publishing path, so the manifest's sha256s are those of the new files. The run's
 * draft and approval are left as they were: the report is the same one, less the comment.
 */
async function republish(
  cycleId: string,
  deps: ErasureDeps,
): Promise<{ stage: PublishStage; files: Published['files'] } | undefined> {
  const [evaluation, run] = await Promise.all([
    deps.cycles.getEvaluation(cycleId),
    deps.cycles.getRun(cycleId),
  ]);
  if (!evaluation) return undefined;
  const stage = currentStage(run, deps.config);
  const reviewed = await reviewedEvaluation(evaluation, run, stage, deps);
  const published = await publishCycle(reviewed.evaluation, deps);
  return { stage, files: published.files };
}

/** Deletes every earlier version of the cycle's report files, leaving only the ones just written. */
export async function deleteEarlierVersions(
  cycleId: string,
  deps: Pick<ErasureDeps, 's3' | 'bucket'>,
): Promise<number> {
  const prefix = objectKeys.report(cycleId, 'report.html').replace(/report\.html$/, '');
  let removed = 0;
  let keyMarker: string | undefined;
  let versionMarker: string | undefined;
  do {
    const page = await deps.s3.send(
      new ListObjectVersionsCommand({
        Bucket: deps.bucket,
        Prefix: prefix,
        KeyMarker: keyMarker,
        VersionIdMarker: versionMarker,
      }),
    );
    const earlier = (page.Versions ?? [])
      .filter((v) => v.IsLatest === false && v.Key && v.VersionId)
      .map((v) => ({ Key: v.Key!, VersionId: v.VersionId! }));
    if (earlier.length) {
      const out = await deps.s3.send(
        new DeleteObjectsCommand({ Bucket: deps.bucket, Delete: { Objects: earlier, Quiet: true } }),
      );
      if (out.Errors?.length)
        throw new ErasureInterruptedError(
          `could not delete ${out.Errors.length} earlier version(s) of the report files of ${cycleId} (${out.Errors[0]!.Code}); run the erasure again`,
        );
      removed += earlier.length;
    }
    keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
    versionMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
  } while (keyMarker);
  return removed;
}
