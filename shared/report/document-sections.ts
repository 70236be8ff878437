import type { Evaluation } from '../domain/evaluation';
import { PILLARS, type PillarKey } from '../domain/pillars';
import { ukDate } from '../domain/dates';
import type { Thresholds } from '../schemas/config';
import {
  ACCESS_WORDS,
  CRITERION_ASKS,
  TREND_WORDS,
  describeFigures,
  fmtMean,
  fmtPct,
  groupName,
  ledgerSummary,
  moderationWords,
  noCommentsWords,
  recommendationStatus,
  thresholdWords,
} from './labels';
import { trendChartOf, trendChartWords } from './trend-chart';
import type { Block, Section } from './document';

const BAR = { practitioners: '#0b5394', peer: '#7a3e9d' };
const table = (t: Omit<Extract<Block, { kind: 'table' }>, 'kind'>): Block => ({ kind: 'table', ...t });

/** The criteria one by one: what each asks, what was found, how it is rated, and on what evidence. */
export function criteriaSection(e: Evaluation, history: Evaluation[], t: Thresholds): Section {
  const chart = trendChartOf(history);
  return {
    id: 'criteria',
    title: 'The five criteria',
    blocks: [
      ...e.criteria.flatMap((c): Block[] => [
        { kind: 'heading', text: `${c.id}. ${c.title}` },
        {
          kind: 'rated',
          label: `${c.id} rating`,
          rows: [{ rating: c.rating, text: `${TREND_WORDS[c.trend]} since the last cycle` }],
        },
        { kind: 'para', text: `What it asks: ${CRITERION_ASKS[c.id]}` },
        { kind: 'para', text: `What we found: ${c.reasoning}`, strong: true },
        { kind: 'para', text: `How it is rated: ${thresholdWords(c.id, t)}`, tone: 'muted' },
        ...(Object.keys(c.evidence.figures).length
          ? [
              {
                kind: 'para',
                text: `In figures: ${describeFigures(c.evidence.figures)}.`,
                tone: 'muted',
              } as const,
            ]
          : []),
        ...(c.evidence.sources?.length
          ? [
              { kind: 'para', text: 'Evidence:', tone: 'muted' } as const,
              { kind: 'list', items: c.evidence.sources } as const,
            ]
          : []),
      ]),
      { kind: 'heading', text: 'Trends across cycles' },
      {
        kind: 'chart',
        chart,
        alt: trendChartWords(chart),
        caption:
          'Each criterion in every cycle evaluated so far, higher is better; a line is labelled at its end, and a gap is a cycle without enough evidence.',
      },
    ],
  };
}

/** How the whole trust answered each question: the mean beside the shares disagreeing, neutral, agreeing. */
function answersTable(e: Evaluation): Block[] {
  const p = e.practitioners;
  const bands = p.answerBands ?? [];
  if (!bands.length) return [];
  const meanOf = (q: string) =>
    q === 'safety'
      ? p.safetyMean
      : q === 'influence'
        ? p.influenceMean
        : (e.triangulation.find((t) => t.pillar === q)?.practitionerMean ?? null);
  const nameOf = (q: string) =>
    q === 'safety'
      ? 'I can give honest feedback without fear or favour'
      : q === 'influence'
        ? 'Feedback I give leads to changes'
        : `${PILLARS[q as PillarKey].number}. ${PILLARS[q as PillarKey].label}`;
  return [
    { kind: 'heading', text: 'How practitioners answered, across the trust' },
    {
      kind: 'para',
      tone: 'muted',
      text: 'Each statement on a scale of 1 (strongly disagree) to 5 (strongly agree): the average, and the share who disagreed (1 or 2), were neutral (3) or agreed (4 or 5). Shares may not add up to 100% because of rounding.',
    },
    {
      kind: 'table',
      label: 'How practitioners answered',
      head: ['Statement', 'Average (1-5)', 'Disagree', 'Neutral', 'Agree'],
      widths: [0.4, 0.15, 0.15, 0.15, 0.15],
      rows: bands.map((b) => [
        { text: nameOf(b.question) },
        { text: meanOf(b.question)?.toFixed(1) ?? 'not shown' },
        { text: fmtPct(b.disagree) },
        { text: fmtPct(b.neutral) },
        { text: fmtPct(b.agree) },
      ]),
    },
  ];
}

