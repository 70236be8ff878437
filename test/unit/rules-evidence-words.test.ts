// Pins how the evidence behind each criterion is named for a governor: which records, in what order, in what words, and how a long list is cut short.
import { describe, expect, it } from 'vitest';
import { evidenceWords, MAX_SOURCES, type Names } from '../../shared/domain/evidence-words';
import type { BoardReview, ModelChange, PeerReview } from '../../shared/domain/evidence';
import { emptyEvidence, times } from '../support/builders';

const names: Names = {
  divisions: [
    { id: 'oak', name: 'Oak Primary' },
    { id: 'ash', name: 'Ash Academy' },
  ],
  objectives: [
    { id: 'o1', title: 'Reading at 7' },
    { id: 'o2', title: 'Attendance' },
  ],
};

const meeting = (meetingId: string, date: string, objectiveIds: string[] = ['o1']): BoardReview => ({
  meetingId,
  date,
  objectiveIds,
});
const review = (patch: Partial<PeerReview>): PeerReview => ({
  reviewId: 'PR1',
  date: '2026-10-05',
  division: 'oak',
  pillar: 'vision',
  rating: 3,
  reviewerType: 'internal',
  ...patch,
});
const change = (changeId: string, date: string, description = `Change ${changeId}`): ModelChange => ({
  changeId,
  date,
  pillar: 'process',
  description,
  source: 'practitioner-feedback',
});

describe('QA1 names the board meetings it counted, in date order', () => {
  it('by date and the objectives each looked at, by title; an objective not configured by its id', () => {
    const ev = {
      ...emptyEvidence(),
      boardReviews: [
        meeting('M2', '2026-11-20', ['o2', 'o9']),
        meeting('M1', '2026-09-14', ['o1']),
        meeting('M3', '2026-12-01', []),
        meeting('OTHER', '2026-10-01'),
      ],
    };
    expect(evidenceWords('QA1', ['M2', 'M1', 'M3'], ev, names)).toEqual([
      'Board meeting of 14 September 2026, which looked at Reading at 7',
      'Board meeting of 20 November 2026, which looked at Attendance; o9',
      'Board meeting of 1 December 2026, which looked at no objective',
    ]);
  });

  it(`lists ${MAX_SOURCES} meetings in full, and past that the first ${MAX_SOURCES - 1} and a count of the rest`, () => {
    const days = times(10, (i) => `2026-10-${String(10 + i)}`);
    const ev = { ...emptyEvidence(), boardReviews: days.map((d, i) => meeting(`M${i}`, d)) };
    const all = days.map((_, i) => `M${i}`);
    const full = evidenceWords('QA1', all.slice(0, MAX_SOURCES), ev, names);
    expect(full).toHaveLength(MAX_SOURCES);
    expect(full.at(-1)).toBe('Board meeting of 17 October 2026, which looked at Reading at 7');
    const cut = evidenceWords('QA1', all, ev, names);
    expect(cut).toHaveLength(MAX_SOURCES);
    expect(cut[MAX_SOURCES - 2]).toBe('Board meeting of 16 October 2026, which looked at Reading at 7');
    expect(cut.at(-1)).toBe('and 3 more meetings');
  });
});

describe('QA2 names each peer-review visit once: a school on a day, its pillars and who reviewed', () => {
  it('groups one review of a school across pillars, by school name, "the whole trust" or the id as given', () => {
    const ev = {
      ...emptyEvidence(),
      peerReviews: [
        review({ reviewId: 'PR2', division: 'ash', date: '2026-10-05', pillar: 'capacity' }),
        review({ reviewId: 'PR1', division: 'oak', pillar: 'vision' }),
        review({ reviewId: 'PR1', division: 'oak', pillar: 'intelligence', reviewerType: 'external' }),
        review({ reviewId: 'PR3', division: 'trust', date: '2026-09-01', pillar: 'assurance' }),
        review({ reviewId: 'PR4', division: 'elm', date: '2026-11-11' }),
        review({ reviewId: 'NOT-COUNTED', division: 'oak', date: '2026-09-02' }),
      ],
    };
    expect(evidenceWords('QA2', ['PR1', 'PR2', 'PR3', 'PR4'], ev, names)).toEqual([
      'Peer review of the whole trust on 1 September 2026 (quality assurance), by an internal reviewer',
      'Peer review of Ash Academy on 5 October 2026 (capacity), by an internal reviewer',
      'Peer review of Oak Primary on 5 October 2026 (vision for improvement, intelligence and data), by an external reviewer',
      'Peer review of elm on 11 November 2026 (vision for improvement), by an internal reviewer',
    ]);
  });

  it('counts the visits past the list as reviews', () => {
    const ev = {
      ...emptyEvidence(),
      peerReviews: times(9, (i) => review({ reviewId: `PR${i}`, date: `2026-10-1${i}` })),
    };
    expect(
      evidenceWords(
        'QA2',
        ev.peerReviews.map((r) => r.reviewId),
        ev,
        names,
      ).at(-1),
    ).toBe('and 2 more reviews');
  });
});

describe('QA3 counts the recommendations it judged', () => {
  it.each([
    [0, []],
    [
      1,
      [
        'The 1 recommendation from peer reviews due by the end of the cycle, each listed in the recommendations ledger',
      ],
    ],
    [
      2,
      [
        'The 2 recommendations from peer reviews due by the end of the cycle, each listed in the recommendations ledger',
      ],
    ],
  ])('%i recommendations', (n, words) => {
    const ids = times(n, (i) => `R${i}`);
    expect(evidenceWords('QA3', ids, emptyEvidence(), names)).toEqual(words);
  });
});

describe('QA4 says whether a staff headcount stood behind the answers', () => {
  it('with and without an imported headcount', () => {
    expect(evidenceWords('QA4', [], emptyEvidence(), names)).toEqual([
      "Practitioners' anonymous answers (no staff headcount was imported)",
    ]);
    const ev = { ...emptyEvidence(), headcount: [{ division: 'oak', role: 'delivery', count: 9 }] };
    expect(evidenceWords('QA4', [], ev, names)).toEqual([
      "Practitioners' anonymous answers, and the imported staff headcount",
    ]);
  });
});

describe('QA5 names the changes it counted, in date order, by what they did', () => {
  it('by date and description, counting those past the list as changes', () => {
    const ev = {
      ...emptyEvidence(),
      modelChanges: [
        change('C2', '2026-11-03', 'Shorter review form'),
        change('C1', '2026-09-30', 'Termly feedback summary'),
        change('OTHER', '2026-10-01'),
      ],
    };
    expect(evidenceWords('QA5', ['C2', 'C1'], ev, names)).toEqual([
      '30 September 2026: Termly feedback summary',
      '3 November 2026: Shorter review form',
    ]);
    const many = { ...emptyEvidence(), modelChanges: times(12, (i) => change(`C${i}`, `2026-10-${10 + i}`)) };
    expect(
      evidenceWords(
        'QA5',
        many.modelChanges.map((c) => c.changeId),
        many,
        names,
      ).at(-1),
    ).toBe('and 5 more changes');
  });
});
