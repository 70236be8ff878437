// Pins the audit's witnesses: the simpler models it searches first keep every published group's totals, the answers it deals out keep the trust's count, sum and bands, and a point it completes meets every figure the reader has; so a figure is called wide only on a point that really fits.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bandOf, cellKey, sumCells, type CellStats, type Question } from '../../shared/domain/aggregate';
import { buildModel, truePoint, universeOf, type Fact } from '../../shared/disclosure/reader-model';
import { highsSolver } from '../../shared/disclosure/solver';
import {
  answersLike,
  cellTruths,
  complete,
  fixedTotalFacts,
  pillarWitnessRange,
} from '../../shared/disclosure/witnesses';
import type { StoredResponse } from '../../shared/schemas/response';
import { aggregate, response, times } from '../support/builders';

const people = (n: number, patch: Partial<StoredResponse>) => times(n, () => response(patch));

/** Two schools and those who gave none: 18 people, some answering capacity, five with comments. */
const trust = () =>
  aggregate([
    ...people(6, { division: 'ash', role: 'delivery', safety: 4, ratings: { capacity: 5 } }),
    ...people(2, {
      division: 'ash',
      role: 'leadership',
      safety: 2,
      ratings: { capacity: 1 },
      comment: 'Yes',
    }),
    ...people(7, { division: 'oak', role: 'delivery', safety: 3, ratings: { capacity: 3 } }),
    ...people(1, { division: 'oak', role: 'undisclosed', safety: 5, comment: 'More time' }),
    ...people(2, { division: 'undisclosed', role: 'delivery', ratings: { capacity: 4 }, comment: 'Fine' }),
  ]);
const UNIVERSE = universeOf(['ash', 'oak', 'undisclosed']);
const ROLES = UNIVERSE.roles;
const schoolCells = (d: string) => ROLES.map((r) => cellKey(d, r));
const ALL = [...schoolCells('ash'), ...schoolCells('oak'), ...schoolCells('undisclosed')];
const truthOf = (cells: ReadonlyMap<string, CellStats>) => (subset: string[]) =>
  sumCells(cells, (d, r) => subset.includes(cellKey(d, r)));

/** The figures a reader of that trust has, as facts (means printed to one decimal). */
const printed = (truth: (cells: string[]) => CellStats): Fact[] => {
  const oneDecimal = (q: Question, cells: string[]) => {
    const t = truth(cells).answers[q];
    const tenths = Math.round((t.sum / t.count) * 10);
    return { lower: [2 * tenths - 1, 20] as const, upper: [2 * tenths + 1, 20] as const };
  };
  const share = (q: Question, band: 'agree' | 'disagree') => {
    const t = truth(ALL).answers[q];
    const pct = Math.round((t[band] / t.count) * 100);
    return { lower: [2 * pct - 1, 200] as const, upper: [2 * pct + 1, 200] as const };
  };
  return [
    { kind: 'count', cells: schoolCells('ash'), lower: 8, upper: 8 },
    { kind: 'count', cells: schoolCells('oak'), lower: 8, upper: 8 },
    { kind: 'count', cells: ALL, lower: 18, upper: 18 },
    {
      kind: 'mean',
      question: 'safety',
      cells: schoolCells('ash'),
      ...oneDecimal('safety', schoolCells('ash')),
    },
    { kind: 'mean', question: 'safety', cells: ALL, ...oneDecimal('safety', ALL) },
    { kind: 'share', question: 'safety', band: 'agree', cells: ALL, ...share('safety', 'agree') },
    { kind: 'mean', question: 'capacity', cells: ALL, ...oneDecimal('capacity', ALL) },
    { kind: 'share', question: 'capacity', band: 'disagree', cells: ALL, ...share('capacity', 'disagree') },
    { kind: 'comments', cells: ALL, lower: 5, upper: 5 },
  ];
};

describe('the fixed-totals model keeps every published group as it truly is', () => {
  it('pins a feedback mean to its group’s true answers and sum, keeps counts and shares, and leaves out what is published only for the whole trust', () => {
    const truth = truthOf(trust().cells);
    const facts = printed(truth);
    expect(fixedTotalFacts(facts, truth)).toEqual([
      facts[0],
      facts[1],
      facts[2],
      // Ash: 6 answering 4 and 2 answering 2.
      { kind: 'answered', question: 'safety', cells: schoolCells('ash'), lower: 8, upper: 8 },
      { kind: 'sum', question: 'safety', cells: schoolCells('ash'), lower: 28, upper: 28 },
      // The trust: those 8, then 7 answering 3 and 1 answering 5; 2 gave no answer.
      { kind: 'answered', question: 'safety', cells: ALL, lower: 16, upper: 16 },
      { kind: 'sum', question: 'safety', cells: ALL, lower: 54, upper: 54 },
      facts[5],
      // The capacity mean and share, and the comments, are gone.
    ]);
  });
});

describe('the sums-only model pins every cell’s count and who answered', () => {
  it('a count and, for each question, the answers given, per cell, in the order given', () => {
    const truth = truthOf(trust().cells);
    expect(cellTruths(['ash|leadership', 'oak|undisclosed'], ['safety', 'capacity'], truth)).toEqual([
      { kind: 'count', cells: ['ash|leadership'], lower: 2, upper: 2 },
      { kind: 'answered', question: 'safety', cells: ['ash|leadership'], lower: 2, upper: 2 },
      { kind: 'answered', question: 'capacity', cells: ['ash|leadership'], lower: 2, upper: 2 },
      { kind: 'count', cells: ['oak|undisclosed'], lower: 1, upper: 1 },
      { kind: 'answered', question: 'safety', cells: ['oak|undisclosed'], lower: 1, upper: 1 },
      { kind: 'answered', question: 'capacity', cells: ['oak|undisclosed'], lower: 0, upper: 0 },
    ]);
  });
});

