// Pins the disclosure audit's own rules, apart from the solver: nothing published needs no check; figures that contradict the responses, or a pillar figure for part of the trust, stop it; a small set pinned is a leak, the first one only when asked; a solver that proves nothing fails closed; and its record counts what it checked.
import { describe, expect, it } from 'vitest';
import { audit, universeOf, type AuditInput, type Fact } from '../../shared/disclosure/audit';
import type { IntervalSolver, LinearModel } from '../../shared/disclosure/linear-model';
import { highsSolver } from '../../shared/disclosure/solver';
import { AuditFailedError, ContradictoryFiguresError } from '../../shared/errors';
import type { StoredResponse } from '../../shared/schemas/response';
import { aggregate, response, times } from '../support/builders';
import type { Question } from '../../shared/domain/aggregate';

const people = (n: number, patch: Partial<StoredResponse>) => times(n, () => response(patch));
const ROLES = ['delivery', 'leadership', 'undisclosed'];
const school = (d: string) => ROLES.map((r) => `${d}|${r}`);
const ALL = ['ash', 'oak', 'undisclosed'].flatMap(school);

/** What the report prints of a question's spread: the trust's share agreeing, between two fractions. */
const agreeing = (question: Question, lower: [number, number], upper: [number, number]): Fact => ({
  kind: 'share',
  question,
  band: 'agree',
  cells: ALL,
  lower,
  upper,
});

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

