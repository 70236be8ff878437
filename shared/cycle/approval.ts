import type { NameScreening } from '../domain/screening';
import type { TrustConfig } from '../schemas/config';
import { approvalLapsed, cycleState, maySend, type CycleState } from '../domain/cycle-state';
import { moderate, type ModerationAction, type ModeratedComment } from '../domain/moderation';
import { AlreadyApprovedError, ApprovalRefusedError, NoDraftError, ValidationError } from '../errors';
import { RATING_LABEL } from '../report/labels';
import type { CycleRepository, CycleRun } from '../store/cycles';
import type { ModerationRepository } from '../store/moderation';
import type { Evaluation } from '../domain/evaluation';

export interface ApprovalDeps {
  config: TrustConfig;
  cycles: CycleRepository;
  moderation: ModerationRepository;
  now: () => Date;
  today: () => string;
  /** Where QA leads review a draft (the console), when there is one to point to. */
  consoleUrl?: string;
  /** The staff list's names for screening comments (see shared/store/staff-names.ts). */
  staffNames?: () => Promise<((candidate: string) => boolean) | undefined>;
}

/** How comments are screened for names: the config's names, and the staff list's. */
export async function nameScreening(
  deps: Pick<ApprovalDeps, 'config' | 'staffNames'>,
): Promise<NameScreening> {
  return { names: deps.config.moderation.names, isStaffName: await deps.staffNames?.() };
}

export const MAX_COMMENTARY_LENGTH = 5000;

/** Where a cycle stands, with what its draft holds for moderation. */
export interface CycleReview {
  cycleId: string;
  state: CycleState;
  run: CycleRun;
  evaluation?: Evaluation;
  comments: ModeratedComment[];
  counts: { held: number; withheld: number; redacted: number };
  /** The deployed run stopped waiting for approval (board.approvalTimeoutDays passed). */
  lapsed: boolean;
}

export async function reviewOf(
  cycleId: string,
  deps: ApprovalDeps,
  formClosesOn?: string,
): Promise<CycleReview> {
  const [run, evaluation, decisions] = await Promise.all([
    deps.cycles.getRun(cycleId),
    deps.cycles.getEvaluation(cycleId),
    deps.moderation.decisions(cycleId),
  ]);
  const moderated = moderate(
    cycleId,
    evaluation?.practitioners.comments ?? [],
    decisions,
    await nameScreening(deps),
  );
  return {
    cycleId,
    state: cycleState({ ...run, today: deps.today(), formClosesOn }),
    lapsed:
      deps.config.board.approval === 'manual' &&
      approvalLapsed(run, deps.config.board.approvalTimeoutDays, deps.now()),
    run,
    ...(evaluation ? { evaluation } : {}),
    comments: moderated.comments,
    counts: moderated.counts,
  };
}

/**
 * Records a QA lead's decision on one comment of the draft: keep it, redact a span of it, or
 * withhold it. Refused once the report has been approved.
 */
export async function decideComment(
  cycleId: string,
  input: { commentId: string; action: string; span?: string },
  by: string,
  deps: ApprovalDeps,
): Promise<ModeratedComment> {
  const review = await reviewOf(cycleId, deps);
  if (!review.run.draftAt) throw new NoDraftError(cycleId);
  if (review.state === 'approved')
    throw new ApprovalRefusedError(
      `the draft of cycle ${cycleId} is approved; its comments can no longer change`,
    );
  const comment = review.comments.find((c) => c.id === input.commentId);
  if (!comment)
    throw new ValidationError([
      { path: 'commentId', message: `no comment "${input.commentId}" in the draft of ${cycleId}` },
    ]);
  if (!['keep', 'redact', 'withhold'].includes(input.action))
    throw new ValidationError([{ path: 'action', message: 'choose keep, redact or withhold' }]);
  const action = input.action as ModerationAction;
  const span = input.span?.trim();
  if (action === 'redact') {
    if (!span) throw new ValidationError([{ path: 'span', message: 'say which words to remove' }]);
    if (!comment.text.toLowerCase().includes(span.toLowerCase()))
      throw new ValidationError([{ path: 'span', message: `"${span}" is not in the comment` }]);
  }
  const decision = {
    commentId: comment.id,
    action,
    ...(action === 'redact' ? { span } : {}),
    by,
    at: deps.now().toISOString(),
  };
  await deps.moderation.decide(cycleId, decision);
  return { ...comment, decision };
}

