import {
  isPillar,
  sumCells,
  type CellStats,
  type Question,
  type ResponseAggregator,
} from '../domain/aggregate';
import { audit, universeOf, type Leak } from './audit';
import { ContradictoryFiguresError, NothingSafeToPublishError } from '../errors';
import type { IntervalSolver, LinearModel } from './linear-model';
import type { BandShares, GroupFigures, PractitionerStatistics } from '../domain/statistics';
import {
  arrangementFacts,
  factsOf,
  factsOfPublished,
  headcountFacts,
  type PublishedPractitioners,
} from './facts';
import {
  COMBINED,
  DIMENSION_WORDS,
  QUESTION_WORDS,
  initialPlan,
  membersOf,
  partition,
  withholdAll,
  type BreakdownPlan,
  type Plan,
  type PlanInput,
} from './plan';

/**
 * The one door through which a practitioner figure leaves the product (SPEC section 3). It plans
 * one-dimensional breakdowns that meet k by construction, then audits everything together with an
 * exact integer solver; while the audit finds a leak, more is merged or withheld and it runs again.
 * The rubric judges only what comes out of here, and reports print only that, rounded.
 */
export interface DisclosureSettings {
  k: number;
  commentThreshold: number;
  divisions: readonly string[];
  formClosed: boolean;
  /** The imported headcount: anyone who knows a school (its head, say) knows how many staff it has. */
  headcount?: readonly { division: string; role: string; count: number }[];
}

// Only ever asked of a question with k answers or more: the plan shows no other.
const meanOf = (s: CellStats, q: Question) => s.answers[q].sum / s.answers[q].count;

const bandsOf = (s: CellStats, q: Question): BandShares => {
  const a = s.answers[q];
  return { disagree: a.disagree / a.count, neutral: a.neutral / a.count, agree: a.agree / a.count };
};

export function realise(plan: Plan, agg: ResponseAggregator): PractitionerStatistics {
  const none = { byDivision: [], byRole: [], means: {}, bands: {}, answered: {} };
  if (!plan.computed)
    return {
      computed: false,
      responses: null,
      ...none,
      comments: [],
      commentsTotal: null,
      withheld: plan.withheld,
      audit: null,
    };
  const trust = sumCells(agg.cells, () => true);
  const groups = (b: BreakdownPlan | null): GroupFigures[] =>
    (b?.groups ?? []).map((g) => {
      const set = new Set(g.members);
      const s = sumCells(agg.cells, (d, r) => set.has(b!.by === 'division' ? d : r));
      return {
        group: g.id,
        members: g.members,
        count: s.count,
        safetyMean: b!.shows.includes('safety') ? meanOf(s, 'safety') : null,
        influenceMean: b!.shows.includes('influence') ? meanOf(s, 'influence') : null,
      };
    });
  const comments = agg.comments();
  return {
    computed: true,
    responses: agg.responses,
    means: Object.fromEntries(plan.trustMeans.map((q) => [q, meanOf(trust, q)])),
    bands: Object.fromEntries(plan.trustBands.map((q) => [q, bandsOf(trust, q)])),
    answered: Object.fromEntries(plan.trustMeans.filter(isPillar).map((q) => [q, trust.answers[q].count])),
    byDivision: groups(plan.division),
    byRole: groups(plan.role),
    comments: plan.comments ? comments.shown : [],
    commentsTotal: plan.comments ? comments.total : null,
    withheld: plan.withheld,
    audit: null,
  };
}

const byAudit = (what: string, k: number) =>
  `${what} is withheld: checked together with every other figure, it would narrow down how a group of fewer than ${k} practitioners answered.`;

