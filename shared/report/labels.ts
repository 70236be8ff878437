import type { Rating, Trend } from '../domain/evaluation';

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
  windowFrom: { label: 'reviews from' },
  windowTo: { label: 'to' },
  pillarsCovered: { label: 'pillars reviewed' },
  externalReviews: { label: 'review rows with an external reviewer' },
  due: { label: 'due' },
  closed: { label: 'closed' },
  share: { label: 'share closed', kind: 'share' },
  longOverdue: { label: 'open over 90 days past due' },
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
              : String(value);
      return `${f.label} ${shown}`;
    })
    .join('; ');
}

/** The line a draft carries everywhere it is shown: it is not the board's report yet. */
export const DRAFT_NOTICE =
  'DRAFT for the quality assurance lead: not approved, and not sent to the board. Comments screening held back are not shown.';

/** What moderation did to the comments, in words for the board (counts only: never the text). */
export function moderationWords(
  m: { held: number; withheld: number; redacted: number } | undefined,
): string[] {
  if (!m) return [];
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  const words: string[] = [];
  if (m.held)
    words.push(
      `${n(m.held, 'comment is', 'comments are')} held back because screening found what may be a name or contact details.`,
    );
  if (m.withheld)
    words.push(
      `${n(m.withheld, 'comment was', 'comments were')} withheld by the quality assurance lead because ${m.withheld === 1 ? 'it' : 'they'} could identify someone.`,
    );
  if (m.redacted)
    words.push(
      `${n(m.redacted, 'comment has', 'comments have')} words removed by the quality assurance lead, marked [removed].`,
    );
  return words;
}
