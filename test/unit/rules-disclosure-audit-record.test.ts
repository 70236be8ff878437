// Pins the disclosure audit's own rules, apart from the solver: nothing published needs no check; figures that contradict the responses, or a pillar figure for part of the trust, stop it; a small set pinned is a leak, the first one only when asked; a solver that proves nothing fails closed; and its record counts what it checked.
import { describe, expect, it } from 'vitest';
import { audit, universeOf, type AuditInput, type Fact } from '../../shared/disclosure/audit';
import type { IntervalSolver } from '../../shared/disclosure/linear-model';
import { highsSolver } from '../../shared/disclosure/solver';
import { AuditFailedError, ContradictoryFiguresError } from '../../shared/errors';
import type { StoredResponse } from '../../shared/schemas/response';
import { aggregate, response, times } from '../support/builders';

const people = (n: number, patch: Partial<StoredResponse>) => times(n, () => response(patch));
const ROLES = ['delivery', 'leadership', 'undisclosed'];
const school = (d: string) => ROLES.map((r) => `${d}|${r}`);
const ALL = ['ash', 'oak', 'undisclosed'].flatMap(school);

/** Ash: six teachers answering 4 and one leader answering 2; Oak: eight teachers answering 3. */
const cells = () =>
  aggregate([
    ...people(6, { division: 'ash', role: 'delivery', safety: 4, ratings: { capacity: 4 } }),
    ...people(1, { division: 'ash', role: 'leadership', safety: 2, ratings: { capacity: 2 } }),
    ...people(8, { division: 'oak', role: 'delivery', safety: 3, ratings: { capacity: 3 } }),
  ]).cells;
/** What the report prints: each school's count, the trust's, and the trust's safety mean to one decimal (50/15 = 3.3). */
const PRINTED: Fact[] = [
  { kind: 'count', cells: school('ash'), lower: 7, upper: 7 },
  { kind: 'count', cells: school('oak'), lower: 8, upper: 8 },
  { kind: 'count', cells: ALL, lower: 15, upper: 15 },
  { kind: 'mean', question: 'safety', cells: ALL, lower: [65, 20], upper: [67, 20] },
];
const input = (facts: Fact[], patch: Partial<AuditInput> = {}): AuditInput => ({
  universe: universeOf(['ash', 'oak', 'undisclosed']),
  facts,
  cells: cells(),
  k: 5,
  ...patch,
});

/** A solver that never proves anything in time, and says it tried three times. */
const stuck = async (): Promise<IntervalSolver> => ({
  name: 'stuck',
  solves: 3,
  range: () => 'unknown',
  dispose: () => undefined,
});

