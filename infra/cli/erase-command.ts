import { documentClient } from '../../shared/aws/dynamodb';
import { s3Client } from '../../shared/aws/s3';
import { Retention } from '../../shared/domain/retention';
import type { TrustConfig } from '../../shared/schemas/config';
import { CycleRepository } from '../../shared/store/cycles';
import { ModerationRepository } from '../../shared/store/moderation';
import { ResponseRepository } from '../../shared/store/responses';
import { SigningKeyRepository } from '../../shared/store/signing-keys';
import { staffNameTest } from '../../shared/store/staff-names';
import { objectKeys } from '../../shared/store/keys';
import { eraseComment, type Erased, type ErasureDeps } from '../../shared/cycle/erase-comment';
import { cliActor } from './review-commands';

/** What an erasure acts with, on the table and bucket named (the emulators' or the deployed stack's). */
export function erasureDeps(
  config: TrustConfig,
  names: { table: string; bucket: string },
  purgeEarlierVersions: boolean,
): ErasureDeps {
  const db = documentClient();
  const retention = Retention.of(config);
  const staffKeys = new SigningKeyRepository(db, names.table, 'staff-email');
  return {
    config,
    s3: s3Client(),
    bucket: names.bucket,
    cycles: new CycleRepository(db, names.table, retention),
    moderation: new ModerationRepository(db, names.table, retention),
    responses: new ResponseRepository(db, names.table, retention),
    now: () => new Date(),
    staffNames: () => staffNameTest(db, names.table, staffKeys),
    purgeEarlierVersions,
  };
}

const REPEATED = {
  first: '',
  unfinished: ' (finishing an erasure begun earlier)',
  'found-again': ' (erased before; a copy of its text was found again, and erased again)',
} as const;

/**
 * `comments erase`: erases one comment, then says what was done, where the reissued report is and,
 * when the board already has the report, what the QA lead must tell them. It e-mails no one.
 */
export async function eraseCommand(
  cycleId: string,
  opts: { comment: string; reason?: string },
  deps: ErasureDeps,
  out: (l: string) => void,
): Promise<Erased> {
  const done = await eraseComment(
    cycleId,
    { commentId: opts.comment, by: cliActor(), reason: opts.reason },
    deps,
  );
  const e = done.erasure;
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  out(`Erased comment ${e.commentId} of ${cycleId}${REPEATED[done.repeated ?? 'first']}:`);
  out(
    `- stored responses: the text removed from ${plural(e.responses, 'response', 'responses')}; the answers are kept, so no figure changes`,
  );
  out(`- the cycle's evaluation: ${e.inReport ? 'removed' : 'it was not among its comments'}`);
  if (done.decisionRemoved) out(`- the QA lead's moderation decision on it: removed`);
  if (done.republished) {
    out(
      `- the ${done.republished.stage === 'draft' ? 'draft' : 'final'} report, published again without it, with a new manifest:`,
    );
    for (const f of done.republished.files) out(`    s3://${deps.bucket}/${f.key}  sha256 ${f.sha256}`);
    out(`    s3://${deps.bucket}/${objectKeys.report(cycleId, 'manifest.json')}  (lists these sha256s)`);
  } else out('- no report of this cycle has been published, so there was none to publish again');
  if (e.earlierVersionsRemoved)
    out(
      `- ${plural(e.earlierVersionsRemoved, 'earlier version', 'earlier versions')} of the report files deleted from the bucket`,
    );
  out(
    `Recorded: erased by ${e.by} on ${e.finishedAt!.slice(0, 10)}${e.reason ? ` (reason: ${e.reason})` : ''}; pillar7 cycle status ${cycleId} lists it.`,
  );
  if (done.sentToBoard) {
    out('');
    out(
      `The board was e-mailed this cycle's report on ${done.sentToBoard.at.slice(0, 10)}${done.sentToBoard.to.length ? ` (${done.sentToBoard.to.join(', ')})` : ''}; the copies in their mailboxes cannot be recalled${done.shownInReport ? ', and the report showed this comment' : ''}.`,
    );
    out(
      'The QA lead should tell the board that the pack was reissued, and ask them to delete the earlier copy. Nothing has been e-mailed.',
    );
  }
  return done;
}