/** What the board was sent last time against what this draft says: the answer to "what changed?". */
export function changesSinceSent(run: CycleRun, evaluation: Evaluation): string[] {
  const sent = run.sentSummary;
  if (!sent) return [];
  const changes: string[] = [];
  if (sent.overall !== evaluation.overall.rating)
    changes.push(
      `overall rating: ${RATING_LABEL[sent.overall as keyof typeof RATING_LABEL] ?? sent.overall} to ${RATING_LABEL[evaluation.overall.rating]}`,
    );
  for (const c of evaluation.criteria) {
    const before = sent.ratings[c.id];
    if (before !== c.rating)
      changes.push(
        `${c.id}: ${before ? (RATING_LABEL[before as keyof typeof RATING_LABEL] ?? before) : 'not rated'} to ${RATING_LABEL[c.rating]}`,
      );
  }
  if (sent.responses !== evaluation.practitioners.responses)
    changes.push(
      `practitioner responses: ${sent.responses ?? 'not shown'} to ${evaluation.practitioners.responses ?? 'not shown'}`,
    );
  return changes.length ? changes : ['no rating or response count changed'];
}

export interface Approved {
  cycleId: string;
  /** The state machine's token to resume the run (cloud); absent when run locally. */
  resumeToken?: string;
  resend: boolean;
}

/**
 * What the approval wait hands the rest of the run (publish the final report, e-mail the board):
 * the same from the console, `cycle approve --aws` (SendTaskSuccess's output) and a local resume.
 * A confirmed resend forces the e-mail out again.
 */
export const resumeInput = (approved: Pick<Approved, 'cycleId' | 'resend'>) => ({
  cycleId: approved.cycleId,
  force: approved.resend,
});

/**
 * A QA lead approves the draft, optionally with commentary for the board. Refused while a flagged
 * comment waits for a decision, and after a send unless `resend` confirms it. Approving the same
 * draft twice is refused the second time, so the board is e-mailed once.
 */
export async function approveCycle(
  cycleId: string,
  input: { by: string; commentary?: string; resend?: boolean },
  deps: ApprovalDeps,
): Promise<Approved> {
  const review = await reviewOf(cycleId, deps);
  const { run, evaluation } = review;
  if (!run.draftAt || !evaluation) throw new NoDraftError(cycleId);
  const commentary = input.commentary?.trim() || undefined;
  if (commentary && commentary.length > MAX_COMMENTARY_LENGTH)
    throw new ValidationError([
      {
        path: 'commentary',
        message: `must be at most ${MAX_COMMENTARY_LENGTH} characters (it has ${commentary.length})`,
      },
    ]);
  if (review.counts.held > 0)
    throw new ApprovalRefusedError(
      `${review.counts.held} comment${review.counts.held === 1 ? ' is' : 's are'} still held for moderation: keep, redact or withhold ${review.counts.held === 1 ? 'it' : 'each'} first`,
    );
  if (review.state === 'approved') throw new AlreadyApprovedError(cycleId);
  if (review.state === 'sent')
    throw new ApprovalRefusedError(
      `this draft was approved and sent to the board on ${run.emailSentAt!.slice(0, 10)}; to send the report again, make a new draft (pillar7 cycle run ${cycleId} --force) and approve it confirming the resend`,
    );
  if (run.emailSentAt) {
    if (!input.resend)
      throw new ApprovalRefusedError(
        `the board was sent this cycle's report on ${run.emailSentAt?.slice(0, 10)}; to send it again, confirm the resend. Changes since: ${changesSinceSent(run, evaluation).join('; ')}`,
      );
  }
  // Never before the draft, even from a machine whose clock is behind the one that published it.
  const now = deps.now().toISOString();
  const approvedAt = now > run.draftAt ? now : run.draftAt;
  // The rule that guards the board e-mail, asked before anything is written.
  const after = maySend(
    { ...run, approvedAt, today: deps.today() },
    deps.config.board.approval,
    Boolean(input.resend),
  );
  if (!after.send) throw new ApprovalRefusedError(after.reason);
  await deps.cycles.approve(cycleId, run.draftAt, {
    approvedAt,
    approvedBy: input.by,
    ...(commentary ? { commentary } : {}),
  });
  return {
    cycleId,
    resend: Boolean(input.resend),
    ...(run.approvalToken ? { resumeToken: run.approvalToken } : {}),
  };
}
