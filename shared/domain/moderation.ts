import { createHash } from 'node:crypto';
import { redact, screenComment, type Flag, type NameScreening } from './screening';

/**
 * Comment moderation (SPEC section 10): every comment the report would show is screened; a flagged
 * one is held back until a QA lead keeps it, redacts a span of it, or withholds it. Withheld comments
 * are counted in the report, never shown.
 */
export type ModerationAction = 'keep' | 'redact' | 'withhold';

export interface ModerationDecision {
  commentId: string;
  action: ModerationAction;
  /** For `redact`: the text the QA lead marked, replaced with `[removed]` wherever it appears. */
  span?: string;
  /** Who decided (the QA lead's sign-in), and when. */
  by: string;
  at: string;
}

/**
 * That one comment was erased for data protection: its text taken from every response, evaluation and
 * report file that held it. Who asked for it, when and why are kept; the text never is.
 */
export interface CommentErasure {
  commentId: string;
  /** Who ran the erasure, as the command line or console knows them. */
  by: string;
  at: string;
  reason?: string;
  /** How many stored responses carried the text (their answers are kept). */
  responses: number;
  /** Whether the comment was among those the cycle's report could show (its stored evaluation's). */
  inReport: boolean;
  /** When every copy was gone and the report files were written again; absent while unfinished. */
  finishedAt?: string;
  /** Earlier versions of the report files deleted from the bucket (the cloud keeps them). */
  earlierVersionsRemoved?: number;
}

export interface ModeratedComment {
  id: string;
  /** The comment as screened (contact details already removed). */
  text: string;
  flags: Flag[];
  decision?: ModerationDecision;
  /** What the report shows, or undefined when it is held or withheld. */
  shown?: string;
}

export interface Moderated {
  comments: ModeratedComment[];
  shown: string[];
  counts: { held: number; withheld: number; redacted: number };
}

/** A comment's id: a hash of its cycle and text, so a decision follows the text, not its position. */
export function commentId(cycleId: string, text: string): string {
  return createHash('sha256').update(`${cycleId}\n${text}`).digest('base64url').slice(0, 16);
}

export function moderate(
  cycleId: string,
  comments: readonly string[],
  decisions: ReadonlyMap<string, ModerationDecision>,
  screen: NameScreening = {},
): Moderated {
  const counts = { held: 0, withheld: 0, redacted: 0 };
  const out: ModeratedComment[] = comments.map((original) => {
    const id = commentId(cycleId, original);
    const { text, flags } = screenComment(original, screen);
    const decision = decisions.get(id);
    const item: ModeratedComment = { id, text, flags, ...(decision ? { decision } : {}) };
    if (decision?.action === 'withhold') counts.withheld += 1;
    else if (decision?.action === 'redact') {
      counts.redacted += 1;
      // Stryker disable next-line StringLiteral: with no span recorded, any text the comment lacks takes nothing out
      item.shown = redact(text, decision.span ?? '');
    } else if (decision?.action === 'keep' || flags.length === 0) item.shown = text;
    else counts.held += 1;
    return item;
  });
  return {
    comments: out,
    shown: out.flatMap((c) => (c.shown === undefined ? [] : [c.shown])),
    counts,
  };
}
