import { SendEmailCommand, type SESClient } from '@aws-sdk/client-ses';
import { oneLine } from '../mail/board-email';
import { RATING_LABEL } from '../report/labels';
import { reviewOf, type ApprovalDeps } from './approval';
import { NoDraftError } from '../errors';

/**
 * The step after a draft is published: record that a QA lead is waited for (with the state
 * machine's token, in the cloud) and e-mail each QA lead that the draft is ready to review.
 */
export async function requestApproval(
  cycleId: string,
  taskToken: string | undefined,
  deps: ApprovalDeps & { ses: SESClient },
): Promise<{ requested: boolean; held: number }> {
  const review = await reviewOf(cycleId, deps);
  if (!review.run.draftAt || !review.evaluation) throw new NoDraftError(cycleId);
  await deps.cycles.mark(cycleId, {
    reviewRequestedAt: deps.now().toISOString(),
    ...(taskToken ? { approvalToken: taskToken } : {}),
  });
  const { config } = deps;
  const e = review.evaluation;
  const by = new Date(deps.now().getTime() + config.board.approvalTimeoutDays * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const where = deps.consoleUrl
    ? `Review it in the console: ${deps.consoleUrl}/console/cycles/${encodeURIComponent(cycleId)}`
    : `Review it with: pillar7 cycle comments ${cycleId}, then pillar7 cycle approve ${cycleId}`;
  const text = [
    `The draft report of ${cycleId} for ${config.trust.name} is ready for you to review. The board has not been sent anything.`,
    '',
    `Overall: ${RATING_LABEL[e.overall.rating]}. Responses: ${e.practitioners.responses ?? 'fewer than the minimum group'}.`,
    review.counts.held
      ? `${review.counts.held} comment${review.counts.held === 1 ? ' is' : 's are'} held for you to moderate (screening found what may be a name or contact details).`
      : 'No comment is held for moderation.',
    '',
    where,
    `It waits for approval until ${by}; after that ops are alerted and the cycle must be run again.`,
  ].join('\n');
  for (const to of config.board.qaLeads)
    await deps.ses.send(
      new SendEmailCommand({
        Source: config.email.sender,
        Destination: { ToAddresses: [to] },
        Message: {
          Subject: {
            Data: oneLine(`${config.trust.name}: the draft report of ${cycleId} is ready to review`),
          },
          Body: { Text: { Data: text } },
        },
        ConfigurationSetName: config.email.configurationSet,
      }),
    );
  return { requested: true, held: review.counts.held };
}
