// Pins the small rules the rest lean on: how a cycle's state and the board e-mail's guard read the stored run, when an approval wait has lapsed, staff addresses and their hashes, pillar numbers, trends, the strictest anonymity of a cycle's forms, moderation decisions and an import's summary in words.
import { describe, expect, it } from 'vitest';
import { approvalLapsed, approvalStands, cycleState, maySend } from '../../shared/domain/cycle-state';
import { isEmailAddress, normaliseEmail, staffEmailHash } from '../../shared/domain/staff';
import { parsePillar } from '../../shared/domain/pillars';
import { trendOf } from '../../shared/domain/evaluation';
import { effectiveAnonymity } from '../../shared/domain/forms';
import {
  commentId,
  moderate,
  type ModerationAction,
  type ModerationDecision,
} from '../../shared/domain/moderation';
import { summaryWords } from '../../shared/imports/summary';
import { Retention } from '../../shared/domain/retention';
import { openForm } from '../support/builders';

describe('a cycle state read from its stored run', () => {
  const today = '2026-12-20';

  it('an approval stands only for the draft it was given for: none without both, none for an older draft', () => {
    expect(approvalStands({ approvedAt: '2026-12-19T10:00Z' })).toBe(false);
    expect(approvalStands({ draftAt: '2026-12-19T10:00Z' })).toBe(false);
    expect(approvalStands({})).toBe(false);
    expect(approvalStands({ draftAt: '2026-12-19T10:00Z', approvedAt: '2026-12-19T10:00Z' })).toBe(true);
    expect(approvalStands({ draftAt: '2026-12-19T11:00Z', approvedAt: '2026-12-19T10:00Z' })).toBe(false);
  });

  it('sent, unless a newer draft came after the e-mail; a draft of the same moment as the e-mail is the one sent', () => {
    const sent = {
      today,
      draftAt: '2026-12-19T10:00Z',
      approvedAt: '2026-12-19T11:00Z',
      emailSentAt: '2026-12-19T12:00Z',
    };
    expect(cycleState(sent)).toBe('sent');
    expect(cycleState({ ...sent, draftAt: '2026-12-19T12:00Z', approvedAt: '2026-12-19T12:00Z' })).toBe(
      'sent',
    );
    expect(cycleState({ ...sent, draftAt: '2026-12-19T13:00Z' })).toBe('draft');
  });

  it('says why the board e-mail may not go when there is no report yet', () => {
    expect(maySend({ today }, 'automatic', false)).toEqual({
      send: false,
      reason: 'there is no report yet: the cycle has not been evaluated and published',
    });
  });
});

describe('the deployed run stops waiting for an approval after the timeout', () => {
  const asked = { reviewRequestedAt: '2026-12-01T09:00:00Z', draftAt: '2026-12-01T08:00:00Z' };
  const later = new Date('2026-12-20T09:00:00Z');

  it('lapses once the timeout has passed with the draft still unapproved', () => {
    expect(approvalLapsed(asked, 14, later)).toBe(true);
    expect(approvalLapsed(asked, 30, later)).toBe(false);
  });

  it('never lapses when no one was asked, when there is no draft, or when the draft was approved', () => {
    expect(approvalLapsed({ draftAt: asked.draftAt }, 14, later)).toBe(false);
    expect(approvalLapsed({ reviewRequestedAt: asked.reviewRequestedAt }, 14, later)).toBe(false);
    expect(approvalLapsed({ ...asked, approvedAt: '2026-12-02T09:00:00Z' }, 14, later)).toBe(false);
  });

  it('not for a draft already e-mailed; again for a newer draft after the e-mail', () => {
    expect(approvalLapsed({ ...asked, emailSentAt: '2026-12-01T08:00:00Z' }, 14, later)).toBe(false);
    expect(approvalLapsed({ ...asked, emailSentAt: '2026-12-01T07:00:00Z' }, 14, later)).toBe(true);
  });
});

describe('a member of staff’s address', () => {
  it('is shaped like name@domain.tld, whole, with no spaces, and at most 254 characters', () => {
    expect(isEmailAddress('jo@oak.sch.uk')).toBe(true);
    expect(isEmailAddress('write to jo@oak.sch.uk')).toBe(false);
    expect(isEmailAddress('jo@oak.sch.uk please')).toBe(false);
    const local = 'j'.repeat(254 - '@oak.sch.uk'.length);
    expect(isEmailAddress(`${local}@oak.sch.uk`)).toBe(true);
    expect(isEmailAddress(`${local}j@oak.sch.uk`)).toBe(false);
  });

  it('is compared trimmed, in lower case and in its plain Unicode form', () => {
    expect(normaliseEmail(' Jo@Oak.SCH.uk ')).toBe('jo@oak.sch.uk');
    expect(normaliseEmail('ｊｏ@oak.sch.uk')).toBe('jo@oak.sch.uk');
  });

  it('is stored as a keyed hash that tells addresses apart and names no address', () => {
    const key = Buffer.alloc(32, 3);
    const jo = staffEmailHash(key, 'jo@oak.sch.uk');
    expect(jo).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(staffEmailHash(key, ' JO@oak.sch.uk')).toBe(jo);
    expect(staffEmailHash(key, 'al@oak.sch.uk')).not.toBe(jo);
    expect(staffEmailHash(Buffer.alloc(32, 4), 'jo@oak.sch.uk')).not.toBe(jo);
  });
});

