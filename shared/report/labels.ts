import type { CriterionId, Evaluation, Rating, Trend } from '../domain/evaluation';
import type { Thresholds } from '../schemas/config';
import { reportDay, ukDate } from '../domain/dates';

export const RATING_LABEL: Record<Rating, string> = {
  green: 'Secure',
  amber: 'Developing',
  red: 'Concern',
  grey: 'Not enough evidence',
};

export const RATING_COLOUR: Record<Rating, { bg: string; fg: string }> = {
  green: { bg: '#1d7a3a', fg: '#ffffff' },
  amber: { bg: '#f2b233', fg: '#1a1a1a' },
  red: { bg: '#b3261e', fg: '#ffffff' },
  grey: { bg: '#6b6b6b', fg: '#ffffff' },
};

export const TREND_LABEL: Record<Trend, string> = {
  up: '▲ improved',
  down: '▼ worse',
  same: '► unchanged',
  new: '• no comparison',
};

/** How practitioners reached the form, in the words the report uses beside the figures. */
export const ACCESS_WORDS: Record<'verified' | 'open', string> = {
  verified:
    'Responses came through verified access: one per member of staff on the staff list, each through a one-time link, and anonymous.',
  open: 'Responses came through one shared link: each page sends one set of answers, but one person could have answered more than once.',
};

export const fmtPct = (x: number | null) => (x === null ? 'not published' : `${Math.round(x * 100)}%`);
export const fmtMean = (x: number | null) => (x === null ? 'not published' : `${x.toFixed(1)} / 5`);

const ROLE_NAMES: Record<string, string> = {
  delivery: 'Delivering improvement',
  leadership: 'Leading improvement',
  undisclosed: 'Role not given',
};

/** A published group's name: a division or role, or the small ones reported together, named. */
export function groupName(
  g: { group: string; members: string[] },
  by: 'division' | 'role',
  divisionNames: Record<string, string>,
): string {
  const name = (id: string) =>
    by === 'role'
      ? (ROLE_NAMES[id] ?? id)
      : id === 'undisclosed'
        ? 'Division not given'
        : (divisionNames[id] ?? id);
  if (g.group !== 'combined') return name(g.group);
  return `Combined: ${g.members.map(name).join(', ')}`;
}

/** The trend in words alone, for places whose font has no arrows (the PDF). */
export const TREND_WORDS: Record<Trend, string> = {
  up: 'improved',
  down: 'worse',
  same: 'unchanged',
  new: 'no comparison',
};

const FIGURES: Record<string, { label: string; kind?: 'share' | 'mean' }> = {
  objectives: { label: 'objectives' },
  covered: { label: 'covered by a board review' },
  coverage: { label: 'coverage', kind: 'share' },
  kpisMissing: { label: 'objectives without KPI values' },
  windowFrom: { label: 'reviews counted from' },
  windowTo: { label: 'until' },
  pillarsCovered: { label: 'pillars reviewed' },
  externalReviews: { label: 'review rows with an external reviewer' },
  due: { label: 'due' },
  closed: { label: 'closed' },
  share: { label: 'share closed', kind: 'share' },
  longOverdue: { label: 'open past the overdue limit' },
  responses: { label: 'responses' },
  headcount: { label: 'headcount' },
  participation: { label: 'participation', kind: 'share' },
  safetyMean: { label: 'mean safety', kind: 'mean' },
  changesFromFeedback: { label: 'changes from feedback' },
  influenceMean: { label: 'mean influence', kind: 'mean' },
};

/** A criterion's figures in words a board member reads, e.g. "coverage 63%; mean safety 4.3". */
export function describeFigures(figures: Record<string, number | string | null>): string {
  return Object.entries(figures)
    .map(([key, value]) => {
      const f = FIGURES[key] ?? { label: key };
      const shown =
        value === null
          ? 'hidden'
          : typeof value === 'number' && f.kind === 'share'
            ? `${Math.round(value * 100)}%`
            : typeof value === 'number' && f.kind === 'mean'
              ? value.toFixed(1)
              : typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
                ? ukDate(value)
                : String(value);
      return `${f.label} ${shown}`;
    })
    .join('; ');
}

/** The line a draft carries everywhere it is shown: it is not the board's report yet. */
export const DRAFT_NOTICE =
  'DRAFT for the quality assurance lead: not approved, and not sent to the board. Comments screening held back are not shown.';

