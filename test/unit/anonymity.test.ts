// Proves free text is screened of contact details and that small groups are hidden in pairs.
import { describe, expect, it } from 'vitest';
import { dayIn, screenFreeText } from '../../shared/domain/anonymity';
import { suppressGroups, type GroupStats, Mean } from '../../shared/domain/aggregate';
import { aggregate, response, times } from '../support/builders';

const group = (count: number): GroupStats => ({ count, safety: new Mean(), influence: new Mean() });

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

describe('the day a response arrived', () => {
  it('is the calendar day in the trust timezone, with no time part', () => {
    expect(dayIn('Europe/London', new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
    expect(dayIn('Europe/London', new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
  });
});

describe('complementary suppression', () => {
  it('hides every group under k, and the next smallest when only one would be hidden', () => {
    const published = suppressGroups(
      new Map([
        ['a', group(3)],
        ['b', group(6)],
        ['c', group(20)],
      ]),
      5,
    );
    expect(published.map((g) => [g.group, g.count])).toEqual([
      ['a', null],
      ['b', null],
      ['c', 20],
    ]);
  });

  it('publishes everything when every group reaches k', () => {
    const published = suppressGroups(
      new Map([
        ['a', group(5)],
        ['b', group(9)],
      ]),
      5,
    );
    expect(published.map((g) => g.count)).toEqual([5, 9]);
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