const totalsOf = (answers: number[]) => ({
  count: answers.length,
  sum: answers.reduce((s, v) => s + v, 0),
  disagree: answers.filter((v) => bandOf(v) === 'disagree').length,
  agree: answers.filter((v) => bandOf(v) === 'agree').length,
});

describe('answers dealt from the trust’s totals are as spread out as its count, sum and bands allow', () => {
  it.each([
    // Each band at its lowest, then raised one at a time: 4s to 5s first, then 1s to 2s.
    [
      [1, 1, 3, 3, 3, 4, 5, 5, 5, 5],
      [1, 1, 3, 3, 3, 4, 5, 5, 5, 5],
    ],
    [
      [2, 2, 5, 5],
      [2, 2, 5, 5],
    ],
    [
      [1, 2, 4, 5],
      [1, 1, 5, 5],
    ],
    [
      [2, 2, 2, 4],
      [1, 2, 2, 5],
    ],
    [
      [3, 3],
      [3, 3],
    ],
    [
      [4, 4, 4],
      [4, 4, 4],
    ],
    [[], []],
  ])('%j as %j', (truth, dealt) => {
    expect(answersLike(totalsOf(truth))).toEqual(dealt);
  });

  it('keeps the count, the sum and how many fall in each band, in rising order, for any answers', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 60 }), (truth) => {
        const dealt = answersLike(totalsOf(truth));
        expect(totalsOf(dealt)).toEqual(totalsOf(truth));
        expect(dealt).toEqual([...dealt].sort((a, b) => a - b));
        expect(dealt.every((v) => Number.isInteger(v) && v >= 1 && v <= 5)).toBe(true);
      }),
      { seed: 18 },
    );
  });
});

describe('the range of a answers to a pillar, published only for the whole trust', () => {
  it.each([
    // [answers of the trust, a, banded, min, max]
    // Without bands: a answers of 1 to 5, the other answers 1 to 5, adding up to the trust's sum.
    [[3, 3, 3, 3, 3, 3, 3, 3, 3, 3], 2, false, 2, 10],
    [[5, 5, 4], 1, false, 4, 5], // the others can give at most 10, so a single answer is at least 4
    [[1, 1, 2], 1, false, 1, 2], // the others give at least 2, so a single answer is at most 2
    [[1, 5], 2, false, 6, 6],
    // With bands: the a lowest and the a highest of the spread-out answers.
    [[1, 1, 3, 3, 3, 4, 5, 5, 5, 5], 3, true, 5, 15],
    [[1, 2, 4, 5], 1, true, 1, 5],
    [[1, 2, 4, 5], 2, true, 2, 10],
    [[3, 3, 3], 2, true, 6, 6],
  ])('%j, %i of them, banded %s: %i to %i', (truth, a, banded, min, max) => {
    expect(pillarWitnessRange(a, totalsOf(truth), banded)).toEqual({ min, max });
  });

  it('has ends some answers keeping every trust-wide figure could reach', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 40 }),
        fc.nat(),
        (truth, pick) => {
          const t = totalsOf(truth);
          const a = 1 + (pick % t.count);
          const others = t.count - a;
          const loose = pillarWitnessRange(a, t, false);
          // a answers summing to the end, and the rest to what is left, each 1 to 5.
          for (const end of [loose.min, loose.max]) {
            expect(end).toBeGreaterThanOrEqual(a);
            expect(end).toBeLessThanOrEqual(5 * a);
            expect(t.sum - end).toBeGreaterThanOrEqual(others);
            expect(t.sum - end).toBeLessThanOrEqual(5 * others);
          }
          // With bands, the ends come from answers that keep them.
          const dealt = answersLike(t);
          const banded = pillarWitnessRange(a, t, true);
          expect(banded.min).toBe(dealt.slice(0, a).reduce((s, v) => s + v, 0));
          expect(banded.max).toBe(dealt.slice(-a).reduce((s, v) => s + v, 0));
          expect(banded.max).toBeLessThanOrEqual(loose.max);
          expect(banded.min).toBeGreaterThanOrEqual(loose.min);
        },
      ),
      { seed: 18 },
    );
  });
});

describe('a witness found on the fixed-totals model, completed, fits every figure the reader has', () => {
  it('moves counts between an school’s roles, and deals out the pillar answers, bands and comments to fit', async () => {
    const { cells } = trust();
    const truth = truthOf(cells);
    const facts = printed(truth);
    const bound = 50;
    const full = buildModel(UNIVERSE, facts, bound);
    const fixed = buildModel(UNIVERSE, fixedTotalFacts(facts, truth), bound);
    expect(full.model.satisfiedBy(truePoint(full, cells))).toBe(true);

    const solver = await highsSolver(fixed.model);
    try {
      for (const cell of ['ash|leadership', 'oak|undisclosed', 'undisclosed|leadership']) {
        const range = solver.range([[fixed.n.get(cell)!, 1]]);
        if (typeof range === 'string') throw new Error(`no range for ${cell}: ${range}`);
        for (const y of [range.argmin, range.argmax]) {
          const x = complete(full, fixed, y, cells);
          expect(full.model.satisfiedBy(x), `${cell} at ${y[fixed.n.get(cell)!]}`).toBe(true);
          // The counts are the witness's own.
          for (const c of ALL) expect(x[full.n.get(c)!]).toBe(y[fixed.n.get(c)!]);
        }
        // The witness is not the truth: the cell's count really moved, both ways.
        expect(range.min).toBeLessThan(truth([cell]).count + 1);
        expect(range.max).toBeGreaterThan(truth([cell]).count);
      }
    } finally {
      solver.dispose();
    }
  });
});
