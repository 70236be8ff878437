/**
 * A cycle's states (SPEC section 7) and the one rule that guards the board e-mail: nothing reaches
 * the board from a draft no one approved, unless the trust chose automatic approval.
 *
 *   collecting ──(form closes)──► closed ──(evaluate, publish)──► draft ──(approve)──► approved ──(send)──► sent
 *
 * A new draft (a re-run with new evidence) replaces the one approved: it needs approving again.
 */
export type CycleState = 'collecting' | 'closed' | 'draft' | 'approved' | 'sent';
export type ApprovalMode = 'manual' | 'automatic';

export const STATE_WORDS: Record<CycleState, string> = {
  collecting: 'collecting responses (the form is open)',
  closed: 'closed (the form has closed; no report yet)',
  draft: 'draft (waiting for a QA lead to approve it)',
  approved: 'approved (the board e-mail is on its way)',
  sent: 'sent to the board',
};

/** What the stored run says about a cycle, and the form's last day. */
export interface CycleFacts {
  today: string;
  formClosesOn?: string;
  draftAt?: string;
  approvedAt?: string;
  emailSentAt?: string;
}

/** Whether a QA lead approved the current draft (a newer draft needs approving again). */
export const approvalStands = (f: { approvedAt?: string; draftAt?: string }) =>
  // Stryker disable next-line ConditionalExpression,LogicalOperator: with a time missing the comparison is false anyway; the check is for the type checker
  Boolean(f.approvedAt && f.draftAt && f.approvedAt >= f.draftAt);

export function cycleState(f: CycleFacts): CycleState {
  if (f.emailSentAt && !(f.draftAt && f.draftAt > f.emailSentAt)) return 'sent';
  if (approvalStands(f)) return 'approved';
  if (f.draftAt) return 'draft';
  if (f.formClosesOn && f.today > f.formClosesOn) return 'closed';
  return 'collecting';
}

export type SendDecision = { send: true } | { send: false; reason: string };

/**
 * May the board e-mail go now? Only for a draft that exists; under manual approval only once a QA
 * lead approved this draft; and once sent, only when a resend was confirmed.
 */
export function maySend(f: CycleFacts, mode: ApprovalMode, resendConfirmed: boolean): SendDecision {
  if (!f.draftAt)
    return { send: false, reason: 'there is no report yet: the cycle has not been evaluated and published' };
  const state = cycleState(f);
  if (state === 'sent' && !resendConfirmed)
    return {
      send: false,
      reason: 'the report has already been sent to the board; a resend must be confirmed',
    };
  if (mode === 'manual' && !approvalStands(f))
    return { send: false, reason: 'the draft has not been approved by a QA lead' };
  return { send: true };
}

/**
 * Whether the deployed run has stopped waiting for this draft's approval: it waits
 * `board.approvalTimeoutDays` from when the QA leads were told, then fails (alarm DraftApprovalLapsed).
 * Approving after that records the approval; the cycle must then be run again to send it.
 */
export function approvalLapsed(
  f: { reviewRequestedAt?: string; draftAt?: string; approvedAt?: string; emailSentAt?: string },
  timeoutDays: number,
  now: Date,
): boolean {
  if (!f.reviewRequestedAt || !f.draftAt || approvalStands(f)) return false;
  if (f.emailSentAt && !(f.draftAt > f.emailSentAt)) return false;
  return now.getTime() - Date.parse(f.reviewRequestedAt) > timeoutDays * 86_400_000;
}
