// Proves the published practitioner figures survive an integer-programming audit, and that the audit catches the old shapes' leaks.
import { describe, expect, it } from 'vitest';
import type { ResponseAggregator } from '../../shared/domain/aggregate';
import { audit, universeOf, type Fact } from '../../shared/disclosure/audit';
import { publishPractitionerStatistics } from '../../shared/disclosure/publish-statistics';
import { factsOf } from '../../shared/disclosure/facts';
import { highsSolver } from '../../shared/disclosure/solver';
import type { IntervalSolver } from '../../shared/disclosure/linear-model';
import type { StoredResponse } from '../../shared/schemas/response';
import type { PractitionerStatistics } from '../../shared/domain/statistics';
import { aggregate, response, times } from '../support/builders';

const DIVISIONS = ['alder-special', 'ash-primary', 'oak-primary', 'elm-primary'];
const settings = { k: 5, commentThreshold: 10, divisions: DIVISIONS, formClosed: true };
/** The audit, by HiGHS at k = 5, of these facts about the trust's cells (its divisions and those who gave none). */
const auditOf = (facts: Fact[], cells: ResponseAggregator['cells']) =>
  audit({ universe: universeOf([...DIVISIONS, 'undisclosed']), facts, cells, k: 5 }, highsSolver);
/** A fresh audit of exactly what was published from these responses, as a reader would run it. */
const auditPublished = (stats: PractitionerStatistics, a: ResponseAggregator) =>
  auditOf(factsOf(stats, { cells: a.cells, responses: a.responses, ...settings }), a.cells);
const people = (n: number, patch: Partial<StoredResponse>) => times(n, () => response(patch));

/** Alder Special as the demo had it: 14 delivery, one leader and one who gave no role, both answering 5. */
const alder = () => [
  ...people(14, { division: 'alder-special', role: 'delivery', safety: 4, influence: 3 }),
  ...people(1, { division: 'alder-special', role: 'leadership', safety: 5, influence: 5 }),
  ...people(1, { division: 'alder-special', role: 'undisclosed', safety: 5, influence: 5 }),
  ...people(30, { division: 'ash-primary', role: 'delivery', safety: 3, influence: 3 }),
  ...people(9, { division: 'ash-primary', role: 'leadership', safety: 4, influence: 2 }),
  ...people(25, { division: 'oak-primary', role: 'delivery', safety: 4, influence: 4 }),
  ...people(6, { division: 'oak-primary', role: 'leadership', safety: 2, influence: 3 }),
  ...people(3, { division: 'elm-primary', role: 'undisclosed', safety: 3, influence: 1 }),
];