/** A count with its noun (and verb) agreeing: "1 comment is", "2 comments are". */
const counted = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** What moderation did to the comments, in words for the board (counts only: never the text). */
export function moderationWords(
  m: { held: number; withheld: number; redacted: number; erased?: number } | undefined,
): string[] {
  if (!m) return [];
  const words: string[] = [];
  if (m.held)
    words.push(
      `${counted(m.held, 'comment is', 'comments are')} held back because screening found what may be a name or contact details.`,
    );
  if (m.withheld)
    words.push(
      `${counted(m.withheld, 'comment was', 'comments were')} withheld by the quality assurance lead because ${m.withheld === 1 ? 'it' : 'they'} could identify someone.`,
    );
  if (m.redacted)
    words.push(
      `${counted(m.redacted, 'comment has', 'comments have')} words removed by the quality assurance lead, marked [removed].`,
    );
  if (m.erased)
    words.push(
      `${counted(m.erased, 'comment was', 'comments were')} erased to protect someone's personal data, and ${m.erased === 1 ? 'is' : 'are'} not shown.`,
    );
  return words;
}

/** What each rating means, for the key on the first page. */
export const RATING_MEANING: Record<Rating, string> = {
  green: 'the criterion is met: keep it under review',
  amber: 'partly met: the board should ask what is being done',
  red: 'not met: the board should act',
  grey: 'too little evidence this cycle to judge',
};

export const OVERALL_RULE =
  'The overall judgement is the lowest rating among the criteria with enough evidence to judge.';

/**
 * The ledger in one sentence, counted as QA3 counts (recommendations due by the end of the cycle,
 * closed when actioned or declined with a reason), with "overdue" as of the report's own day.
 */
export function ledgerSummary(e: Pick<Evaluation, 'recommendations' | 'evaluatedAt' | 'cycleEnd'>): string {
  const all = e.recommendations;
  const due = all.filter((r) => r.due <= e.cycleEnd);
  const closed = due.filter((r) => r.closed).length;
  const overdue = all.filter((r) => r.daysOverdue !== null && r.daysOverdue > 0).length;
  const asOf = reportDay(e.evaluatedAt.slice(0, 10), e.cycleEnd);
  const later = due.filter((r) => !r.closed && r.due >= asOf).length;
  return (
    `${counted(all.length, 'recommendation is', 'recommendations are')} on the ledger; ${due.length} fell due by the end of the cycle (${ukDate(e.cycleEnd)}), and ${closed} of those are closed. ` +
    `On ${ukDate(asOf)}, ${counted(overdue, 'open recommendation was', 'open recommendations were')} past its due date` +
    (later ? `, and ${counted(later, 'more falls', 'more fall')} due before the cycle ends.` : '.')
  );
}

/** One recommendation's status in words, overdue as of the report's day. */
export function recommendationStatus(r: Evaluation['recommendations'][number]): string {
  const status = r.status.replace('_', ' ');
  return r.daysOverdue ? `${status}, ${r.daysOverdue} day${r.daysOverdue === 1 ? '' : 's'} overdue` : status;
}

/** Why no comment is shown, in plain words. */
export function noCommentsWords(e: Pick<Evaluation, 'practitioners' | 'anonymity'>): string {
  const p = e.practitioners;
  if (p.commentsTotal === 0) return 'No practitioner wrote a comment this cycle.';
  return `Comments are shown only for the whole trust, and only once at least ${e.anonymity.commentThreshold} practitioners have responded, so none is shown this cycle.`;
}

/** How the report was made, for the board: the rubric and the anonymity rules, in words. */
export function methodParagraphs(e: Evaluation): string[] {
  return [
    `Each of the five criteria is judged from the evidence the quality assurance lead imported (peer reviews, their recommendations, board reviews, KPI values and changes to the model) and from practitioners' anonymous answers, by the trust's rubric (version ${e.rubricVersion}; configuration ${e.configHash}). A criterion is Secure, Developing or Concern by fixed thresholds, or Not enough evidence. ${OVERALL_RULE} Peer reviewers rate from 1 to 4 and practitioners from 1 to 5, so peer-review ratings are put on the 1 to 5 scale to be compared.`,
    `Anonymity: no figure describes fewer than ${e.anonymity.k} people${e.anonymity.raisedByForms ? " (the minimum in force when this cycle's form opened)" : ''}. Responses are broken down by school or by role, never both at once, and schools or roles with fewer than ${e.anonymity.k} responses are reported together. Before anything is published, every figure is checked, together with the others and with earlier reports of the same cycle, so that none narrows down how a small group answered; anything that would is withheld, and the report says so. Comments appear only for the whole trust, once at least ${e.anonymity.commentThreshold} people have responded, in random order, never beside a school or role.`,
  ];
}