export function voiceSection(e: Evaluation, divisionNames: Record<string, string>): Section {
  const p = e.practitioners;
  const k = e.anonymity.k;
  const breakdown = (by: 'division' | 'role'): Block[] => {
    const groups = by === 'division' ? p.byDivision : p.byRole;
    if (!groups.length) return [];
    const rate = groups.some((g) => typeof g.participation === 'number');
    const safety = groups.some((g) => g.safetyMean !== null);
    const influence = groups.some((g) => g.influenceMean !== null);
    const head = [
      by === 'division' ? 'School' : 'Role',
      'Responses',
      ...(rate ? ['Response rate'] : []),
      ...(safety ? ['Feeling safe (1-5)'] : []),
      ...(influence ? ['Feedback leads to change (1-5)'] : []),
    ];
    const widths = head.map((_, i) => (i === 0 ? 0.4 : 0.6 / (head.length - 1)));
    const mean = (x: number | null) => ({ text: x === null ? 'not shown' : x.toFixed(1) });
    return [
      { kind: 'heading', text: by === 'division' ? 'Responses by school' : 'Responses by role' },
      {
        kind: 'para',
        tone: 'muted',
        text: `Every group has at least ${k} responses; smaller ones are reported together.`,
      },
      {
        kind: 'table',
        label: by === 'division' ? 'Responses by school' : 'Responses by role',
        head,
        widths,
        rows: groups.map((g) => [
          { text: groupName(g, by, divisionNames) },
          { text: String(g.count) },
          ...(rate
            ? [{ text: typeof g.participation === 'number' ? fmtPct(g.participation) : 'no headcount' }]
            : []),
          ...(safety ? [mean(g.safetyMean)] : []),
          ...(influence ? [mean(g.influenceMean)] : []),
        ]),
      },
    ];
  };
  const comments: Block[] = p.comments.length
    ? [
        {
          kind: 'para',
          tone: 'muted',
          text: `${p.comments.length === p.commentsTotal ? `All ${p.commentsTotal} comments` : `A random sample of ${p.comments.length} of ${p.commentsTotal} comments`}, in random order, with contact details removed.`,
        },
        ...p.comments.map((text): Block => ({ kind: 'quote', text })),
      ]
    : [{ kind: 'para', tone: 'muted', text: noCommentsWords(e) }];
  return {
    id: 'voice',
    title: "Practitioners' voice and peer review",
    blocks: [
      {
        kind: 'para',
        text: `Responses: ${p.responses ?? `fewer than ${k}`}. Response rate: ${fmtPct(p.participation)}. Feeling safe to give honest feedback: ${fmtMean(p.safetyMean)}. Feedback leads to change: ${fmtMean(p.influenceMean)}.`,
      },
      ...(p.access ? [{ kind: 'para', text: ACCESS_WORDS[p.access] } as const] : []),
      ...answersTable(e),
      ...breakdown('division'),
      ...breakdown('role'),
      { kind: 'heading', text: 'Pillar by pillar: practitioners beside peer review' },
      {
        kind: 'para',
        tone: 'muted',
        text: 'Practitioners answer from 1 to 5; peer reviewers rate from 1 to 4, put on the same 1 to 5 scale here.',
      },
      {
        kind: 'table',
        label: 'Pillar by pillar',
        head: ['Pillar', 'Practitioners', 'Peer review', 'Agreement'],
        widths: [0.3, 0.25, 0.25, 0.2],
        rows: e.triangulation.map((t) => [
          { text: `${PILLARS[t.pillar].number}. ${PILLARS[t.pillar].label}` },
          { bar: t.practitionerMean, colour: BAR.practitioners },
          { bar: t.peerScaled, colour: BAR.peer },
          t.sourcesDisagree
            ? { text: 'Sources disagree', tone: 'warn', strong: true }
            : {
                text: t.gap === null ? 'not compared' : 'Consistent',
                ...(t.gap === null ? { tone: 'muted' } : {}),
              },
        ]),
      },
      ...(p.withheld.length
        ? [
            { kind: 'heading', text: 'What is not published, and why' } as const,
            { kind: 'list', items: p.withheld } as const,
          ]
        : []),
      { kind: 'heading', text: 'What practitioners said' },
      ...moderationWords(e.review?.moderation).map((text): Block => ({ kind: 'para', tone: 'muted', text })),
      ...comments,
    ],
  };
}

export function ledgerSection(e: Evaluation): Section {
  return {
    id: 'ledger',
    title: 'Recommendations ledger',
    blocks: [
      { kind: 'para', text: ledgerSummary(e) },
      ...(e.recommendations.length
        ? [
            table({
              label: 'Recommendations',
              head: ['Recommendation', 'Owner', 'Pillar', 'Due', 'Status'],
              widths: [0.38, 0.18, 0.14, 0.14, 0.16],
              rows: e.recommendations.map((r) => [
                { text: r.text },
                { text: r.owner ?? 'not recorded', ...(r.owner ? {} : { tone: 'muted' as const }) },
                { text: PILLARS[r.pillar].label },
                { text: ukDate(r.due) },
                {
                  text: recommendationStatus(r),
                  ...(r.daysOverdue ? { tone: 'warn' as const, strong: true } : {}),
                },
              ]),
            }),
          ]
        : []),
    ],
  };
}
