// Proves free text is screened of contact details, and comments keep to the thresholds and the whole trust.
import { describe, expect, it } from 'vitest';
import { bandedCount, dayIn } from '../../shared/domain/anonymity';
import { screenFreeText } from '../../shared/domain/screening';
import { aggregate, emptyEvidence, openForm, practitionersOf, response, times } from '../support/builders';
import { exampleConfig } from '../support/fixtures';
import { evaluate } from '../../shared/domain/rubric';
import { FORM_ID_PATTERN, effectiveAnonymity, newFormId, type Form } from '../../shared/domain/forms';

describe('screening free text', () => {
  it.each([
    ['Email me at jo.bloggs+qa@oak-primary.sch.uk please', 'Email me at [removed] please'],
    ['See https://evil.example.com/x?y=1 and www.example.org', 'See [removed] and [removed]'],
    ['Ring 07700 900123 or +44 (0)20 7946 0958', 'Ring [removed] or [removed]'],
    ['Year 6 scored 85% in 2026', 'Year 6 scored 85% in 2026'],
  ])('%s', (input, expected) => {
    expect(screenFreeText(input)).toBe(expected);
  });
});

describe('participation while the form is open (banded)', () => {
  it.each([
    [0, 'fewer than 5'],
    [4, 'fewer than 5'],
    [5, '5 or more'],
    [9, '5 or more'],
    [10, '10 or more'],
    [23, '20 or more'],
  ])('shows %i responses as "%s" at k = 5', (count, band) => {
    expect(bandedCount(count, 5)).toBe(band);
  });

  it('keeps every count below a raised k unspecified', () => {
    expect(bandedCount(7, 8)).toBe('fewer than 8');
    expect(bandedCount(8, 8)).toBe('5 or more');
  });
});

describe("the trust's calendar day (a form's opening and closing)", () => {
  it('is the calendar day in the trust timezone, with no time part', () => {
    expect(dayIn('Europe/London', new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
    expect(dayIn('Europe/London', new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
  });
});

describe('comments', () => {
  it('come out in the same seeded order on every render and differently for another cycle', () => {
    const rs = times(30, (i) => response({ comment: `comment ${i}` }));
    expect(aggregate(rs).comments().shown).toEqual(aggregate(rs).comments().shown);
    expect(aggregate(rs).comments().shown).not.toEqual(rs.map((r) => r.comment));
    expect(aggregate(rs, 'other-cycle').comments().shown).not.toEqual(aggregate(rs).comments().shown);
  });
});

describe('comments in an evaluation', () => {
  const config = exampleConfig();
  const cycle = config.cycles[2]!;
  const run = (n: number, anonymity?: { k: number; commentThreshold: number }) =>
    evaluate({
      config,
      configHash: 'h',
      cycle,
      evidence: emptyEvidence(),
      practitioners: practitionersOf(
        config,
        aggregate(
          times(n, (i) =>
            response({ safety: 4, comment: `comment ${i}`, division: i % 2 ? 'oak-primary' : 'ash-primary' }),
          ),
        ),
        anonymity,
      ),
      now: new Date('2026-12-19T00:00:00Z'),
      anonymity,
    });

  it('appear only once the cycle reaches the comment threshold, and never beside a division or role', () => {
    expect(run(9).practitioners.comments).toEqual([]);
    expect(run(9).practitioners.commentsTotal).toBeNull();
    const shown = run(10).practitioners;
    expect(shown.comments).toHaveLength(10);
    for (const group of [...shown.byDivision, ...shown.byRole])
      expect(Object.keys(group).sort()).toEqual([
        'count',
        'group',
        'influenceMean',
        'members',
        'participation',
        'safetyMean',
      ]);
  });

  it('keep to a k and threshold raised by the forms the cycle was answered under', () => {
    const raised = run(10, { k: 11, commentThreshold: 12 });
    expect(raised.anonymity).toEqual({ k: 11, commentThreshold: 12, raisedByForms: false });
    expect(raised.practitioners.responses).toBeNull();
    expect(raised.practitioners.comments).toEqual([]);
    expect(raised.criteria.find((c) => c.id === 'QA4')!.rating).toBe('grey');
  });
});

describe('the anonymity settings a cycle is reported under', () => {
  const form = (k: number, commentThreshold: number): Form =>
    openForm('c', { anonymity: { k, commentThreshold } });

  it('cannot be lowered below those its forms opened with once there are responses', () => {
    expect(effectiveAnonymity({ k: 3, commentThreshold: 5 }, [form(5, 10)], true)).toEqual({
      k: 5,
      commentThreshold: 10,
      raisedByForms: true,
    });
    expect(effectiveAnonymity({ k: 7, commentThreshold: 12 }, [form(5, 10)], true)).toEqual({
      k: 7,
      commentThreshold: 12,
      raisedByForms: false,
    });
  });

  it('follow the config while a cycle has no responses', () => {
    expect(effectiveAnonymity({ k: 3, commentThreshold: 5 }, [form(5, 10)], false)).toEqual({
      k: 3,
      commentThreshold: 5,
      raisedByForms: false,
    });
  });
});

describe('form ids', () => {
  it('carry at least 128 random bits, URL-safe, and do not repeat', () => {
    const ids = times(2000, () => newFormId());
    for (const id of ids) expect(id).toMatch(FORM_ID_PATTERN);
    expect(Buffer.from(ids[0]!, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
