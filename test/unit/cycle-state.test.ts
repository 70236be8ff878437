// Proves the cycle's states and the rule that guards the board e-mail: no path from a draft to sent without approval, unless the trust chose automatic.
import { describe, expect, it } from 'vitest';
import {
  approvalLapsed,
  approvalStands,
  cycleState,
  maySend,
  type CycleFacts,
} from '../../shared/domain/cycle-state';

const T = (h: number) => `2026-12-19T${String(h).padStart(2, '0')}:00:00.000Z`;
const base: CycleFacts = { today: '2026-12-19', formClosesOn: '2026-12-18' };

describe('cycleState', () => {
  it.each<[string, CycleFacts, string]>([
    ['collecting while the form is open', { today: '2026-12-01', formClosesOn: '2026-12-18' }, 'collecting'],
    ['collecting on the form’s last day', { today: '2026-12-18', formClosesOn: '2026-12-18' }, 'collecting'],
    ['closed the day after, with no report', base, 'closed'],
    ['draft once published', { ...base, draftAt: T(1) }, 'draft'],
    ['approved when approved after the draft', { ...base, draftAt: T(1), approvedAt: T(2) }, 'approved'],
    [
      'draft again when a newer draft replaces the approved one',
      { ...base, draftAt: T(3), approvedAt: T(2) },
      'draft',
    ],
    ['sent once e-mailed', { ...base, draftAt: T(1), approvedAt: T(2), emailSentAt: T(3) }, 'sent'],
    [
      'draft when a new draft follows a send',
      { ...base, draftAt: T(4), approvedAt: T(2), emailSentAt: T(3) },
      'draft',
    ],
    [
      'approved when a new draft after a send is approved',
      { ...base, draftAt: T(4), approvedAt: T(5), emailSentAt: T(3) },
      'approved',
    ],
  ])('is %s', (_what, facts, state) => {
    expect(cycleState(facts)).toBe(state);
  });
});

describe('maySend', () => {
  it('never sends a draft no QA lead approved under manual approval', () => {
    expect(maySend({ ...base, draftAt: T(1) }, 'manual', false)).toMatchObject({ send: false });
    expect(maySend({ ...base, draftAt: T(1) }, 'manual', true)).toMatchObject({ send: false });
    expect(maySend({ ...base, draftAt: T(3), approvedAt: T(2) }, 'manual', false)).toMatchObject({
      send: false,
      reason: 'the draft has not been approved by a QA lead',
    });
    expect(maySend({ ...base, draftAt: T(1), approvedAt: T(2) }, 'manual', false)).toEqual({ send: true });
  });

  it('sends without approval only when the trust chose automatic', () => {
    expect(maySend({ ...base, draftAt: T(1) }, 'automatic', false)).toEqual({ send: true });
  });

  it('sends nothing with no report, whatever the mode', () => {
    for (const mode of ['manual', 'automatic'] as const)
      expect(maySend({ ...base, approvedAt: T(2) }, mode, true)).toMatchObject({ send: false });
  });

  it('sends again after a send only when the resend was confirmed', () => {
    const sent = { ...base, draftAt: T(1), approvedAt: T(2), emailSentAt: T(3) };
    expect(maySend(sent, 'manual', false)).toMatchObject({
      send: false,
      reason: expect.stringContaining('already been sent'),
    });
    expect(maySend(sent, 'manual', true)).toEqual({ send: true });
    expect(maySend(sent, 'automatic', false)).toMatchObject({ send: false });
    expect(maySend(sent, 'automatic', true)).toEqual({ send: true });
  });

  it('holds an approval only for the draft it was given to', () => {
    expect(approvalStands({ draftAt: T(1), approvedAt: T(1) })).toBe(true);
    expect(approvalStands({ draftAt: T(2), approvedAt: T(1) })).toBe(false);
    expect(approvalStands({ approvedAt: T(1) })).toBe(false);
    expect(approvalStands({ draftAt: T(1) })).toBe(false);
  });
});

describe('approvalLapsed', () => {
  const told = '2026-12-19T08:00:00.000Z';
  const draft = { draftAt: '2026-12-19T07:59:00.000Z', reviewRequestedAt: told };
  const after = (days: number) => new Date(Date.parse(told) + days * 86_400_000);

  it('says the deployed run stopped waiting once the timeout has passed since the QA leads were told', () => {
    expect(approvalLapsed(draft, 14, after(14))).toBe(false);
    expect(approvalLapsed(draft, 14, after(14.01))).toBe(true);
    expect(approvalLapsed(draft, 3, after(3.5))).toBe(true);
  });

  it('never for a draft that was approved or sent, or one no one was told about', () => {
    expect(approvalLapsed({ ...draft, approvedAt: '2026-12-20T00:00:00.000Z' }, 14, after(30))).toBe(false);
    expect(
      approvalLapsed(
        { ...draft, approvedAt: '2026-12-20T00:00:00.000Z', emailSentAt: '2026-12-20T00:01:00.000Z' },
        14,
        after(30),
      ),
    ).toBe(false);
    expect(approvalLapsed({ draftAt: draft.draftAt }, 14, after(30))).toBe(false);
  });
});