/**
 * How each criterion's line is drawn in the trend chart, in the HTML and the PDF alike: colours a
 * colour-blind reader can tell apart (Okabe and Ito), and a dash pattern each, so the lines differ
 * in greyscale too; each line is labelled at its end, not by a legend.
 */
export const TREND_LINES: readonly { colour: string; dash: readonly number[] }[] = [
  { colour: '#0072B2', dash: [] },
  { colour: '#D55E00', dash: [8, 4] },
  { colour: '#009E73', dash: [2, 3] },
  { colour: '#CC79A7', dash: [10, 3, 2, 3] },
  { colour: '#6B4C00', dash: [4, 2] },
];

/** Where the end labels go: at each line's last point, pushed apart so no two overlap. */
export function spreadLabels(ys: number[], gap: number): number[] {
  const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y || a.i - b.i);
  const out = new Array<number>(ys.length);
  let last = -Infinity;
  for (const o of order) {
    last = Math.max(o.y, last + gap);
    out[o.i] = last;
  }
  return out;
}

/** Each criterion in a few words, for the first page's table (the full title heads its own part). */
export const CRITERION_SHORT: Record<CriterionId, string> = {
  QA1: 'The board reviews the impact of the model',
  QA2: 'Peer review across all seven pillars',
  QA3: 'Recommendations are acted on',
  QA4: 'Practitioners can feed back safely',
  QA5: 'Feedback shapes the model',
};

/** What each criterion asks, in the report's own words (a paraphrase of the framework). */
export const CRITERION_ASKS: Record<CriterionId, string> = {
  QA1: "Does the board look at whether the improvement model is working, against each of the trust's objectives, with data (KPI values) to go on?",
  QA2: 'Has every part of the model been peer reviewed recently, and has someone from outside the trust reviewed it?',
  QA3: 'When peer reviews make recommendations, are they acted on, or declined for a recorded reason, by when they were due?',
  QA4: 'Do practitioners take part in giving feedback on the model, and do they feel safe to be honest?',
  QA5: 'Does what practitioners say lead to changes in the model, and do they feel it does?',
};

/** How a criterion is rated, with the thresholds this trust's config sets (never a fixed number). */
export function thresholdWords(id: CriterionId, t: Thresholds): string {
  switch (id) {
    case 'QA1':
      return `Secure when board reviews in the cycle cover at least ${fmtPct(t.qa1Coverage.green)} of the objectives, Developing from ${fmtPct(t.qa1Coverage.amber)}, otherwise Concern (also Concern with no board review). Held at Developing at best when KPI values are missing for more than ${fmtPct(t.qa1KpiMissingCap)} of the objectives.`;
    case 'QA2':
      return `Secure when peer reviews in the last ${t.qa2WindowMonths} months cover at least ${t.qa2PillarsCovered.green} of the 7 pillars and one had an external reviewer, Developing from ${t.qa2PillarsCovered.amber} pillars, otherwise Concern.`;
    case 'QA3':
      return `Secure when at least ${fmtPct(t.qa3Closed.green)} of the recommendations due by the cycle's end are closed (actioned, or declined with a reason recorded), Developing from ${fmtPct(t.qa3Closed.amber)}, otherwise Concern. Held at Developing at best while any is open more than ${t.qa3OverdueDaysCap} days past its due date. Not enough evidence when none fell due.`;
    case 'QA4':
      return `The lower of two ratings: participation (Secure from ${fmtPct(t.qa4Participation.green)} of staff, Developing from ${fmtPct(t.qa4Participation.amber)}) and how safe practitioners feel to be honest (Secure from ${t.qa4Safety.green.toFixed(1)} out of 5, Developing from ${t.qa4Safety.amber.toFixed(1)}).`;
    case 'QA5':
      return `Secure when at least ${t.qa5MinChanges} change${t.qa5MinChanges === 1 ? '' : 's'} to the model in the cycle came from practitioner feedback and practitioners rate their influence at ${t.qa5Influence.toFixed(1)} out of 5 or more; Developing when one of the two holds; Concern when neither does.`;
  }
}
