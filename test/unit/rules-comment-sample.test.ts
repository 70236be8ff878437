// Pins the comment sample: each cell counts its comments, groups add them up, every comment has the same chance of being kept whatever its place in the cycle, and the order shown says nothing about when a comment came.
import { describe, expect, it } from 'vitest';
import { bandOf, cellKey, ResponseAggregator, sumCells } from '../../shared/domain/aggregate';
import { aggregate, response, times } from '../support/builders';

const commented = (comment: string, division = 'oak-primary') => response({ comment, division });

describe('comments are counted where they were written', () => {
  it('per cell, an erased comment still counted in its place', () => {
    const agg = aggregate([
      commented('one'),
      commented('two'),
      response({ commentErased: true }),
      response({}),
      commented('three', 'ash-primary'),
    ]);
    expect(agg.cells.get(cellKey('oak-primary', 'delivery'))!.comments).toBe(3);
    expect(agg.cells.get(cellKey('ash-primary', 'delivery'))!.comments).toBe(1);
  });

  it('for a group, as the sum of its cells', () => {
    const agg = aggregate([
      commented('a'),
      commented('b'),
      commented('c', 'ash-primary'),
      commented('d', 'elm'),
    ]);
    const group = sumCells(agg.cells, (division) => division !== 'elm');
    expect([group.count, group.comments]).toEqual([3, 3]);
  });
});

describe('every comment has the same chance of being kept, and of being shown first', () => {
  // Many cycles (seeds) of the same comments: how often each comment is kept, and shown first.
  const cycles = 3000;
  const tally = (texts: string[], sampleSize: number) => {
    const kept = new Map(texts.map((t) => [t, 0]));
    const first = new Map(texts.map((t) => [t, 0]));
    let mostShown = 0;
    for (let s = 0; s < cycles; s++) {
      const fresh = new ResponseAggregator(`cycle-${s}`, sampleSize);
      for (const t of texts) fresh.add(commented(t));
      const { shown } = fresh.comments();
      mostShown = Math.max(mostShown, shown.length);
      for (const t of shown) kept.set(t, kept.get(t)! + 1);
      first.set(shown[0]!, first.get(shown[0]!)! + 1);
    }
    return { kept, first, mostShown };
  };

  it('a sample of 2 from 6 keeps each comment about a third of the time, and never more than 2', () => {
    const texts = times(6, (i) => `comment ${i}`);
    const { kept, mostShown } = tally(texts, 2);
    expect(mostShown).toBe(2);
    for (const t of texts) expect(kept.get(t)! / cycles, t).toBeCloseTo(1 / 3, 1);
  });

  it('two comments, both kept, are each shown first about half the time', () => {
    const { first } = tally(['early', 'late'], 2);
    expect(first.get('early')! / cycles).toBeCloseTo(0.5, 1);
    expect(first.get('late')! / cycles).toBeCloseTo(0.5, 1);
  });

  it('the same cycle keeps and orders its comments the same way every time', () => {
    const texts = times(60, (i) => `comment ${i}`);
    const once = aggregate(
      texts.map((t) => commented(t)),
      'cycle-x',
    ).comments();
    const again = aggregate(
      texts.map((t) => commented(t)),
      'cycle-x',
    ).comments();
    expect(again).toEqual(once);
    expect(once.total).toBe(60);
    expect(once.shown).toHaveLength(40);
  });
});

describe('answers are banded as the report shows them', () => {
  it('1 and 2 disagree, 3 is neutral, 4 and 5 agree', () => {
    expect([1, 2, 3, 4, 5].map(bandOf)).toEqual(['disagree', 'disagree', 'neutral', 'agree', 'agree']);
    const safety = aggregate(times(5, (i) => response({ safety: i + 1 }))).cells.get(
      cellKey('oak-primary', 'delivery'),
    )!.answers.safety;
    expect([safety.disagree, safety.neutral, safety.agree, safety.count, safety.sum]).toEqual([
      2, 1, 2, 5, 15,
    ]);
  });

  it('a response with no pillar ratings at all is counted without them', () => {
    const agg = aggregate([response({ ratings: undefined as never, safety: 4 })]);
    expect(agg.responses).toBe(1);
    expect(agg.pillars.vision.count).toBe(0);
    expect(agg.cells.get(cellKey('oak-primary', 'delivery'))!.answers.vision.count).toBe(0);
  });
});