describe('a pillar as QA leads write it', () => {
  it.each([
    [' Vision ', 'vision'],
    ['ASSURANCE', 'assurance'],
    ['1', 'vision'],
    ['7', 'assurance'],
    [' 4 ', 'intelligence'],
  ])('"%s" is %s', (input, pillar) => {
    expect(parsePillar(input)).toBe(pillar);
  });

  it.each(['0', '8', '-1', '2.5', 'eight', ''])('"%s" is no pillar', (input) => {
    expect(parsePillar(input)).toBeUndefined();
  });
});

describe('a trend against the previous cycle', () => {
  it('is new where either cycle could not be judged', () => {
    expect(trendOf('green', 'grey')).toBe('new');
    expect(trendOf('grey', 'green')).toBe('new');
    expect(trendOf('green', undefined)).toBe('new');
    expect(trendOf('amber', 'red')).toBe('up');
  });
});

describe('the anonymity a cycle is reported under: the strictest of the config and its forms', () => {
  const configured = { k: 5, commentThreshold: 10 };

  it('a form that records none of its own leaves the config’s', () => {
    const older = openForm('2026-autumn');
    delete (older as { anonymity?: unknown }).anonymity;
    expect(effectiveAnonymity(configured, [older], true)).toEqual({ ...configured, raisedByForms: false });
  });

  it('raised by a form’s stricter comment threshold alone', () => {
    const form = openForm('2026-autumn', { anonymity: { k: 5, commentThreshold: 15 } });
    expect(effectiveAnonymity(configured, [form], true)).toEqual({
      k: 5,
      commentThreshold: 15,
      raisedByForms: true,
    });
  });
});

describe('a comment a QA lead has decided on', () => {
  const cycle = '2026-autumn';
  const plain = 'The new review form is much clearer.';
  const flagged = 'Mrs Smith ran it well.';
  const decided = (text: string, action: ModerationAction) => {
    const id = commentId(cycle, text);
    const decision: ModerationDecision = {
      commentId: id,
      action,
      by: 'qa@trust.example',
      at: '2026-12-19T10:00:00Z',
    };
    return new Map([[id, decision]]);
  };

  it('carries the decision; a kept comment is shown even when flagged, an undecided flagged one is held', () => {
    const kept = moderate(cycle, [flagged], decided(flagged, 'keep'));
    expect(kept.comments[0]).toMatchObject({ decision: { action: 'keep' }, shown: flagged });
    const held = moderate(cycle, [flagged, plain], new Map());
    expect(held.comments[0]).not.toHaveProperty('decision');
    expect(held.shown).toEqual([plain]);
    expect(held.counts).toEqual({ held: 1, withheld: 0, redacted: 0 });
  });

  it('a redaction with no span recorded shows the comment with nothing taken out', () => {
    const m = moderate(cycle, [plain], decided(plain, 'redact'));
    expect(m.shown).toEqual([plain]);
    expect(m.counts.redacted).toBe(1);
  });
});

describe('an import’s summary in words', () => {
  it('counts rows rejected, and problems only where a row had more than one', () => {
    expect(summaryWords({ imported: 3, unchanged: 1, rejected: [] })).toBe(
      '3 imported, 1 unchanged, 0 rows rejected.',
    );
    const one = [{ row: 4, column: 'date', reason: 'not a day' }];
    expect(summaryWords({ imported: 0, unchanged: 0, rejected: one })).toBe(
      '0 imported, 0 unchanged, 1 row rejected.',
    );
    const two = [
      ...one,
      { row: 4, column: 'pillar', reason: 'not a pillar' },
      { row: 7, column: 'date', reason: 'x' },
    ];
    expect(summaryWords({ imported: 0, unchanged: 0, rejected: two })).toBe(
      '0 imported, 0 unchanged, 2 rows rejected (3 problems).',
    );
  });
});

describe('a comment’s id', () => {
  it('is 16 URL-safe characters, the same for the same text in the same cycle, and another in another cycle', () => {
    const id = commentId('2026-autumn', 'Clearer forms.');
    expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(commentId('2026-autumn', 'Clearer forms.')).toBe(id);
    expect(commentId('2027-spring', 'Clearer forms.')).not.toBe(id);
  });
});

describe('imported evidence is kept from the day it is imported', () => {
  it('counting from today when no clock is given', () => {
    const r = Retention.of({
      retention: { responses: 24, evaluations: 72, reports: 72, evidence: 12 },
      cycles: [],
    });
    const inAYear = Date.now() / 1000 + 365 * 86_400;
    expect(Math.abs(r.evidence() - inAYear)).toBeLessThan(3 * 86_400);
  });
});

describe('forms raise the anonymity on k alone, too', () => {
  it('a stricter k with the same comment threshold', () => {
    const form = openForm('2026-autumn', { anonymity: { k: 8, commentThreshold: 10 } });
    expect(effectiveAnonymity({ k: 5, commentThreshold: 10 }, [form], true)).toEqual({
      k: 8,
      commentThreshold: 10,
      raisedByForms: true,
    });
  });
});
