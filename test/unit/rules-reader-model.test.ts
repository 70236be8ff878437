// Pins the reader's model the disclosure audit solves: a point fits it exactly when every answer is 1 to 5, no cell has more answers or comments than respondents, band counts agree with the sum, and every printed count, share and mean holds; the truth is such a point.
import { describe, expect, it } from 'vitest';
import type { Question } from '../../shared/domain/aggregate';
import { buildModel, fillMultipliers, truePoint, type Fact } from '../../shared/disclosure/reader-model';
import type { StoredResponse } from '../../shared/schemas/response';
import { aggregate, response, times } from '../support/builders';

const C = 'ash|x';
const D = 'oak|x';
const U = { divisions: ['ash', 'oak'], roles: ['x'] };
const asked = (q: Question, cells = [C]): Fact => ({
  kind: 'answered',
  question: q,
  cells,
  lower: 0,
  upper: Infinity,
});

/** A model of these facts, and a test of whether named values (zero elsewhere) fit it. */
const modelOf = (facts: Fact[]) => {
  const b = buildModel(U, facts, 50);
  const fits = (values: Record<string, number>) => {
    const x = new Float64Array(b.model.names.length);
    for (const [name, v] of Object.entries(values)) {
      const col = b.model.names.indexOf(name);
      if (col < 0) throw new Error(`no column ${name} in ${b.model.names.join(', ')}`);
      x[col] = v;
    }
    return b.model.satisfiedBy(x);
  };
  return { b, fits };
};

describe('every cell of the reader’s model', () => {
  const { fits } = modelOf([asked('safety')]);

  it('has no more answers than respondents', () => {
    expect(fits({ 'n:ash|x': 3, 'a:ash|x:safety': 3, 's:ash|x:safety': 9 })).toBe(true);
    expect(fits({ 'n:ash|x': 2, 'a:ash|x:safety': 3, 's:ash|x:safety': 9 })).toBe(false);
  });

  it('has answers of 1 to 5: a sum of at least one and at most five per answer', () => {
    expect(fits({ 'n:ash|x': 3, 'a:ash|x:safety': 3, 's:ash|x:safety': 3 })).toBe(true);
    expect(fits({ 'n:ash|x': 3, 'a:ash|x:safety': 3, 's:ash|x:safety': 15 })).toBe(true);
    expect(fits({ 'n:ash|x': 3, 'a:ash|x:safety': 3, 's:ash|x:safety': 2 })).toBe(false);
    expect(fits({ 'n:ash|x': 3, 'a:ash|x:safety': 3, 's:ash|x:safety': 16 })).toBe(false);
  });

  it('models only the questions something is printed about, in the form’s order', () => {
    expect(modelOf([asked('capacity'), asked('safety')]).b.questions).toEqual(['safety', 'capacity']);
    expect(modelOf([{ kind: 'count', cells: [C], lower: 1, upper: 1 }]).b.questions).toEqual([]);
  });

  it('has no comment columns unless a number of comments is printed, and then no more comments than respondents', () => {
    expect(modelOf([asked('safety')]).b.m.size).toBe(0);
    const withComments = modelOf([{ kind: 'comments', cells: [C, D], lower: 2, upper: 2 }]);
    expect(withComments.fits({ 'n:ash|x': 1, 'm:ash|x': 1, 'n:oak|x': 4, 'm:oak|x': 1 })).toBe(true);
    expect(withComments.fits({ 'n:ash|x': 1, 'm:ash|x': 2, 'n:oak|x': 4 })).toBe(false);
    expect(withComments.fits({ 'n:ash|x': 1, 'm:ash|x': 1, 'n:oak|x': 4 })).toBe(false);
  });
});