describe('the disclosure audit', () => {
  it('finds the Alder Special leak in the old output shape: a division beside its role cells, hidden ones listed', async () => {
    const a = aggregate(alder());
    const cell = (d: string, r: string) => `${d}|${r}`;
    const roles = ['delivery', 'leadership', 'undisclosed'];
    const truth = (cells: string[]) => {
      let n = 0,
        s = 0,
        c = 0;
      for (const k of cells) {
        const x = a.cells.get(k);
        n += x?.count ?? 0;
        s += x?.answers.safety.sum ?? 0;
        c += x?.answers.safety.count ?? 0;
      }
      return { n, s, c };
    };
    const alderCells = roles.map((r) => cell('alder-special', r));
    const old: Fact[] = [];
    for (const cells of [alderCells, [cell('alder-special', 'delivery')]]) {
      const t = truth(cells);
      old.push({ kind: 'count', cells, lower: t.n, upper: t.n });
      old.push({ kind: 'mean', question: 'safety', cells, lower: [t.s, t.c], upper: [t.s, t.c] });
    }
    // Hidden cells were still listed, so each had at least one response.
    for (const r of ['leadership', 'undisclosed'])
      old.push({ kind: 'count', cells: [cell('alder-special', r)], lower: 1, upper: Infinity });
    const result = await auditOf(old, a.cells);
    const leaked = result.leaks.map((l) => `${l.kind}:${l.set.label}${l.question ? `:${l.question}` : ''}`);
    expect(leaked).toEqual(
      expect.arrayContaining([
        'count:alder-special × leadership',
        'sum:alder-special × leadership+undisclosed:safety',
      ]),
    );
  }, 60_000);

  it('publishes the same trust with no division-and-role cell, every group at k or more, and an audit that passes', async () => {
    const a = aggregate(alder());
    const stats = await publishPractitionerStatistics(a, settings, { solver: highsSolver });
    expect(stats.audit).toMatchObject({ solver: expect.stringMatching(/HiGHS/) });
    expect(stats.audit!.setsChecked).toBeGreaterThan(0);
    for (const g of [...stats.byDivision, ...stats.byRole]) {
      expect(g.count).toBeGreaterThanOrEqual(5);
      expect(g.group).not.toContain('|');
    }
    // The division breakdown partitions every response; Elm (3) is reported only inside a combined group.
    expect(stats.byDivision.reduce((n, g) => n + g.count, 0)).toBe(a.responses);
    expect(stats.byDivision.map((g) => g.group)).not.toContain('elm-primary');
    const combined = stats.byDivision.find((g) => g.group === 'combined')!;
    expect(combined.members).toContain('elm-primary');
    expect(combined.count).toBeGreaterThanOrEqual(5);
    // A fresh audit of exactly what is published finds nothing.
    expect((await auditPublished(stats, a)).leaks).toEqual([]);
  }, 60_000);

  it('breaks the chain of linked sums from the issue: b’s hidden cell of 2 is never pinned', async () => {
    const rs = [
      ...people(6, { division: 'ash-primary', role: 'delivery', safety: 4 }),
      ...people(7, { division: 'ash-primary', role: 'leadership', safety: 3 }),
      ...people(5, { division: 'oak-primary', role: 'delivery', safety: 4 }),
      ...people(8, { division: 'oak-primary', role: 'leadership', safety: 3 }),
      ...people(2, { division: 'oak-primary', role: 'undisclosed', safety: 2 }),
      ...people(3, { division: 'elm-primary', role: 'undisclosed', safety: 4 }),
      ...people(4, { division: 'alder-special', role: 'undisclosed', safety: 3 }),
      ...times(19, (i) =>
        response({
          division: 'undisclosed',
          role: (['delivery', 'leadership', 'undisclosed'] as const)[i % 3],
          safety: 4,
        }),
      ),
    ];
    const a = aggregate(rs);
    const stats = await publishPractitionerStatistics(a, settings, { solver: highsSolver });
    expect(stats.audit).not.toBeNull();
    expect((await auditPublished(stats, a)).leaks).toEqual([]);
  }, 60_000);

  it('withholds a mean that would tell a small group’s answers: a division where everyone answered 5', async () => {
    const rs = [
      ...people(12, { division: 'ash-primary', role: 'delivery', safety: 5 }),
      ...people(2, { division: 'ash-primary', role: 'leadership', safety: 5 }),
      ...people(20, { division: 'oak-primary', role: 'delivery', safety: 3 }),
      ...people(8, { division: 'oak-primary', role: 'leadership', safety: 2 }),
    ];
    const stats = await publishPractitionerStatistics(aggregate(rs), settings, { solver: highsSolver });
    // Ash's mean of 5.0 would say both of its leaders answered 5; it must not be published.
    const ash = stats.byDivision.find((g) => g.group === 'ash-primary');
    expect(ash?.safetyMean ?? null).toBeNull();
    expect(stats.audit!.withheldByAudit).toBeGreaterThan(0);
    expect(stats.withheld.join(' ')).toMatch(/withheld/);
  }, 60_000);

  it('publishes the spread of answers (1-2, 3, 4-5) for each pillar beside its mean, and none for the feedback questions', async () => {
    const rs = [
      ...people(6, { division: 'ash-primary', ratings: { capacity: 2 }, safety: 4 }),
      ...people(9, { division: 'ash-primary', ratings: { capacity: 3 }, safety: 3 }),
      ...people(5, { division: 'oak-primary', ratings: { capacity: 4 }, safety: 4 }),
      ...people(4, { division: 'oak-primary', role: 'leadership', ratings: { capacity: 5 }, safety: 5 }),
    ];
    const stats = await publishPractitionerStatistics(aggregate(rs), settings, { solver: highsSolver });
    expect(stats.bands).toEqual({ capacity: { disagree: 6 / 24, neutral: 9 / 24, agree: 9 / 24 } });
    expect(stats.means.safety).toBeDefined();
    expect(stats.withheld.join(' ')).not.toMatch(/spread/);
  }, 60_000);

  it('shows a pillar’s spread only when each band has at least k answers: everyone answered 4 or 5', async () => {
    // With 100% agreeing, Oak's two leaders gave 8 to 10 between them: a quarter of the range they
    // could have given (2 to 10). The mean alone, 4.5, leaves them 4 to 10.
    const rs = [
      ...people(9, { division: 'ash-primary', ratings: { capacity: 4 } }),
      ...people(9, { division: 'ash-primary', ratings: { capacity: 5 } }),
      ...people(1, { division: 'oak-primary', role: 'leadership', ratings: { capacity: 4 } }),
      ...people(1, { division: 'oak-primary', role: 'leadership', ratings: { capacity: 5 } }),
      ...people(10, { division: 'oak-primary', ratings: { capacity: 4 } }),
      ...people(10, { division: 'oak-primary', ratings: { capacity: 5 } }),
    ];
    const stats = await publishPractitionerStatistics(aggregate(rs), settings, { solver: highsSolver });
    expect(stats.bands.capacity).toBeUndefined();
    expect(stats.means.capacity).toBe(4.5);
    expect(stats.withheld.join(' ')).toMatch(
      /spread of answers on capacity is not shown: fewer than 5 answers fell in at least one of its bands/,
    );
  }, 60_000);

  it('lets no one learn from a spread not shown: all 15 answered 3, yet Oak’s 4 could have given 4 to 20', async () => {
    // That the spread is missing says some band has fewer than k answers; the audit is told which.
    // With at most 4 answers of 1-2 and at most 4 of 4-5, Oak's four could still be all 1s or all 5s.
    const rs = [
      ...people(4, { division: 'oak-primary', ratings: { vision: 3 } }),
      ...people(11, { division: 'ash-primary', ratings: { vision: 3 } }),
    ];
    const stats = await publishPractitionerStatistics(aggregate(rs), settings, { solver: highsSolver });
    expect(stats.means.vision).toBe(3);
    expect(stats.bands.vision).toBeUndefined();
    const all = [...DIVISIONS, 'undisclosed'].flatMap((d) =>
      ['delivery', 'leadership', 'undisclosed'].map((r) => `${d}|${r}`),
    );
    const facts: Fact[] = [
      { kind: 'mean', question: 'vision', cells: all, lower: [3, 1], upper: [3, 1] },
      { kind: 'answered', question: 'vision', cells: all, lower: 15, upper: 15 },
      { kind: 'share', question: 'vision', band: 'disagree', cells: all, lower: [0, 1], upper: [4, 15] },
      { kind: 'share', question: 'vision', band: 'agree', cells: all, lower: [0, 1], upper: [4, 15] },
    ];
    const result = await auditOf(facts, aggregate(rs).cells);
    // The audit bounds every small set's sum with its answers fixed: Oak's four included.
    expect(result.leaks).toEqual([]);
    expect(result.narrowestSumShare).toBeGreaterThanOrEqual(0.5);
  }, 60_000);

  it('counts a school over its headcount as the reader does: the report says one is, so it is not pinned', async () => {
    // Ash has 4 responses and 3 staff on a stale headcount; the report says a school is over. Shown
    // inside a combined group of 5 (each member under 5), Ash would be 4 exactly.
    const rs = [
      ...times(10, (i) =>
        response({ division: 'oak-primary', safety: 1 + (i % 5), influence: 1 + ((i + 2) % 5) }),
      ),
      ...times(4, (i) => response({ division: 'ash-primary', safety: 2 + i, influence: 5 - i })),
      response({ division: 'elm-primary', safety: 3, influence: 3 }),
    ];
    const headcount = DIVISIONS.map((d) => ({
      division: d,
      role: 'delivery',
      count: d === 'ash-primary' ? 3 : 20,
    }));
    const stats = await publishPractitionerStatistics(
      aggregate(rs),
      { ...settings, headcount },
      { solver: highsSolver },
    );
    expect(
      stats.byDivision.find((g) => g.members.includes('ash-primary') && g.members.length > 1),
    ).toBeUndefined();
    expect(stats.audit!.withheldByAudit).toBeGreaterThan(0);
  }, 60_000);

  it('holds an earlier run’s headcount beside a re-run’s: a school over the old import, within the new, is not pinned', async () => {
    // Run 1, on a stale import (ash 2 staff), said a school had more responses than staff; the QA
    // lead corrects it (ash 3) and runs again. Together the two say ash had exactly 3.
    const divisions = ['ash', 'birch', 'oak'];
    const mk = (division: string, n: number) =>
      times(n, (i) => response({ division, safety: 1 + ((i * 3) % 5), influence: 1 + ((i + 1) % 5) }));
    const rs = [...mk('oak', 10), ...mk('ash', 3), ...mk('birch', 2)];
    const staff = (ash: number) => [
      { division: 'ash', role: 'delivery', count: ash },
      { division: 'birch', role: 'delivery', count: 20 },
      { division: 'oak', role: 'delivery', count: 20 },
    ];
    const at = (headcount: ReturnType<typeof staff>) => ({ ...settings, divisions, headcount });
    const first = await publishPractitionerStatistics(aggregate(rs), at(staff(2)), { solver: highsSolver });
    const published = {
      responses: first.responses,
      safetyMean: first.means.safety ?? null,
      influenceMean: first.means.influence ?? null,
      byDivision: first.byDivision,
      byRole: first.byRole,
      commentsTotal: first.commentsTotal,
      pillars: [],
      bands: [],
    };
    expect(first.byDivision.find((g) => g.group === 'combined')?.members).toContain('ash');
    // Without run 1's headcount the re-run would publish the same again, and pin ash.
    const forgetful = await publishPractitionerStatistics(aggregate(rs), at(staff(3)), {
      solver: highsSolver,
      earlier: [published],
    });
    expect(forgetful.audit!.withheldByAudit).toBe(0);
    // Held beside run 1's headcount, the figures already out pin ash whatever is published now:
    // the re-run refuses, saying why, and nothing more is published.
    await expect(
      publishPractitionerStatistics(aggregate(rs), at(staff(3)), {
        solver: highsSolver,
        earlier: [{ ...published, headcount: staff(2) }],
      }),
    ).rejects.toMatchObject({
      name: 'NothingSafeToPublishError',
      message: expect.stringMatching(
        /already published for this cycle, set beside the headcount as it is now imported/,
      ),
    });
  }, 60_000);

  it('does not take a big school in the combined group for the one pulled in when its answers were too few', async () => {
    // Xray: 30 responses, 3 of them about safety; shown by school with safety, it sits in the
    // combined group for its answers, not as the smallest group, and is bigger than yew's 10.
    const divisions = ['sm', 'xray', 'yew'];
    const rs = [
      ...times(30, (i) =>
        response({ division: 'xray', ...(i < 3 ? { safety: 3 } : {}), influence: 1 + (i % 5) }),
      ),
      ...times(10, (i) => response({ division: 'yew', safety: 1 + (i % 5), influence: 1 + ((i + 2) % 5) })),
      ...people(2, { division: 'sm', safety: 3, influence: 3 }),
    ];
    const stats = await publishPractitionerStatistics(
      aggregate(rs),
      { ...settings, divisions },
      { solver: highsSolver },
    );
    expect(stats.computed).toBe(true);
    expect(stats.responses).toBe(42);
  }, 60_000);

  it('knows the smallest group pulled into the combined one lost any tie to a group with an earlier name', async () => {
    // Alpha 6, kappa 4 (4 staff), zulu 5, 7 with no school. Zulu, pulled in, must be under alpha's 6
    // (a tie would have pulled alpha in): zulu 5 and combined 9 would pin kappa at 4.
    const divisions = ['alpha', 'kappa', 'zulu'];
    const rs = [
      ...people(6, { division: 'alpha', safety: 3 }),
      ...people(4, { division: 'kappa', safety: 4 }),
      ...people(5, { division: 'zulu', safety: 2 }),
      ...people(7, { division: 'undisclosed', safety: 5 }),
    ];
    const headcount = divisions.map((d) => ({
      division: d,
      role: 'delivery',
      count: d === 'kappa' ? 4 : 30,
    }));
    const stats = await publishPractitionerStatistics(
      aggregate(rs),
      { ...settings, divisions, headcount },
      { solver: highsSolver },
    );
    const combined = stats.byDivision.find((g) => g.group === 'combined');
    expect(combined?.members).not.toEqual(['kappa', 'zulu']);
  }, 60_000);

  it('holds a pillar’s spread published earlier against a re-run: rounded shares are facts too', async () => {
    const rs = [
      ...people(9, { division: 'ash-primary', ratings: { capacity: 4 } }),
      ...people(9, { division: 'ash-primary', ratings: { capacity: 5 } }),
      ...people(2, { division: 'oak-primary', role: 'leadership', ratings: { capacity: 4 } }),
      ...people(20, { division: 'oak-primary', ratings: { capacity: 3 } }),
    ];
    const all = DIVISIONS.concat('undisclosed').flatMap((d) =>
      ['delivery', 'leadership', 'undisclosed'].map((r) => `${d}|${r}`),
    );
    // Published before: 0% disagree, 50% neutral, 50% agree, mean 3.8 (40 answers).
    const earlier: Fact[] = [
      { kind: 'share', question: 'capacity', band: 'disagree', cells: all, lower: [0, 200], upper: [1, 200] },
      { kind: 'share', question: 'capacity', band: 'agree', cells: all, lower: [99, 200], upper: [101, 200] },
    ];
    const result = await auditOf(earlier, aggregate(rs).cells);
    // Oak's two leaders (both 4) could have given 6 to 10 by the shares alone: safe by half the range.
    expect(result.leaks).toEqual([]);
    const wrong: Fact[] = [{ ...earlier[1]!, lower: [199, 200], upper: [200, 200] } as Fact];
    await expect(auditOf(wrong, aggregate(rs).cells)).rejects.toThrow(/contradict/);
  }, 60_000);

  it('fails closed: a solver that cannot prove anything leaves no practitioner figure published', async () => {
    const stuck = async (): Promise<IntervalSolver> => ({
      name: 'stuck',
      solves: 0,
      range: () => 'unknown',
      dispose: () => undefined,
    });
    const stats = await publishPractitionerStatistics(aggregate(alder()), settings, { solver: stuck });
    expect(stats.responses).toBeNull();
    expect(stats.byDivision).toEqual([]);
    expect(stats.means).toEqual({});
  }, 60_000);

  it('does not let the grouping rule pin the schools in a combined group (two schools of 4 reported together as 8)', async () => {
    // North: 6, two of whom skipped safety and influence; 5 of no stated school; willow 4; yew 4.
    // A reader who knows the rule (a combined school had fewer than k, unless it was the smallest
    // shown group pulled in) could tell willow and yew had exactly 4 each from "combined: 8".
    const rs = [
      ...people(4, { division: 'north', role: 'delivery', safety: 4, influence: 3 }),
      ...people(2, { division: 'north', role: 'delivery', ratings: { vision: 3 } }),
      ...people(5, { division: 'undisclosed', role: 'delivery', safety: 3, influence: 3 }),
      ...people(3, { division: 'willow', role: 'delivery', safety: 2, influence: 2 }),
      ...people(1, { division: 'willow', role: 'leadership', safety: 5, influence: 4 }),
      ...people(4, { division: 'yew', role: 'delivery', safety: 4, influence: 5 }),
    ];
    const published = await publishPractitionerStatistics(
      aggregate(rs),
      { ...settings, divisions: ['north', 'willow', 'yew'] },
      { solver: highsSolver },
    );
    const k = settings.k;
    for (const g of published.byDivision.filter((g) => g.group === 'combined')) {
      const smallMembers = g.members.filter((m) => rs.filter((r) => r.division === m).length < k);
      // Every member under k and the total exactly (k - 1) each: each member's count would follow.
      expect(smallMembers.length === g.members.length && g.count === g.members.length * (k - 1)).toBe(false);
    }
    expect(published.audit?.withheldByAudit).toBeGreaterThan(0);
  });
});

