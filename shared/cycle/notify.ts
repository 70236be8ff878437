import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { SendRawEmailCommand, type SESClient } from '@aws-sdk/client-ses';
import type { Evaluation } from '../domain/evaluation';
import type { TrustConfig } from '../schemas/config';
import { buildBoardMessage, type Delivery } from '../mail/board-email';
import type { CycleRepository, CycleRun } from '../store/cycles';
import { approvalStands } from '../domain/cycle-state';
import { EmailAlreadyClaimedError, NoPublishedReportError, NotApprovedError } from '../errors';
import { log } from '../log';

/** SES takes raw messages up to 10 MB; base64 grows an attachment by a third, so 7 MB is the most to attach. */
export const MAX_ATTACHMENT_BYTES = 7 * 1024 * 1024;
export const LINK_VALID_SECONDS = 7 * 24 * 60 * 60;

export interface NotifyDeps {
  config: TrustConfig;
  s3: S3Client;
  ses: SESClient;
  bucket: string;
  cycles: CycleRepository;
  now: () => Date;
  /** Signs the 7-day link with credentials that outlive the function's session (see report-link-signer). */
  linkSigner?: () => Promise<S3Client>;
  /** Locally only: keep each message as built, as `{cycle}-{messageId}.eml` in this folder. */
  outboxDir?: string;
}

export type NotifyOutcome =
  { sent: true; messageId: string; delivery: Delivery['kind'] } | { sent: false; reason: string };

async function delivery(run: CycleRun, deps: NotifyDeps): Promise<Delivery> {
  const pdfKey = run.pdfKey!;
  const small = (run.pdfBytes ?? Infinity) < MAX_ATTACHMENT_BYTES;
  if (deps.config.email.delivery === 'attach' && small) {
    const object = await deps.s3.send(new GetObjectCommand({ Bucket: deps.bucket, Key: pdfKey }));
    return { kind: 'attached', pdf: Buffer.from(await object.Body!.transformToByteArray()) };
  }
  const signer = deps.linkSigner ? await deps.linkSigner() : deps.s3;
  const url = await getSignedUrl(signer, new GetObjectCommand({ Bucket: deps.bucket, Key: pdfKey }), {
    expiresIn: LINK_VALID_SECONDS,
  });
  return { kind: 'link', url, validUntil: new Date(deps.now().getTime() + LINK_VALID_SECONDS * 1000) };
}

/**
 * Emails the board once per cycle. A claim in DynamoDB makes it once: a second run, or a concurrent
 * one, finds the claim and sends nothing. If building or sending fails, the claim is given back so a
 * re-run sends the one email still owed; once SES has accepted the message the claim is never given
 * back, so a failure while recording it cannot cause a second email.
 */
export async function notifyBoard(
  evaluation: Evaluation,
  run: CycleRun,
  force: boolean,
  deps: NotifyDeps,
): Promise<NotifyOutcome> {
  try {
    await deps.cycles.claimEmail(evaluation.cycleId, deps.now(), force);
  } catch (err) {
    if (err instanceof EmailAlreadyClaimedError) return { sent: false, reason: err.message };
    throw err;
  }
  let messageId: string;
  let kind: Delivery['kind'];
  try {
    const how = await delivery(run, deps);
    kind = how.kind;
    const raw = await buildBoardMessage(deps.config, evaluation, how);
    const out = await deps.ses.send(
      new SendRawEmailCommand({
        RawMessage: { Data: raw },
        ConfigurationSetName: deps.config.email.configurationSet,
      }),
    );
    messageId = out.MessageId ?? 'unknown';
    if (deps.outboxDir) {
      mkdirSync(deps.outboxDir, { recursive: true });
      writeFileSync(join(deps.outboxDir, `${evaluation.cycleId}-${messageId}.eml`), raw);
    }
  } catch (err) {
    await deps.cycles.releaseEmail(evaluation.cycleId);
    throw err;
  }
  try {
    await deps.cycles.mark(evaluation.cycleId, {
      emailMessageId: messageId,
      emailSentAt: deps.now().toISOString(),
      emailSentTo: deps.config.board.recipients,
      sentSummary: {
        overall: evaluation.overall.rating,
        ratings: Object.fromEntries(evaluation.criteria.map((c) => [c.id, c.rating])),
        responses: evaluation.practitioners.responses,
      },
    });
  } catch (err) {
    // Sent but not recorded: the claim stays, so nothing is sent twice; the log says what happened.
    log.error('board email sent but not recorded', {
      cycleId: evaluation.cycleId,
      messageId,
      error: String(err),
    });
  }
  return { sent: true, messageId, delivery: kind };
}

/** The step as the state machine runs it: sends the board its email, once. */
export async function notifyStep(cycleId: string, force: boolean, deps: NotifyDeps): Promise<NotifyOutcome> {
  const [evaluation, run] = await Promise.all([
    deps.cycles.getEvaluation(cycleId),
    deps.cycles.getRun(cycleId),
  ]);
  if (!evaluation || !run.pdfKey) throw new NoPublishedReportError(cycleId);
  // Nothing reaches the board from a draft no QA lead approved (unless the trust chose automatic).
  if (deps.config.board.approval === 'manual' && !approvalStands(run)) throw new NotApprovedError(cycleId);
  // The QA lead's commentary travels with the approved report, in the e-mail too.
  const approved =
    run.commentary && approvalStands(run)
      ? {
          ...evaluation,
          review: {
            status: 'approved' as const,
            commentary: run.commentary,
            moderation: { held: 0, withheld: 0, redacted: 0 },
          },
        }
      : evaluation;
  return notifyBoard(approved, run, force, deps);
}