describe('where a share is printed, each cell counts its answers of 1-2 and of 4-5', () => {
  const share = (band: 'disagree' | 'neutral' | 'agree', n: number, d: number): Fact => ({
    kind: 'share',
    question: 'safety',
    band,
    cells: [C],
    lower: [n, d],
    upper: [n, d],
  });
  const cell = (a: number, s: number, d: number, g: number) => ({
    'n:ash|x': a,
    'a:ash|x:safety': a,
    's:ash|x:safety': s,
    'd:ash|x:safety': d,
    'g:ash|x:safety': g,
  });

  it('so that the bands hold no more than the answers, and the sum lies where those bands put it', () => {
    const { fits } = modelOf([share('disagree', 1, 3)]);
    // One of 1-2, one 3, one of 4-5: from 1 + 3 + 4 = 8 to 2 + 3 + 5 = 10.
    expect(fits(cell(3, 8, 1, 1))).toBe(true);
    expect(fits(cell(3, 10, 1, 1))).toBe(true);
    expect(fits(cell(3, 7, 1, 1))).toBe(false);
    expect(fits(cell(3, 11, 1, 1))).toBe(false);
    // Two of 1-2 and two of 4-5 are more than three answers.
    expect(fits(cell(3, 9, 2, 2))).toBe(false);
  });

  it.each([
    // band, the share printed, answers of 1-2 and of 4-5 that fit it, and that do not
    ['disagree', [1, 3], [1, 1], [2, 0]],
    ['neutral', [1, 3], [1, 1], [0, 1]],
    ['agree', [2, 3], [1, 2], [0, 1]],
  ] as const)('holds a printed %s share of %j', (band, [n, d], [d1, g1], [d2, g2]) => {
    const { fits } = modelOf([share(band, n, d)]);
    const sumOf = (dd: number, gg: number) => dd + 3 * (3 - dd - gg) + 4 * gg;
    expect(fits(cell(3, sumOf(d1, g1), d1, g1))).toBe(true);
    expect(fits(cell(3, sumOf(d2, g2), d2, g2))).toBe(false);
  });

  it('between its lower and upper fractions, each multiplied out', () => {
    const { fits } = modelOf([
      { kind: 'share', question: 'safety', band: 'agree', cells: [C], lower: [1, 4], upper: [1, 2] },
    ]);
    expect(fits(cell(4, 13, 0, 1))).toBe(true); // 1 in 4
    expect(fits(cell(4, 14, 0, 2))).toBe(true); // 2 in 4
    expect(fits(cell(4, 12, 0, 0))).toBe(false);
    expect(fits(cell(4, 15, 0, 3))).toBe(false);
  });
});

