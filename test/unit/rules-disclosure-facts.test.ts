// Pins what the audit is told a reader knows besides today's figures: figures published earlier, read back as printed (a mean to one decimal, a share to a whole percentage), and a headcount, which caps each school and role at its staff unless more responded.
import { describe, expect, it } from 'vitest';
import { factsOfPublished, headcountFacts, type PublishedPractitioners } from '../../shared/disclosure/facts';
import type { PlanInput } from '../../shared/disclosure/plan';
import type { StoredResponse } from '../../shared/schemas/response';
import { aggregate, response, times } from '../support/builders';

const ROLES = ['delivery', 'leadership', 'undisclosed'] as const;
const cellsOf = (...divisions: string[]) => divisions.flatMap((d) => ROLES.map((r) => `${d}|${r}`));
const UNIVERSE = { divisions: ['ash', 'oak', 'undisclosed'], roles: ROLES };
const ALL = cellsOf('ash', 'oak', 'undisclosed');
/** A mean printed as m.m is between (m.m - 0.05) and (m.m + 0.05): in twentieths. */
const within = (lower: number, upper: number) => ({ lower: [lower, 20], upper: [upper, 20] });

describe('figures published earlier, read back as a reader reads them', () => {
  const published: PublishedPractitioners = {
    responses: 30,
    safetyMean: 3.4,
    influenceMean: null,
    byDivision: [
      { members: ['ash'], count: 12, safetyMean: 3.5, influenceMean: null },
      // A school the trust no longer has is no cell of today's: only Oak's cells are meant.
      { members: ['oak', 'elm'], count: 18, safetyMean: null, influenceMean: 2 },
    ],
    byRole: [{ members: ['leadership', 'undisclosed'], count: 7, safetyMean: null, influenceMean: null }],
    commentsTotal: 4,
    pillars: [
      { question: 'capacity', mean: 3.1, answered: 25 },
      { question: 'vision', mean: 4, answered: null },
    ],
    bands: [{ question: 'capacity', disagree: 0, neutral: 0.36, agree: 0.64 }],
  };

  it('each count exact, each mean within 0.05 of what was printed, each share within half a percent', () => {
    expect(factsOfPublished(published, UNIVERSE)).toEqual([
      { kind: 'count', cells: ALL, lower: 30, upper: 30 },
      { kind: 'mean', question: 'safety', cells: ALL, ...within(67, 69) },
      { kind: 'mean', question: 'capacity', cells: ALL, ...within(61, 63) },
      { kind: 'answered', question: 'capacity', cells: ALL, lower: 25, upper: 25 },
      { kind: 'mean', question: 'vision', cells: ALL, ...within(79, 81) },
      { kind: 'count', cells: cellsOf('ash'), lower: 12, upper: 12 },
      { kind: 'mean', question: 'safety', cells: cellsOf('ash'), ...within(69, 71) },
      { kind: 'count', cells: cellsOf('oak'), lower: 18, upper: 18 },
      { kind: 'mean', question: 'influence', cells: cellsOf('oak'), ...within(39, 41) },
      {
        kind: 'count',
        cells: [
          'ash|leadership',
          'ash|undisclosed',
          'oak|leadership',
          'oak|undisclosed',
          'undisclosed|leadership',
          'undisclosed|undisclosed',
        ],
        lower: 7,
        upper: 7,
      },
      { kind: 'comments', cells: ALL, lower: 4, upper: 4 },
      // 0% is 0 to 0.5%, never below nothing; 36% is 35.5% to 36.5%.
      { kind: 'share', question: 'capacity', band: 'disagree', cells: ALL, lower: [0, 200], upper: [1, 200] },
      {
        kind: 'share',
        question: 'capacity',
        band: 'neutral',
        cells: ALL,
        lower: [71, 200],
        upper: [73, 200],
      },
      {
        kind: 'share',
        question: 'capacity',
        band: 'agree',
        cells: ALL,
        lower: [127, 200],
        upper: [129, 200],
      },
    ]);
  });

  it('nothing from a publication that printed nothing', () => {
    expect(
      factsOfPublished(
        {
          responses: null,
          safetyMean: null,
          influenceMean: null,
          byDivision: [],
          byRole: [],
          commentsTotal: null,
          pillars: [],
          bands: [],
        },
        UNIVERSE,
      ),
    ).toEqual([]);
  });
});

describe('a headcount, as known to anyone who knows a school', () => {
  const people = (n: number, patch: Partial<StoredResponse>) => times(n, () => response(patch));
  const input = (formClosed = true): PlanInput => {
    const a = aggregate([
      // Ash: 4 teachers answered where the headcount says 3 (a stale import), and 2 leaders.
      ...people(4, { division: 'ash', role: 'delivery' }),
      ...people(2, { division: 'ash', role: 'leadership' }),
      ...people(8, { division: 'oak', role: 'delivery' }),
    ]);
    return {
      cells: a.cells,
      responses: a.responses,
      k: 5,
      commentThreshold: 10,
      divisions: ['ash', 'oak'],
      formClosed,
    };
  };
  const headcount = [
    { division: 'ash', role: 'delivery', count: 3 },
    { division: 'ash', role: 'leadership', count: 2 },
    { division: 'oak', role: 'delivery', count: 10 },
    { division: 'oak', role: 'leadership', count: 1 },
    // No one's staff: those who gave no school, and a school the trust does not have.
    { division: 'undisclosed', role: 'delivery', count: 50 },
    { division: 'elm', role: 'delivery', count: 9 },
  ];

  it('caps each school and role at its staff, or at who responded where more did; each school as a whole too, or says it is over', () => {
    expect(headcountFacts(input(), headcount)).toEqual([
      { kind: 'count', cells: ['ash|delivery'], lower: 0, upper: 4 },
      { kind: 'count', cells: ['ash|leadership'], lower: 0, upper: 2 },
      { kind: 'count', cells: ['oak|delivery'], lower: 0, upper: 10 },
      { kind: 'count', cells: ['oak|leadership'], lower: 0, upper: 1 },
      // Ash: 6 responses to 5 staff, which the report shows; at least 6, then.
      { kind: 'count', cells: cellsOf('ash'), lower: 6, upper: Infinity },
      { kind: 'count', cells: cellsOf('oak'), lower: 0, upper: 11 },
    ]);
  });

  it('tells nothing while the form is open, or with no headcount imported', () => {
    expect(headcountFacts(input(false), headcount)).toEqual([]);
    expect(headcountFacts(input(), [])).toEqual([]);
    expect(headcountFacts(input(), undefined)).toEqual([]);
  });

  it('a school exactly at its headcount is within it', () => {
    expect(headcountFacts(input(), [{ division: 'ash', role: 'delivery', count: 6 }]).at(-1)).toEqual({
      kind: 'count',
      cells: cellsOf('ash'),
      lower: 0,
      upper: 6,
    });
  });
});
