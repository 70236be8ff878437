import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import {
  approveCycle,
  decideComment,
  reviewOf,
  type ApprovalDeps,
  type Approved,
} from '../../shared/cycle/approval';
import { STATE_WORDS } from '../../shared/domain/cycle-state';
import { FLAG_WORDS } from '../../shared/domain/screening';
import type { ModeratedComment } from '../../shared/domain/moderation';

/** Who acts from the command line: recorded with each decision and approval. */
export const cliActor = () => `cli:${userInfo().username}`;

function describeComment(c: ModeratedComment): string {
  const d = c.decision;
  const status = d
    ? d.action === 'keep'
      ? `kept by ${d.by} on ${d.at.slice(0, 10)}`
      : d.action === 'redact'
        ? `redacted ("${d.span}") by ${d.by} on ${d.at.slice(0, 10)}`
        : `withheld by ${d.by} on ${d.at.slice(0, 10)}`
    : c.flags.length
      ? `HELD (${c.flags.map((f) => FLAG_WORDS[f]).join(', ')})`
      : 'shown';
  return `[${c.id}] ${status}: "${printable(c.text)}"`;
}

/**
 * Practitioner text as a terminal may show it: a control character (stored before screening
 * removed them) is written as its code, so a comment cannot move the cursor or recolour the screen.
 */
export const printable = (text: string): string =>
  text.replace(/[^\P{Cc}\n]/gu, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

/** `cycle comments`: a decision if one is asked for, then every comment of the draft with its status. */
export async function commentsCommand(
  cycleId: string,
  opts: { keep?: string; withhold?: string; redact?: string; span?: string },
  deps: ApprovalDeps,
  out: (l: string) => void,
): Promise<void> {
  const asked = (['keep', 'withhold', 'redact'] as const).filter((a) => opts[a] !== undefined);
  if (asked.length > 1) throw new Error('choose one of --keep, --withhold or --redact at a time');
  if (asked.length === 1) {
    const action = asked[0]!;
    const decided = await decideComment(
      cycleId,
      { commentId: opts[action]!, action, span: opts.span },
      cliActor(),
      deps,
    );
    out(`Recorded: ${describeComment(decided)}`);
    out('');
  }
  const review = await reviewOf(cycleId, deps);
  out(`Cycle ${cycleId}: ${STATE_WORDS[review.state]}`);
  if (!review.run.draftAt) {
    out(`No draft yet: pillar7 cycle run ${cycleId} makes one.`);
    return;
  }
  const { held, withheld, redacted } = review.counts;
  out(
    `${review.comments.length} comment${review.comments.length === 1 ? '' : 's'} in the draft; ${held} held for moderation, ${withheld} withheld, ${redacted} redacted.`,
  );
  for (const c of review.comments) out(describeComment(c));
  if (held)
    out(
      `\nTo decide: pillar7 cycle comments ${cycleId} --keep ID | --withhold ID | --redact ID --span "the words to remove"`,
    );
  else out(`\nNothing is held. To send the report to the board: pillar7 cycle approve ${cycleId}`);
}

/** The commentary from --commentary or --commentary-file (a file for anything longer than a line). */
export function commentaryFrom(opts: { commentary?: string; commentaryFile?: string }): string | undefined {
  if (opts.commentary !== undefined && opts.commentaryFile !== undefined)
    throw new Error('give --commentary or --commentary-file, not both');
  if (opts.commentaryFile !== undefined) return readFileSync(opts.commentaryFile, 'utf8');
  return opts.commentary;
}

/** `cycle approve`: records the approval from the command's options; the caller then resumes the run. */
export async function approveCommand(
  cycleId: string,
  opts: { commentary?: string; commentaryFile?: string; resend: boolean },
  deps: ApprovalDeps,
): Promise<Approved> {
  const commentary = commentaryFrom(opts);
  return approveCycle(cycleId, { by: cliActor(), commentary, resend: opts.resend }, deps);
}