describe('a printed figure holds over the cells it is about', () => {
  it('a count, between its bounds', () => {
    const { fits } = modelOf([{ kind: 'count', cells: [C, D], lower: 3, upper: 4 }]);
    expect(fits({ 'n:ash|x': 1, 'n:oak|x': 2 })).toBe(true);
    expect(fits({ 'n:ash|x': 2, 'n:oak|x': 2 })).toBe(true);
    expect(fits({ 'n:ash|x': 1, 'n:oak|x': 1 })).toBe(false);
    expect(fits({ 'n:ash|x': 3, 'n:oak|x': 2 })).toBe(false);
  });

  it('how many answered and the sum of their answers, between their bounds', () => {
    const { fits } = modelOf([
      { kind: 'answered', question: 'safety', cells: [C, D], lower: 2, upper: 2 },
      { kind: 'sum', question: 'safety', cells: [C, D], lower: 7, upper: 8 },
    ]);
    const at = (a1: number, s1: number, a2: number, s2: number) => ({
      'n:ash|x': 5,
      'n:oak|x': 5,
      'a:ash|x:safety': a1,
      's:ash|x:safety': s1,
      'a:oak|x:safety': a2,
      's:oak|x:safety': s2,
    });
    expect(fits(at(1, 4, 1, 4))).toBe(true);
    expect(fits(at(2, 7, 0, 0))).toBe(true);
    expect(fits(at(1, 4, 0, 0))).toBe(false);
    expect(fits(at(1, 5, 1, 4))).toBe(false);
    expect(fits(at(1, 3, 1, 3))).toBe(false);
  });

  it('a mean printed to one decimal, as a range of sums for the answers given', () => {
    // 3.3: from 3.25 to 3.35 times the answers.
    const { fits } = modelOf([
      { kind: 'mean', question: 'safety', cells: [C], lower: [65, 20], upper: [67, 20] },
    ]);
    const at = (a: number, s: number) => ({ 'n:ash|x': a, 'a:ash|x:safety': a, 's:ash|x:safety': s });
    expect(fits(at(4, 13))).toBe(true); // 3.25
    expect(fits(at(3, 10))).toBe(true); // 3.33
    expect(fits(at(4, 14))).toBe(false); // 3.5
    expect(fits(at(3, 9))).toBe(false); // 3.0
  });

  it('a range of means whose ends share a numerator is still a range, not an exact mean', () => {
    // From 13/5 = 2.6 to 13/4 = 3.25.
    const { b, fits } = modelOf([
      { kind: 'mean', question: 'safety', cells: [C], lower: [13, 5], upper: [13, 4] },
    ]);
    expect(b.t).toEqual([]);
    expect(fits({ 'n:ash|x': 4, 'a:ash|x:safety': 4, 's:ash|x:safety': 12 })).toBe(true);
    expect(fits({ 'n:ash|x': 4, 'a:ash|x:safety': 4, 's:ash|x:safety': 14 })).toBe(false);
  });

  it('an exact mean: a whole number of times its denominator answered, adding up to as many times its numerator', () => {
    const { b, fits } = modelOf([
      { kind: 'mean', question: 'safety', cells: [C], lower: [7, 3], upper: [7, 3] },
    ]);
    const at = (a: number, s: number, t: number) => ({
      'n:ash|x': a,
      'a:ash|x:safety': a,
      's:ash|x:safety': s,
      't:0': t,
    });
    expect(fits(at(3, 7, 1))).toBe(true);
    expect(fits(at(6, 14, 2))).toBe(true);
    expect(fits(at(3, 8, 1))).toBe(false);
    expect(fits(at(6, 14, 1))).toBe(false);
    expect(b.t).toEqual([{ col: b.model.names.indexOf('t:0'), question: 'safety', cells: [C], den: 3 }]);
    // The multiplier follows from the answers: 6 answers of a mean over 3 is 2 of them.
    const x = new Float64Array(b.model.names.length);
    x[b.a.get('ash|x#safety')!] = 6;
    fillMultipliers(b, x);
    expect(x[b.t[0]!.col]).toBe(2);
  });

  it('never about a cell outside the trust', () => {
    expect(() => modelOf([{ kind: 'count', cells: ['elm|x'], lower: 1, upper: 1 }])).toThrow(
      'the disclosure audit has no cell elm|x',
    );
  });
});

describe('the true responses', () => {
  it('are a point of the model, every column taken from the cells', () => {
    const people = (n: number, patch: Partial<StoredResponse>) => times(n, () => response(patch));
    const cells = aggregate([
      ...people(2, { division: 'ash', role: 'x' as StoredResponse['role'], safety: 1, comment: 'A' }),
      ...people(1, { division: 'ash', role: 'x' as StoredResponse['role'], safety: 5 }),
      ...people(3, { division: 'oak', role: 'x' as StoredResponse['role'] }),
    ]).cells;
    const b = buildModel(
      U,
      [
        { kind: 'mean', question: 'safety', cells: [C, D], lower: [7, 3], upper: [7, 3] },
        { kind: 'share', question: 'safety', band: 'agree', cells: [C, D], lower: [1, 3], upper: [1, 3] },
        { kind: 'comments', cells: [C, D], lower: 2, upper: 2 },
      ],
      50,
    );
    const x = truePoint(b, cells);
    expect(b.model.satisfiedBy(x)).toBe(true);
    const at = (name: string) => x[b.model.names.indexOf(name)];
    expect(
      [
        'n:ash|x',
        'm:ash|x',
        'a:ash|x:safety',
        's:ash|x:safety',
        'd:ash|x:safety',
        'g:ash|x:safety',
        'n:oak|x',
        't:0',
      ].map(at),
    ).toEqual([3, 2, 3, 7, 2, 1, 3, 1]);
  });
});
