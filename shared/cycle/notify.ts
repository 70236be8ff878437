import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { SendRawEmailCommand, type SESClient } from '@aws-sdk/client-ses';
import type { Evaluation } from '../domain/evaluation';
import type { TrustConfig } from '../schemas/config';
import { buildBoardMessage } from '../mail/board-email';
import { EmailAlreadyClaimedError, type CycleRepository } from '../store/cycles';

export interface NotifyDeps {
  config: TrustConfig;
  s3: S3Client;
  ses: SESClient;
  bucket: string;
  cycles: CycleRepository;
  now: () => Date;
}

export type NotifyOutcome = { sent: true; messageId: string } | { sent: false; reason: string };

/**
 * Emails the board once per cycle. The claim in DynamoDB is what makes it once: a second run, or a
 * concurrent one, finds the claim and sends nothing. A failed send gives the claim back.
 */
export async function notifyBoard(
  evaluation: Evaluation,
  reportKey: string,
  force: boolean,
  deps: NotifyDeps,
): Promise<NotifyOutcome> {
  try {
    await deps.cycles.claimEmail(evaluation.cycleId, deps.now().toISOString(), force);
  } catch (err) {
    if (err instanceof EmailAlreadyClaimedError) return { sent: false, reason: err.message };
    throw err;
  }
  try {
    const report = await deps.s3.send(new GetObjectCommand({ Bucket: deps.bucket, Key: reportKey }));
    const reportHtml = (await report.Body?.transformToString('utf8')) ?? '';
    const raw = await buildBoardMessage(deps.config, evaluation, [
      {
        filename: `board-report-${evaluation.cycleId}.html`,
        content: reportHtml,
        contentType: 'text/html; charset=utf-8',
      },
    ]);
    const out = await deps.ses.send(
      new SendRawEmailCommand({
        RawMessage: { Data: raw },
        ConfigurationSetName: deps.config.email.configurationSet,
      }),
    );
    const messageId = out.MessageId ?? 'unknown';
    await deps.cycles.mark(evaluation.cycleId, {
      emailMessageId: messageId,
      emailSentAt: deps.now().toISOString(),
    });
    return { sent: true, messageId };
  } catch (err) {
    await deps.cycles.releaseEmail(evaluation.cycleId);
    throw err;
  }
}