describe('the disclosure audit', () => {
  it('needs no solver when nothing is published, and says it checked every describable set', async () => {
    let made = 0;
    const result = await audit(input([]), async (m) => {
      made += 1;
      return highsSolver(m);
    });
    expect(made).toBe(0);
    // 4 divisions (with "all") times the 7 non-empty sets of roles.
    expect(result).toEqual({
      leaks: [],
      setsChecked: 28,
      smallSets: 0,
      checks: 0,
      narrowestCount: null,
      narrowestSumShare: null,
      solves: 0,
      fullModelChecks: 0,
    });
  });

  it('finds the safe figures safe, and records the small sets, the checks and how wide they proved to be', async () => {
    const result = await audit(input(PRINTED), highsSolver);
    expect(result.leaks).toEqual([]);
    expect(result.setsChecked).toBe(28);
    // Ash's leader is the only small group: as Ash × leadership, and with "no role given" beside it,
    // at Ash and across the trust. Each has its count and one safety answer to protect.
    expect(result.smallSets).toBe(4);
    expect(result.checks).toBe(8);
    // Each count could be 0 to 7 at most (Ash has 7), and each was proved at least one wide.
    expect(result.narrowestCount).toBeGreaterThanOrEqual(1);
    expect(result.narrowestCount).toBeLessThanOrEqual(7);
    // One answer of 1 to 5 has a possible range of 4; half of it was proved.
    expect(result.narrowestSumShare).toBeGreaterThanOrEqual(0.5);
    expect(result.narrowestSumShare).toBeLessThanOrEqual(1);
    // The witnesses settle every set: one joint search on each of the two simpler models (the
    // fixed-totals one, then the sums-only one), its two ends two solves each; none left for the full model.
    expect(result.solves).toBe(4);
    expect(result.fullModelChecks).toBe(0);
  });

  it('counts the small sets apart from their checks, and settles a pillar from dealt answers without a solve', async () => {
    const result = await audit(
      input([
        ...PRINTED,
        { kind: 'answered', question: 'capacity', cells: ALL, lower: 15, upper: 15 },
        { kind: 'mean', question: 'capacity', cells: ALL, lower: [65, 20], upper: [67, 20] },
      ]),
      highsSolver,
    );
    expect(result.leaks).toEqual([]);
    // The same 4 small sets, each with a safety sum and a capacity sum to protect.
    expect(result.smallSets).toBe(4);
    expect(result.checks).toBe(12);
    expect(result.solves).toBe(4);
    expect(result.fullModelChecks).toBe(0);
  });

  it('reports a small set whose figures are printed as leaks pinned to them, every one or the first only', async () => {
    const leader: Fact[] = [
      { kind: 'count', cells: ['ash|leadership'], lower: 1, upper: 1 },
      { kind: 'mean', question: 'safety', cells: ['ash|leadership'], lower: [2, 1], upper: [2, 1] },
    ];
    const set = { label: 'ash × leadership', cells: ['ash|leadership'] };
    const all = await audit(input([...PRINTED, ...leader]), highsSolver);
    expect(all.leaks).toEqual([
      { set, kind: 'count', question: undefined, interval: { min: 1, max: 1 } },
      { set, kind: 'sum', question: 'safety', interval: { min: 2, max: 2 } },
    ]);
    const first = await audit(input([...PRINTED, ...leader], { stopAtFirstLeak: true }), highsSolver);
    expect(first.leaks).toEqual([all.leaks[0]]);
  });

  it('fails closed: a solver that cannot prove any width leaves every small set a leak, with no interval', async () => {
    const result = await audit(input(PRINTED), stuck);
    expect(result.leaks).toHaveLength(8);
    expect(result.leaks.every((l) => l.interval === null)).toBe(true);
    expect(result.leaks.filter((l) => l.kind === 'count')).toHaveLength(4);
    // Every check went to the full model, and each solver's tries were added up: the fixed-totals
    // model's, the sums-only model's and the full model's.
    expect(result.fullModelChecks).toBe(8);
    expect(result.solves).toBe(9);
    const first = await audit(input(PRINTED, { stopAtFirstLeak: true }), stuck);
    expect(first.leaks).toHaveLength(1);
  });

  it('proves a pillar safe from answers dealt out of the trust’s own, with no solver at all', async () => {
    const capacity: Fact[] = [
      ...PRINTED,
      // 6 × 4 + 2 + 8 × 3 = 50 over 15: 3.3; 6 of 15 agree: 40%.
      { kind: 'mean', question: 'capacity', cells: ALL, lower: [65, 20], upper: [67, 20] },
      { kind: 'share', question: 'capacity', band: 'agree', cells: ALL, lower: [79, 200], upper: [81, 200] },
    ];
    const result = await audit(input(capacity), stuck);
    expect(result.checks).toBe(12);
    expect(result.leaks.filter((l) => l.question === 'capacity')).toEqual([]);
  });

  it('finds a pillar answer pinned by its spread and mean, exactly, and fails closed where no solver can say', async () => {
    // Everyone answered 4: a mean of 4.0 with every answer 4 or 5 leaves no answer but 4.
    const allFours = aggregate([
      ...people(6, { division: 'ash', role: 'delivery', safety: 4, ratings: { capacity: 4 } }),
      ...people(1, { division: 'ash', role: 'leadership', safety: 2, ratings: { capacity: 4 } }),
      ...people(8, { division: 'oak', role: 'delivery', safety: 3, ratings: { capacity: 4 } }),
    ]).cells;
    const pinned: Fact[] = [
      ...PRINTED,
      // The report prints how many answered a pillar beside its mean.
      { kind: 'answered', question: 'capacity', cells: ALL, lower: 15, upper: 15 },
      { kind: 'mean', question: 'capacity', cells: ALL, lower: [79, 20], upper: [81, 20] },
      {
        kind: 'share',
        question: 'capacity',
        band: 'agree',
        cells: ALL,
        lower: [199, 200],
        upper: [201, 200],
      },
    ];
    const exact = await audit(input(pinned, { cells: allFours }), highsSolver);
    expect(
      exact.leaks.filter((l) => l.question === 'capacity').map((l) => [l.set.label, l.interval]),
    ).toEqual([
      ['ash × leadership', { min: 4, max: 4 }],
      ['all divisions × leadership', { min: 4, max: 4 }],
      ['ash × leadership+undisclosed', { min: 4, max: 4 }],
      ['all divisions × leadership+undisclosed', { min: 4, max: 4 }],
    ]);
    // One exact range for the four sets: each gave one answer, and the range depends on that alone.
    // Counts and safety sums are settled by the witnesses as before.
    expect(exact.solves).toBe(4 + 2);
    const unknown = await audit(input(pinned, { cells: allFours }), stuck);
    expect(unknown.leaks.filter((l) => l.question === 'capacity' && l.interval === null)).toHaveLength(4);
  });

  it('refuses figures that contradict the responses they came from', async () => {
    const wrongCount: Fact = { kind: 'count', cells: school('ash'), lower: 6, upper: 6 };
    await expect(audit(input([wrongCount]), highsSolver)).rejects.toBeInstanceOf(ContradictoryFiguresError);
    // A pillar's spread is checked against the trust's answers too: 6 of 15 agree, not all.
    const wrongShare: Fact = {
      kind: 'share',
      question: 'capacity',
      band: 'agree',
      cells: ALL,
      lower: [1, 1],
      upper: [1, 1],
    };
    await expect(audit(input([...PRINTED, wrongShare]), highsSolver)).rejects.toBeInstanceOf(
      ContradictoryFiguresError,
    );
    const tooFew: Fact = { ...wrongShare, lower: [0, 1], upper: [1, 10] };
    await expect(audit(input([...PRINTED, tooFew]), highsSolver)).rejects.toBeInstanceOf(
      ContradictoryFiguresError,
    );
  });

  it('does not judge a pillar figure printed for part of the trust: it says so rather than pass it', async () => {
    const partial: Fact = {
      kind: 'mean',
      question: 'capacity',
      cells: school('oak'),
      lower: [3, 1],
      upper: [3, 1],
    };
    await expect(audit(input([...PRINTED, partial]), highsSolver)).rejects.toThrow(
      new AuditFailedError(
        'a pillar figure is published for part of the trust (capacity); the audit does not cover that',
      ),
    );
  });
});
