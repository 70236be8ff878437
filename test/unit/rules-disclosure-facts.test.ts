// Pins what the audit is told a reader knows: today's figures exactly (stronger than printed), what their arrangement says (which side of k each group is), figures published earlier read back as printed (a mean to one decimal, a share to a whole percentage), and a headcount, which caps each school and role at its staff unless more responded.
import { describe, expect, it } from 'vitest';
import {
  arrangementFacts,
  factsOf,
  factsOfPublished,
  headcountFacts,
  publishedFiguresOf,
  type PublishedPractitioners,
} from '../../shared/disclosure/facts';
import type { PractitionerStatistics } from '../../shared/domain/statistics';
import { COMBINED, type PlanInput } from '../../shared/disclosure/plan';
import type { StoredResponse } from '../../shared/schemas/response';
import { aggregate, auditedEvaluationOf, publishedOnly, response, times } from '../support/builders';
import { exampleConfig } from '../support/fixtures';
import type { Evaluation } from '../../shared/domain/evaluation';

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
    expect(factsOfPublished(publishedOnly(), UNIVERSE)).toEqual([]);
  });

  it('the trust’s influence mean on its own, when that is all that was printed', () => {
    expect(factsOfPublished(publishedOnly({ influenceMean: 2.6 }), UNIVERSE)).toEqual([
      { kind: 'mean', question: 'influence', cells: ALL, ...within(51, 53) },
    ]);
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

describe('today’s figures, as the audit is told them: stronger than printed', () => {
  const people = (n: number, patch: Partial<StoredResponse>) => times(n, () => response(patch));
  const a = aggregate([
    ...people(6, { division: 'ash', role: 'delivery', safety: 4, influence: 3, ratings: { capacity: 4 } }),
    ...people(5, { division: 'oak', role: 'delivery', safety: 2, ratings: { capacity: 2 } }),
    ...people(1, { division: 'oak', role: 'leadership', safety: 5 }),
  ]);
  const input = (patch: Partial<PlanInput> = {}): PlanInput => ({
    cells: a.cells,
    responses: a.responses,
    k: 5,
    commentThreshold: 10,
    divisions: ['ash', 'oak'],
    formClosed: true,
    ...patch,
  });
  const none: PractitionerStatistics = {
    computed: false,
    responses: null,
    means: {},
    bands: {},
    answered: {},
    byDivision: [],
    byRole: [],
    comments: [],
    commentsTotal: null,
    withheld: [],
    audit: null,
  };
  const shown: PractitionerStatistics = {
    ...none,
    computed: true,
    responses: 12,
    means: { safety: 39 / 12, capacity: 34 / 11 },
    bands: { capacity: { disagree: 5 / 11, neutral: 0, agree: 6 / 11 } },
    answered: { capacity: 11 },
    byDivision: [
      { group: 'ash', members: ['ash'], count: 6, safetyMean: 4, influenceMean: 3 },
      { group: 'oak', members: ['oak'], count: 6, safetyMean: 2.5, influenceMean: null },
    ],
    commentsTotal: 0,
  };
  const atLeastK = { lower: 5, upper: Infinity };

  it('each mean exact, in lowest terms, with at least k answering; each share exact; each count exact', () => {
    expect(factsOf(shown, input())).toEqual([
      { kind: 'count', cells: ALL, lower: 12, upper: 12 },
      // 39 over 12 is 13 over 4.
      { kind: 'mean', question: 'safety', cells: ALL, lower: [13, 4], upper: [13, 4] },
      { kind: 'answered', question: 'safety', cells: ALL, ...atLeastK },
      { kind: 'mean', question: 'capacity', cells: ALL, lower: [34, 11], upper: [34, 11] },
      { kind: 'answered', question: 'capacity', cells: ALL, ...atLeastK },
      { kind: 'share', question: 'capacity', band: 'disagree', cells: ALL, lower: [5, 11], upper: [5, 11] },
      { kind: 'share', question: 'capacity', band: 'neutral', cells: ALL, lower: [0, 1], upper: [0, 1] },
      { kind: 'share', question: 'capacity', band: 'agree', cells: ALL, lower: [6, 11], upper: [6, 11] },
      { kind: 'answered', question: 'capacity', cells: ALL, lower: 11, upper: 11 },
      { kind: 'count', cells: cellsOf('ash'), lower: 6, upper: 6 },
      { kind: 'mean', question: 'safety', cells: cellsOf('ash'), lower: [4, 1], upper: [4, 1] },
      { kind: 'answered', question: 'safety', cells: cellsOf('ash'), ...atLeastK },
      { kind: 'mean', question: 'influence', cells: cellsOf('ash'), lower: [3, 1], upper: [3, 1] },
      { kind: 'answered', question: 'influence', cells: cellsOf('ash'), ...atLeastK },
      { kind: 'count', cells: cellsOf('oak'), lower: 6, upper: 6 },
      { kind: 'mean', question: 'safety', cells: cellsOf('oak'), lower: [5, 2], upper: [5, 2] },
      { kind: 'answered', question: 'safety', cells: cellsOf('oak'), ...atLeastK },
      { kind: 'comments', cells: ALL, lower: 0, upper: 0 },
    ]);
  });

  it('no comment count where the comments were withheld', () => {
    const facts = factsOf({ ...shown, commentsTotal: null }, input());
    expect(facts.filter((f) => f.kind === 'comments')).toEqual([]);
    expect(facts).toEqual(factsOf(shown, input()).slice(0, -1));
  });

  it('how they were arranged: which side of k each school, role and question is, and each pillar band where its mean is shown', () => {
    const facts = arrangementFacts({ ...shown, byDivision: [] }, input());
    const side = (n: number) => (n >= 5 ? { lower: 5, upper: Infinity } : { lower: 0, upper: 4 });
    // Each school and role on its own: its responses, and its answers to the questions groups show.
    expect(facts.slice(0, 3)).toEqual([
      { kind: 'count', cells: cellsOf('ash'), ...side(6) },
      { kind: 'answered', question: 'safety', cells: cellsOf('ash'), ...side(6) },
      { kind: 'answered', question: 'influence', cells: cellsOf('ash'), ...side(6) },
    ]);
    expect(facts).toContainEqual({
      kind: 'answered',
      question: 'influence',
      cells: cellsOf('oak'),
      ...side(0),
    });
    expect(facts).toContainEqual({
      kind: 'count',
      cells: ['ash|leadership', 'oak|leadership', 'undisclosed|leadership'],
      ...side(1),
    });
    // Each question across the trust, and each band of a pillar whose mean is shown.
    expect(facts).toContainEqual({ kind: 'answered', question: 'capacity', cells: ALL, ...side(11) });
    expect(facts).toContainEqual({ kind: 'answered', question: 'vision', cells: ALL, ...side(0) });
    expect(facts.slice(-3)).toEqual([
      { kind: 'share', question: 'capacity', band: 'disagree', cells: ALL, lower: [5, 11], upper: [1, 1] },
      { kind: 'share', question: 'capacity', band: 'neutral', cells: ALL, lower: [0, 1], upper: [4, 11] },
      { kind: 'share', question: 'capacity', band: 'agree', cells: ALL, lower: [5, 11], upper: [1, 1] },
    ]);
    // 3 schools and 3 roles with 3 facts each, 9 questions, 3 bands.
    expect(facts).toHaveLength(18 + 9 + 3);
  });

  it('a school in the combined group that could have stood alone was pulled in as the smallest: no bigger than any shown, smaller than one named before it', () => {
    const combined = {
      ...shown,
      byDivision: [
        { group: 'ash', members: ['ash'], count: 6, safetyMean: 4, influenceMean: null },
        { group: COMBINED, members: ['oak', 'undisclosed'], count: 6, safetyMean: 2.5, influenceMean: null },
      ],
    };
    const facts = arrangementFacts(combined, input());
    expect(facts).toContainEqual({
      kind: 'count',
      cells: cellsOf('oak', 'undisclosed'),
      lower: 5,
      upper: Infinity,
    });
    // Oak has 6 responses and 6 safety answers: it could have been shown. Ash (6) comes before it.
    expect(facts).toContainEqual({ kind: 'count', cells: cellsOf('oak'), lower: 5, upper: 5 });
    // Nobody gave no school: that member could not have stood alone.
    expect(
      facts.filter((f) => f.kind === 'count' && f.cells.join() === cellsOf('undisclosed').join()),
    ).toEqual([{ kind: 'count', cells: cellsOf('undisclosed'), lower: 0, upper: 4 }]);
    // Had influence been shown too, Oak (no influence answers) could not have stood alone.
    const withInfluence = arrangementFacts(
      {
        ...combined,
        byDivision: [{ ...combined.byDivision[0]!, influenceMean: 3 }, combined.byDivision[1]!],
      },
      input(),
    );
    expect(
      withInfluence.filter((f) => f.kind === 'count' && f.cells.join() === cellsOf('oak').join()),
    ).toEqual([{ kind: 'count', cells: cellsOf('oak'), lower: 5, upper: Infinity }]);
    // Ash pulled in beside Oak shown: no bigger than Oak, which comes after it, so a tie is allowed.
    const ashPulledIn = arrangementFacts(
      {
        ...shown,
        byDivision: [
          { group: 'oak', members: ['oak'], count: 6, safetyMean: 2.5, influenceMean: null },
          { group: COMBINED, members: ['ash', 'undisclosed'], count: 6, safetyMean: 4, influenceMean: null },
        ],
      },
      input(),
    );
    expect(ashPulledIn).toContainEqual({ kind: 'count', cells: cellsOf('ash'), lower: 5, upper: 6 });
    expect(arrangementFacts(combined, input({ formClosed: false }))).toEqual([]);
    expect(arrangementFacts(none, input())).toEqual([]);
  });

  it('a school with k responses but fewer than k answers to the question shown could not have stood alone', () => {
    // Oak: six responses, four of them answering safety; safety is shown by school, influence is not.
    const fewAnswers = aggregate([
      ...people(6, { division: 'ash', role: 'delivery', safety: 4 }),
      ...people(4, { division: 'oak', role: 'delivery', safety: 2 }),
      ...people(2, { division: 'oak', role: 'delivery' }),
    ]);
    const facts = arrangementFacts(
      {
        ...shown,
        byDivision: [
          { group: 'ash', members: ['ash'], count: 6, safetyMean: 4, influenceMean: null },
          { group: COMBINED, members: ['oak', 'undisclosed'], count: 6, safetyMean: 2, influenceMean: null },
        ],
      },
      input({ cells: fewAnswers.cells, responses: fewAnswers.responses }),
    );
    expect(facts.filter((f) => f.kind === 'count' && f.cells.join() === cellsOf('oak').join())).toEqual([
      { kind: 'count', cells: cellsOf('oak'), lower: 5, upper: Infinity },
    ]);
  });

  it('while the form is open, nothing; with nothing computed, only that fewer than k responded, if they did', () => {
    expect(factsOf(shown, input({ formClosed: false }))).toEqual([]);
    expect(factsOf(none, input({ responses: 4 }))).toEqual([
      { kind: 'count', cells: ALL, lower: 0, upper: 4 },
    ]);
    expect(factsOf(none, input())).toEqual([]);
    expect(factsOf({ ...shown, responses: null }, input())).toEqual([]);
  });
});

describe('the figures an evaluation published, read back for a later run', () => {
  const people = (n: number, patch: Partial<StoredResponse>) => times(n, () => response(patch));

  it('its counts, means, groups, comments, each pillar shown with how many answered, and its spreads', async () => {
    const e = await auditedEvaluationOf(exampleConfig(), [
      ...people(12, {
        division: 'oak-primary',
        role: 'delivery',
        safety: 4,
        influence: 3,
        ratings: { capacity: 4 },
      }),
      ...people(12, {
        division: 'ash-primary',
        role: 'delivery',
        safety: 2,
        influence: 3,
        ratings: { capacity: 2 },
      }),
    ]);
    const read = publishedFiguresOf(e)!;
    expect(read.responses).toBe(24);
    expect(read.safetyMean).toBe(3);
    expect(read.influenceMean).toBe(3);
    expect(read.byDivision).toEqual(e.practitioners.byDivision);
    expect(read.byRole).toEqual(e.practitioners.byRole);
    expect(read.commentsTotal).toBe(e.practitioners.commentsTotal);
    // Only capacity was answered: the one pillar with a mean, and 24 answers beside it.
    expect(read.pillars).toEqual([{ question: 'capacity', mean: 3, answered: 24 }]);
    expect(read.bands).toEqual(e.practitioners.answerBands ?? []);
  }, 60_000);

  it('nothing from an evaluation the audit did not pass, or of the first schema', async () => {
    const e = await auditedEvaluationOf(exampleConfig());
    expect(publishedFiguresOf({ ...e, disclosureAudit: null })).toBeUndefined();
    expect(publishedFiguresOf({ ...e, schemaVersion: 1 } as unknown as Evaluation)).toBeUndefined();
    expect(publishedFiguresOf(e)).toBeDefined();
  }, 60_000);

  it('no spreads from an evaluation written before spreads were published', async () => {
    const e = await auditedEvaluationOf(exampleConfig());
    const { answerBands: _, ...before } = e.practitioners;
    expect(publishedFiguresOf({ ...e, practitioners: before })!.bands).toEqual([]);
  }, 60_000);
});