/** One step more cautious than `plan`, aimed at the leak the audit found. */
function remedy(plan: Plan, leak: Leak, input: PlanInput, k: number): Plan {
  const note = (what: string) => [...plan.withheld, byAudit(what, k)];
  const merged = (b: BreakdownPlan): BreakdownPlan | null => {
    const combined = b.groups.find((g) => g.id === COMBINED)?.members ?? [];
    // A breakdown has two groups or more and one combined group at most: one is always visible.
    const smallest = b.groups
      .filter((g) => g.id !== COMBINED)
      .map((g) => ({
        id: g.id,
        count: sumCells(input.cells, (d, r) => (b.by === 'division' ? d : r) === g.id).count,
      }))
      .sort((x, y) => x.count - y.count || x.id.localeCompare(y.id))[0]!;
    const groups = partition(input, b.by, b.shows, [...combined, smallest.id]);
    return groups ? { ...b, groups } : null;
  };
  if (leak.kind === 'count') {
    for (const by of ['role', 'division'] as const) {
      const b = plan[by];
      if (!b) continue;
      const next = merged(b);
      return {
        ...plan,
        [by]: next,
        withheld: note(
          next
            ? `A finer split of responses by ${DIMENSION_WORDS[by]}`
            : `The breakdown by ${DIMENSION_WORDS[by]}`,
        ),
      };
    }
    if (plan.comments) return { ...plan, comments: false, withheld: note('The number of comments') };
  } else {
    // A sum leak always names the question whose answers it narrows.
    const q = leak.question!;
    const words = QUESTION_WORDS[q];
    for (const by of ['role', 'division'] as const) {
      const b = plan[by];
      if (b?.shows.includes(q as 'safety'))
        return {
          ...plan,
          [by]: { ...b, shows: b.shows.filter((s) => s !== q) },
          withheld: note(`The average for ${words} by ${DIMENSION_WORDS[by]}`),
        };
    }
    if (plan.trustMeans.includes(q))
      return {
        ...plan,
        trustMeans: plan.trustMeans.filter((m) => m !== q),
        // Its spread is not among them: a pillar shown by band has k answers in every band, so any
        // small set's answers could all be 1-2 or all 4-5, and its mean never narrows them.
        trustBands: plan.trustBands,
        withheld: note(`The trust-wide average for ${words}`),
      };
  }
  return withholdAll([...plan.withheld, byAudit('Every practitioner figure', k)]);
}

// What a passing audit proves for every small set; published in place of the data-dependent minima.
const COUNT_GUARANTEE = 1;
const SUM_GUARANTEE = 0.5;

export interface PublishOptions {
  /** Figures already published for this cycle (an earlier run), which a reader can set beside these. */
  earlier?: PublishedPractitioners[];
  solver: (m: LinearModel) => Promise<IntervalSolver>;
}

export async function publishPractitionerStatistics(
  agg: ResponseAggregator,
  settings: DisclosureSettings,
  options: PublishOptions,
): Promise<PractitionerStatistics> {
  const started = performance.now();
  const input: PlanInput = { cells: agg.cells, responses: agg.responses, ...settings };
  const universe = universeOf(membersOf('division', input));
  let earlierFacts = (options.earlier ?? []).flatMap((p) => [
    ...factsOfPublished(p, universe),
    ...headcountFacts(input, p.headcount),
  ]);
  const known = headcountFacts(input, settings.headcount);
  let plan = initialPlan(input);
  let solverName = 'none needed';
  for (let round = 1, withheldByAudit = 0; ; round++) {
    const stats = realise(plan, agg);
    let result;
    try {
      result = await audit(
        {
          universe,
          facts: [...factsOf(stats, input), ...arrangementFacts(stats, input), ...known, ...earlierFacts],
          cells: agg.cells,
          k: settings.k,
          // Every group shown by division is a set a reader can name (one of a single division
          // already is); the combined one adds its members together.
          combinedGroups: stats.byDivision.map((g) => g.members),
          // Stryker disable next-line BooleanLiteral: only the first leak is acted on each round, and it is the same one whether the audit stops there or goes on.
          stopAtFirstLeak: true,
        },
        async (m) => {
          const s = await options.solver(m);
          solverName = s.name;
          return s;
        },
      );
    } catch (err) {
      if (!earlierFacts.length || !(err instanceof ContradictoryFiguresError)) throw err;
      plan = withholdAll([
        'The responses behind this cycle have changed since its figures were first published, so no new practitioner figure is published: set beside the first, it would show the change.',
      ]);
      earlierFacts = [];
      continue;
    }
    if (result.leaks.length === 0)
      return {
        ...stats,
        audit: {
          solver: solverName,
          setsChecked: result.setsChecked,
          rounds: round,
          narrowestCountInterval: COUNT_GUARANTEE,
          narrowestSumShare: SUM_GUARANTEE,
          withheldByAudit,
          earlierPublications: options.earlier?.length ?? 0,
          milliseconds: Math.round(performance.now() - started),
        },
      };
    if (!plan.computed)
      throw new NothingSafeToPublishError(
        options.earlier?.length
          ? 'the figures already published for this cycle, set beside the headcount as it is now imported, would narrow down how a group of fewer than k practitioners answered; nothing more is published (re-import the headcount the cycle was first reported with, or keep the report already sent)'
          : 'the disclosure audit could not prove even the statement that too few responded safe to publish; nothing is published',
      );
    plan = remedy(plan, result.leaks[0]!, input, settings.k);
    withheldByAudit += 1;
  }
}
