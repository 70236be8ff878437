// Pins the audit's check of a witness: a point proves a group's figure wide only if it meets every bound and row of the reader's model exactly, in whole numbers; and how rows are written down.
import { describe, expect, it } from 'vitest';
import { LinearModel } from '../../shared/disclosure/linear-model';

/** Two counts, 0 to 5 each, that add up to 6. */
const model = () => {
  const m = new LinearModel();
  const a = m.column('a', 0, 5);
  const b = m.column('b', 0, 5);
  m.row(
    [
      [a, 1],
      [b, 1],
    ],
    6,
    6,
  );
  return m;
};

describe('a witness satisfies the model only exactly, in whole numbers', () => {
  it('on the bounds and the row, at either end', () => {
    expect(model().satisfiedBy([1, 5])).toBe(true);
    expect(model().satisfiedBy([5, 1])).toBe(true);
  });

  it('not outside a bound, even when the row holds', () => {
    expect(model().satisfiedBy([-1, 7])).toBe(false);
    expect(model().satisfiedBy([6, 0])).toBe(false);
  });

  it('not below a lower bound, even with every upper bound and row met', () => {
    const m = new LinearModel();
    m.column('c', 2, 9);
    expect(m.satisfiedBy([2])).toBe(true);
    expect(m.satisfiedBy([1])).toBe(false);
  });

  it('not with a fraction', () => {
    expect(model().satisfiedBy([2.5, 3.5])).toBe(false);
  });

  it('not when a row is missed, above or below', () => {
    expect(model().satisfiedBy([3, 4])).toBe(false);
    expect(model().satisfiedBy([1, 4])).toBe(false);
  });

  it('checks the last column too', () => {
    const m = model();
    m.column('c', 0, 1);
    expect(m.satisfiedBy([1, 5, 0])).toBe(true);
    expect(m.satisfiedBy([1, 5, 2])).toBe(false);
  });
});

describe('a row is written once per column, without terms that cancel', () => {
  it('adds up a column named twice, drops a zero, and orders by column', () => {
    const m = new LinearModel();
    const a = m.column('a', 0, 9);
    const b = m.column('b', 0, 9);
    const c = m.column('c', 0, 9);
    m.row(
      [
        [c, 2],
        [a, 1],
        [b, 1],
        [a, 2],
        [b, -1],
      ],
      0,
      30,
    );
    expect(m.rows).toEqual([
      {
        terms: [
          [a, 3],
          [c, 2],
        ],
        lower: 0,
        upper: 30,
      },
    ]);
  });

  it('writes no row at all when every term cancels', () => {
    const m = new LinearModel();
    const a = m.column('a', 0, 9);
    m.row(
      [
        [a, 1],
        [a, -1],
      ],
      1,
      1,
    );
    expect(m.rows).toEqual([]);
    expect(m.satisfiedBy([4])).toBe(true);
  });
});
