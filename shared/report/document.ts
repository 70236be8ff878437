import type { Evaluation, Rating } from '../domain/evaluation';
import { FRAMEWORK_CREDIT, PILLARS } from '../domain/pillars';
import { ukDate } from '../domain/dates';
import { DEFAULT_MARKING, thresholdsSchema, type Thresholds } from '../schemas/config';
import {
  CRITERION_SHORT,
  DRAFT_NOTICE,
  OVERALL_RULE,
  RATING_LABEL,
  RATING_MEANING,
  TREND_WORDS,
  methodParagraphs,
} from './labels';
import type { TrendChart } from './trend-chart';
import { criteriaSection, ledgerSection, voiceSection } from './document-sections';

export interface ReportInput {
  evaluation: Evaluation;
  /** Every cycle evaluated so far, oldest first, this one last: the trend chart draws from it. */
  history: Evaluation[];
  /** Division names by id, so the board reads school names rather than ids. */
  divisionNames?: Record<string, string>;
  /** The thresholds the evaluation was judged by (the config's); the defaults if not given. */
  thresholds?: Thresholds;
  /** The trust's logo (a PNG or JPEG data URI) and protective marking, from the config. */
  logo?: string;
  marking?: string;
}

export type Tone = 'muted' | 'warn';

/** One cell of a table: text, a rating badge, or a bar on the 1-5 scale with its number. */
export type Cell =
  | { text: string; tone?: Tone; strong?: boolean }
  | { badge: Rating }
  | { bar: number | null; colour: string };

/**
 * One block of the report. Both renderers (HTML and PDF) draw exactly these: the words, figures,
 * order and colours are decided here once.
 */
export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'para'; text: string; tone?: Tone; strong?: boolean }
  /** A rating badge beside words, one row each: the key, the overall judgement. */
  | { kind: 'rated'; label: string; rows: { rating: Rating; text: string }[] }
  /** `widths`: each column's share of the page width, for the PDF. */
  | { kind: 'table'; label: string; head: string[]; rows: Cell[][]; widths: number[] }
  | { kind: 'list'; items: string[] }
  /** Practitioners' or the QA lead's own words, as written. */
  | { kind: 'quote'; text: string }
  | { kind: 'chart'; chart: TrendChart; alt: string; caption: string }
  | { kind: 'notice'; text: string };

export interface Section {
  id: string;
  title: string;
  blocks: Block[];
  /** A short section is never split across pages. */
  keepTogether?: boolean;
}

export interface ReportDocument {
  title: string;
  subject: string;
  trustName: string;
  cycleId: string;
  /** When the evaluation was made: the PDF's creation date, so one evaluation always renders to the same bytes. */
  evaluatedAt: string;
  /** The protective marking on every page ('' for none). */
  marking: string;
  logo?: string;
  cover: { eyebrow: string; heading: string; subtitle: string };
  /** Page 1: the judgement, why, and what the board is asked to do. */
  summary: Section;
  sections: Section[];
  footer: string;
}

/** The board pack as one document: what it says, in what order, built once for both renderers. */
export function reportDocument(input: ReportInput): ReportDocument {
  const e = input.evaluation;
  const thresholds = input.thresholds ?? thresholdsSchema.parse({});
  return {
    title: `${e.trustName}: improvement model assurance, ${e.cycleId}`,
    subject: 'Board report on the improvement model (pillar 7, quality assurance)',
    trustName: e.trustName,
    cycleId: e.cycleId,
    evaluatedAt: e.evaluatedAt,
    marking: input.marking ?? DEFAULT_MARKING,
    ...(input.logo ? { logo: input.logo } : {}),
    cover: {
      eyebrow: `Improvement model quality assurance: board report of ${ukDate(e.evaluatedAt.slice(0, 10))}`,
      heading: e.trustName,
      subtitle: `Cycle ${e.cycleId}, ${ukDate(e.cycleStart)} to ${ukDate(e.cycleEnd)}`,
    },
    summary: summarySection(e),
    sections: [
      criteriaSection(e, input.history, thresholds),
      voiceSection(e, input.divisionNames ?? {}),
      ledgerSection(e),
      {
        id: 'you-said',
        title: 'You said, we did',
        keepTogether: true,
        blocks: e.changesFromFeedback.length
          ? [
              {
                kind: 'list',
                items: e.changesFromFeedback.map(
                  (c) => `${ukDate(c.date)}: ${c.description} (${PILLARS[c.pillar].label})`,
                ),
              },
            ]
          : [
              {
                kind: 'para',
                text: 'No change to the model this cycle is recorded as coming from practitioner feedback.',
              },
            ],
      },
      {
        id: 'questions',
        title: 'Questions for the board',
        keepTogether: true,
        blocks: e.boardQuestions.length
          ? [
              {
                kind: 'list',
                items: e.boardQuestions.flatMap((q) => q.questions.map((t) => `${q.criterion}: ${t}`)),
              },
            ]
          : [{ kind: 'para', text: 'No criterion is Developing or Concern this cycle.' }],
      },
      {
        id: 'method',
        title: 'Method and anonymity',
        keepTogether: true,
        blocks: [
          ...methodParagraphs(e).map((text): Block => ({ kind: 'para', text })),
          { kind: 'para', text: FRAMEWORK_CREDIT, tone: 'muted' },
        ],
      },
    ],
    footer: `${e.trustName} · ${e.cycleId}`,
  };
}