/** Everyone answered capacity 4: a mean of 4.0 with every answer 4 or 5 leaves no answer but 4. */
const allFours = aggregate([
  ...people(6, { division: 'ash', role: 'delivery', safety: 4, ratings: { capacity: 4 } }),
  ...people(1, { division: 'ash', role: 'leadership', safety: 2, ratings: { capacity: 4 } }),
  ...people(8, { division: 'oak', role: 'delivery', safety: 3, ratings: { capacity: 4 } }),
]).cells;
/** PRINTED, and capacity's answer count, mean (4.0) and spread (everyone agrees). */
const pinned: Fact[] = [
  ...PRINTED,
  // The report prints how many answered a pillar beside its mean.
  { kind: 'answered', question: 'capacity', cells: ALL, lower: 15, upper: 15 },
  { kind: 'mean', question: 'capacity', cells: ALL, lower: [79, 20], upper: [81, 20] },
  agreeing('capacity', [199, 200], [201, 200]),
];

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
    let made = 0;
    const result = await audit(input(PRINTED), () => {
      made += 1;
      return stuck();
    });
    expect(result.leaks).toHaveLength(8);
    expect(result.leaks.every((l) => l.interval === null)).toBe(true);
    expect(result.leaks.filter((l) => l.kind === 'count')).toHaveLength(4);
    // Every check went to the full model, and each solver's tries were added up: the fixed-totals
    // model's, the sums-only model's and the full model's.
    expect(result.fullModelChecks).toBe(8);
    expect(result.solves).toBe(9);
    // One solver per model: the full model's is made once, for its first check, and kept for the rest.
    expect(made).toBe(3);
    const first = await audit(input(PRINTED, { stopAtFirstLeak: true }), stuck);
    expect(first.leaks).toHaveLength(1);
  });

  it('proves a pillar safe from answers dealt out of the trust’s own, with no solver at all', async () => {
    const capacity: Fact[] = [
      ...PRINTED,
      // 6 × 4 + 2 + 8 × 3 = 50 over 15: 3.3; 6 of 15 agree: 40%.
      { kind: 'mean', question: 'capacity', cells: ALL, lower: [65, 20], upper: [67, 20] },
      agreeing('capacity', [79, 200], [81, 200]),
    ];
    const result = await audit(input(capacity), stuck);
    expect(result.checks).toBe(12);
    expect(result.leaks.filter((l) => l.question === 'capacity')).toEqual([]);
  });

  it('records the narrowest count width and, apart from it, the narrowest sum as a share of its possible range', async () => {
    // Only counts and the capacity pillar are printed. The stuck solver proves nothing, so every
    // small set's count stays at its true value: no width at all. The leader's one capacity answer
    // is settled from the trust's mean alone (50 over 15 leaves room for any answer from 1 to 5),
    // so its sum is 1 to 5 of a possible 4 wide: the whole range.
    const capacityOnly: Fact[] = [
      ...PRINTED.filter((f) => f.kind === 'count'),
      { kind: 'answered', question: 'capacity', cells: ALL, lower: 15, upper: 15 },
      { kind: 'mean', question: 'capacity', cells: ALL, lower: [65, 20], upper: [67, 20] },
    ];
    const result = await audit(input(capacityOnly), stuck);
    expect(result.leaks.map((l) => l.kind)).toEqual(['count', 'count', 'count', 'count']);
    expect(result.narrowestCount).toBe(0);
    expect(result.narrowestSumShare).toBe(1);
    // With its spread printed too (6 of 15 agree, 1 disagrees), the answer is dealt from answers
    // with the trust's count, sum and bands: a 1, eight 3s, five 4s and a 5. So 1 to 5 still.
    const banded = await audit(input([...capacityOnly, agreeing('capacity', [79, 200], [81, 200])]), stuck);
    expect(banded.narrowestCount).toBe(0);
    expect(banded.narrowestSumShare).toBe(1);
  });

  it('finds a pillar answer pinned by its spread and mean, exactly, and fails closed where no solver can say', async () => {
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
    // Asked for the first leak only, it stops at the first pillar answer found exactly.
    const first = await audit(input(pinned, { cells: allFours, stopAtFirstLeak: true }), highsSolver);
    expect(first.leaks).toEqual([exact.leaks[0]]);
  });

  it('fails closed when a pillar’s exact range cannot be found in time, rather than ask the full model, which leaves its spread out', async () => {
    // HiGHS for every model but the pillar's own (the set and the rest), which never finishes. The
    // full model alone would find the lone answer anywhere from 1 to 5 (a mean of 4.0 over 15 allows
    // it), because it leaves the 100% agreeing out.
    const pairStuck = (m: LinearModel) => (m.names.includes('n:set|any') ? stuck() : highsSolver(m));
    const result = await audit(input(pinned, { cells: allFours }), pairStuck);
    expect(result.leaks.filter((l) => l.question === 'capacity').map((l) => l.interval)).toEqual([
      null,
      null,
      null,
      null,
    ]);
    expect(result.fullModelChecks).toBe(0);
  });

  it('solves a pillar from the facts about that pillar only, whatever is printed about a school', async () => {
    // Oak's eight safety answers and their mean (3.0) are true of Oak, not of the whole trust: in the
    // pillar's two-cell model they would contradict the trust's 3.3.
    const oakSafety: Fact[] = [
      { kind: 'answered', question: 'safety', cells: school('oak'), lower: 8, upper: 8 },
      { kind: 'mean', question: 'safety', cells: school('oak'), lower: [59, 20], upper: [61, 20] },
    ];
    const result = await audit(input([...pinned, ...oakSafety], { cells: allFours }), highsSolver);
    expect(result.leaks.filter((l) => l.question === 'capacity').map((l) => l.interval)).toEqual(
      times(4, () => ({ min: 4, max: 4 })),
    );
  });

  it('solves each pillar in its own model: two pillars pinned to different answers are each found at their own', async () => {
    const twoPinned = aggregate([
      ...people(6, { division: 'ash', role: 'delivery', safety: 4, ratings: { capacity: 4, commitment: 5 } }),
      ...people(1, {
        division: 'ash',
        role: 'leadership',
        safety: 2,
        ratings: { capacity: 4, commitment: 5 },
      }),
      ...people(8, { division: 'oak', role: 'delivery', safety: 3, ratings: { capacity: 4, commitment: 5 } }),
    ]).cells;
    const commitment: Fact[] = [
      { kind: 'answered', question: 'commitment', cells: ALL, lower: 15, upper: 15 },
      { kind: 'mean', question: 'commitment', cells: ALL, lower: [99, 20], upper: [101, 20] },
    ];
    const result = await audit(input([...pinned, ...commitment], { cells: twoPinned }), highsSolver);
    const found = (q: string) => result.leaks.filter((l) => l.question === q).map((l) => l.interval);
    expect(found('capacity')).toEqual(times(4, () => ({ min: 4, max: 4 })));
    // A mean of 5.0 leaves no answer but 5, spread printed or not.
    expect(found('commitment')).toEqual(times(4, () => ({ min: 5, max: 5 })));
  });

  it('deals a pillar’s answers within its bands only when its spread is printed', async () => {
    // Everyone answered capacity 4, but only its mean (4.0) is printed, beside safety's spread: a
    // lone answer could be anything from 1 to 5 (the other 14 make up the rest of 60). The stuck
    // solver shows the dealt answers alone prove it: all 4s, as the bands would deal, would not.
    const meanOnly: Fact[] = [
      ...PRINTED.filter((f) => f.kind === 'count'),
      { kind: 'answered', question: 'capacity', cells: ALL, lower: 15, upper: 15 },
      { kind: 'mean', question: 'capacity', cells: ALL, lower: [79, 20], upper: [81, 20] },
      // 6 of 15 agree on safety: 40%.
      agreeing('safety', [79, 200], [81, 200]),
    ];
    const result = await audit(input(meanOnly, { cells: allFours }), stuck);
    expect(result.checks).toBe(4 + 4 + 4);
    expect(result.leaks.filter((l) => l.question === 'capacity')).toEqual([]);
  });

  it('settles on the full model what the witnesses leave, where a width of exactly what is needed is enough', async () => {
    // Ash × delivery printed as "6 or 7" leaves Ash's leader 0 or 1: a count one wide, just enough.
    // The witnesses' solvers never finish here, so the full model decides every set.
    let made = 0;
    const witnessesStuck = (m: LinearModel) => (++made <= 2 ? stuck() : highsSolver(m));
    const facts: Fact[] = [
      ...PRINTED.filter((f) => f.kind === 'count'),
      { kind: 'count', cells: ['ash|delivery'], lower: 6, upper: 7 },
    ];
    const result = await audit(input(facts), witnessesStuck);
    expect(result.fullModelChecks).toBe(4);
    expect(result.leaks).toEqual([]);
    expect(result.narrowestCount).toBe(1);
  });

  it('refuses figures that contradict the responses they came from', async () => {
    const wrongCount: Fact = { kind: 'count', cells: school('ash'), lower: 6, upper: 6 };
    await expect(audit(input([wrongCount]), highsSolver)).rejects.toBeInstanceOf(ContradictoryFiguresError);
    // A pillar's spread is checked against the trust's answers too: 6 of 15 agree, not all.
    const wrongShare = agreeing('capacity', [1, 1], [1, 1]);
    await expect(audit(input([...PRINTED, wrongShare]), highsSolver)).rejects.toBeInstanceOf(
      ContradictoryFiguresError,
    );
    const tooFew = agreeing('capacity', [0, 1], [1, 10]);
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