describe('what a reader who knows the headcount knows', () => {
  // Elm (3 staff) and Hazel (4 staff) everyone answered; each is below k, so they are reported together as 7.
  const trust = () => [
    ...people(12, { division: 'oak-primary', role: 'delivery', safety: 4 }),
    ...people(10, { division: 'ash-primary', role: 'delivery', safety: 3 }),
    ...people(6, { division: 'undisclosed', role: 'delivery', safety: 3 }),
    ...people(3, { division: 'elm-primary', role: 'delivery', safety: 2 }),
    ...people(4, { division: 'hazel-infant', role: 'delivery', safety: 5 }),
  ];
  const divisions = ['oak-primary', 'ash-primary', 'elm-primary', 'hazel-infant'];
  const headcount = [
    { division: 'oak-primary', role: 'delivery', count: 40 },
    { division: 'ash-primary', role: 'delivery', count: 30 },
    { division: 'elm-primary', role: 'delivery', count: 3 },
    { division: 'hazel-infant', role: 'delivery', count: 4 },
  ];
  const combinedOf = (p: Awaited<ReturnType<typeof publishPractitionerStatistics>>) =>
    p.byDivision.find((g) => g.group === 'combined');

  it('without it, Elm and Hazel may be reported together as 7 (3 or 4 each, a reader cannot tell)', async () => {
    const p = await publishPractitionerStatistics(
      aggregate(trust()),
      { ...settings, divisions },
      { solver: highsSolver },
    );
    expect(combinedOf(p)).toMatchObject({ members: ['elm-primary', 'hazel-infant'], count: 7 });
  }, 60_000);

  it('with it, 7 from schools of 3 and 4 staff would pin both, so more is combined or withheld', async () => {
    const p = await publishPractitionerStatistics(
      aggregate(trust()),
      { ...settings, divisions, headcount },
      { solver: highsSolver },
    );
    const combined = combinedOf(p);
    expect(combined?.members ?? []).not.toEqual(['elm-primary', 'hazel-infant']);
    expect(p.withheld.join(' ')).toMatch(/withheld: checked together with every other figure/);
    expect(p.audit?.withheldByAudit).toBeGreaterThan(0);
  }, 60_000);
});