const andList = (ids: string[]) =>
  ids.length > 1 ? `${ids.slice(0, -1).join(', ')} and ${ids.at(-1)}` : (ids[0] ?? '');

const SINCE: Record<Evaluation['overall']['trend'], string> = {
  up: 'better than the last cycle',
  down: 'worse than the last cycle',
  same: 'the same as the last cycle',
  new: 'no earlier cycle to compare with',
};

/** What the board is asked to do: act on each Concern, question each Developing, and note the report. */
function decisionsOf(e: Evaluation): string[] {
  const rated = (r: Rating) => e.criteria.filter((c) => c.rating === r).map((c) => c.id);
  const red = rated('red');
  const amber = rated('amber');
  return [
    ...(red.length
      ? [
          `Agree what will be done about ${andList(red)} (Concern), by whom and by when, and when the board will hear back.`,
        ]
      : []),
    ...(amber.length
      ? [
          `Ask what is being done about ${andList(amber)} (Developing): the questions to ask are at the end of this report.`,
        ]
      : []),
    'Note this report, and agree how its findings are shared with staff.',
  ];
}

function summarySection(e: Evaluation): Section {
  return {
    id: 'summary',
    title: 'Summary for the board',
    blocks: [
      ...(e.review?.status === 'draft' ? [{ kind: 'notice', text: DRAFT_NOTICE } as const] : []),
      {
        kind: 'rated',
        label: 'Overall judgement',
        rows: [
          {
            rating: e.overall.rating,
            text: `Overall judgement: ${RATING_LABEL[e.overall.rating]}; ${SINCE[e.overall.trend]}${e.overall.greyCount ? `; ${e.overall.greyCount} of 5 criteria without enough evidence` : ''}.`,
          },
        ],
      },
      { kind: 'para', text: OVERALL_RULE, strong: true },
      {
        kind: 'table',
        label: 'The five criteria',
        head: ['Criterion', 'Rating', 'Since last cycle'],
        widths: [0.56, 0.25, 0.19],
        rows: e.criteria.map((c) => [
          { text: `${c.id}: ${CRITERION_SHORT[c.id]}` },
          { badge: c.rating },
          { text: TREND_WORDS[c.trend] },
        ]),
      },
      { kind: 'heading', text: 'What the ratings mean' },
      {
        kind: 'rated',
        label: 'What the ratings mean',
        rows: (['green', 'amber', 'red', 'grey'] as const).map((r) => ({
          rating: r,
          text: RATING_MEANING[r],
        })),
      },
      ...(e.review?.commentary
        ? [
            { kind: 'heading', text: 'From the quality assurance lead' } as const,
            { kind: 'quote', text: e.review.commentary } as const,
            ...(e.review.approvedOn
              ? [
                  {
                    kind: 'para',
                    text: `Approved on ${ukDate(e.review.approvedOn)}.`,
                    tone: 'muted',
                  } as const,
                ]
              : []),
          ]
        : []),
      { kind: 'heading', text: 'The board is asked to' },
      { kind: 'list', items: decisionsOf(e) },
    ],
  };
}
