import type { Evaluation, Rating } from '../domain/evaluation';
import { PILLARS, FRAMEWORK_CREDIT } from '../domain/pillars';
import { html, trusted, type Html } from './escape';
import {
  RATING_COLOUR,
  RATING_LABEL,
  TREND_LABEL,
  describeFigures,
  fmtMean,
  fmtPct,
  ACCESS_WORDS,
  groupName,
  DRAFT_NOTICE,
  moderationWords,
  OVERALL_RULE,
  RATING_MEANING,
  ledgerSummary,
  recommendationStatus,
  noCommentsWords,
  methodParagraphs,
  TREND_LINES,
  spreadLabels,
} from './labels';
import type { ReportInput } from './pdf-report';
import { ukDate } from '../domain/dates';

const badge = (rating: Rating) =>
  html`<span class="badge" style="background:${RATING_COLOUR[rating].bg};color:${RATING_COLOUR[rating].fg}">${RATING_LABEL[rating]}</span>`;

const RANK: Record<Rating, number> = { grey: 0, red: 1, amber: 2, green: 3 };

/** Each criterion across every cycle so far, as an inline SVG line chart with a text alternative. */
function trendChart(history: Evaluation[]): Html {
  const w = 640;
  const h = 200;
  const left = 80;
  const plotW = w - left - 90;
  const step = history.length > 1 ? plotW / (history.length - 1) : 0;
  const y = (r: Rating) => 20 + (3 - RANK[r]) * 70;
  const ids = history.at(-1)?.criteria.map((c) => c.id) ?? [];
  // Each line ends in a label of its own at its last rated point, spread apart so none overlap.
  const tracks = ids.map((id, k) => ({
    id,
    k,
    pts: history
      .map((e, i) => ({ x: left + i * step, r: e.criteria.find((c) => c.id === id)?.rating ?? 'grey' }))
      .filter((p) => p.r !== 'grey')
      .map((p) => ({ x: p.x, y: y(p.r as Rating) + (k - 2) * 3 })),
  }));
  const labelYs = spreadLabels(
    tracks.map((t) => (t.pts.at(-1)?.y ?? 20) + 4),
    15,
  );
  const lines = tracks.map(({ id, k, pts }) => {
    const style = TREND_LINES[k % TREND_LINES.length]!;
    const d = pts.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
    const end = pts.at(-1);
    return html`<path d="${d}" fill="none" stroke="${style.colour}" stroke-width="2.5"${style.dash.length ? html` stroke-dasharray="${style.dash.join(' ')}"` : ''}/>${pts.map((p) => html`<circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="4" fill="${style.colour}"/>`)}${end ? html`<text x="${(end.x + 10).toFixed(1)}" y="${labelYs[k]!.toFixed(1)}" fill="${style.colour}" font-weight="600" font-size="13">${id}</text>` : ''}`;
  });
  const summary = ids
    .map(
      (id) =>
        `${id}: ${history.map((e) => `${e.cycleId} ${RATING_LABEL[e.criteria.find((c) => c.id === id)?.rating ?? 'grey']}`).join(', ')}`,
    )
    .join('. ');
  return html`<figure><svg viewBox="0 0 ${w} ${h + 40}" role="img" aria-label="${`Ratings by cycle. ${summary}`}" style="max-width:100%;height:auto">
${(['green', 'amber', 'red'] as const).map((r) => html`<line x1="${left}" x2="${left + plotW}" y1="${y(r)}" y2="${y(r)}" stroke="#e5e5e5"/><text x="0" y="${y(r) + 4}" font-size="12" fill="#555">${RATING_LABEL[r]}</text>`)}
${history.map((e, i) => html`<text x="${left + i * step}" y="${h + 25}" font-size="12" text-anchor="middle" fill="#555">${e.cycleId}</text>`)}
${lines}
</svg><figcaption class="muted">Each criterion in every cycle evaluated so far; a gap is a cycle without enough evidence.</figcaption></figure>`;
}

/** Practitioners beside peer review for each pillar, as paired bars, with the numbers in the table beside. */
function triangulationTable(e: Evaluation): Html {
  const bar = (v: number | null, colour: string) =>
    v === null
      ? html`<span class="muted">n/a</span>`
      : html`<svg width="120" height="10" aria-hidden="true"><rect width="120" height="10" fill="#eee"/><rect width="${(((v - 1) / 4) * 120).toFixed(1)}" height="10" fill="${colour}"/></svg> ${v.toFixed(1)}`;
  return scrollable(
    'Pillar by pillar',
    html`<table><thead><tr><th scope="col">Pillar</th><th scope="col">Practitioners (1-5)</th><th scope="col">Peer review (scaled to 1-5)</th><th scope="col">Agreement</th></tr></thead><tbody>
${e.triangulation.map((t) => html`<tr><td>${PILLARS[t.pillar].number}. ${PILLARS[t.pillar].label}</td><td>${bar(t.practitionerMean, '#0b5394')}</td><td>${bar(t.peerScaled, '#7a3e9d')}${t.peerReviewDate ? html`<br><span class="muted">reviewed ${t.peerReviewDate}</span>` : ''}</td><td>${t.sourcesDisagree ? html`<strong class="warn">Sources disagree</strong>` : t.gap === null ? html`<span class="muted">not compared</span>` : 'Consistent'}</td></tr>`)}
</tbody></table>`,
  );
}

/** The board report as one self-contained, print-friendly HTML page: no script, no external file. */
function breakdownTable(
  groups: Evaluation['practitioners']['byDivision'],
  by: 'division' | 'role',
  divisionNames: Record<string, string>,
  k: number,
): Html | string {
  if (!groups.length) return '';
  const safety = groups.some((g) => g.safetyMean !== null);
  const influence = groups.some((g) => g.influenceMean !== null);
  const heading = by === 'division' ? 'Responses by division' : 'Responses by role';
  const table = html`<table><thead><tr><th scope="col">${by === 'division' ? 'Division' : 'Role'}</th><th scope="col">Responses</th>${safety ? html`<th scope="col">Feeling safe (1-5)</th>` : ''}${influence ? html`<th scope="col">Feedback leads to change (1-5)</th>` : ''}</tr></thead><tbody>${groups.map((g) => html`<tr><td>${groupName(g, by, divisionNames)}</td><td>${g.count}</td>${safety ? html`<td>${g.safetyMean?.toFixed(1) ?? ''}</td>` : ''}${influence ? html`<td>${g.influenceMean?.toFixed(1) ?? ''}</td>` : ''}</tr>`)}</tbody></table>`;
  return html`<h3>${heading}</h3><p class="muted">Every group has at least ${k} responses; smaller ones are reported together.</p>${scrollable(heading, table)}`;
}

/** A table that scrolls inside its own box on a narrow screen, so the page itself never does. */
const scrollable = (label: string, table: Html) =>
  html`<div class="table-wrap" role="region" aria-label="${label}" tabindex="0">${table}</div>`;

export function renderHtmlReport({ evaluation: e, history, divisionNames = {} }: ReportInput): string {
  const p = e.practitioners;
  const sections: [string, string][] = [
    ['summary', 'Executive summary'],
    ['criteria', 'The five criteria'],
    ['trends', 'Trends across cycles'],
    ['voice', "Practitioners' voice and peer review"],
    ['ledger', 'Recommendations ledger'],
    ['you-said', 'You said, we did'],
    ['questions', 'Questions for the board'],
    ['method', 'Method and anonymity'],
  ];
  return html`<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e.trustName}: improvement model assurance, ${e.cycleId}</title>
<style>${trusted(`
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:62rem;margin:0 auto;padding:1.5rem;color:#1a1a1a;line-height:1.5}
h1{font-size:2rem;margin:.25rem 0}h2{border-bottom:2px solid #ddd;padding-bottom:.25rem;margin-top:2.25rem}
.badge{display:inline-block;padding:.15rem .7rem;border-radius:1rem;font-weight:600;white-space:nowrap}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.45rem;border-bottom:1px solid #ddd;vertical-align:top}
blockquote{margin:.5rem 0;padding:.5rem 1rem;border-left:4px solid #ccc;background:#f7f7f7;white-space:pre-wrap;overflow-wrap:anywhere}
.key{display:grid;gap:.25rem;margin:.5rem 0}.key div{display:flex;gap:.75rem;align-items:center;flex-wrap:wrap}.key dt{min-width:11rem}.key dd{margin:0}
.table-wrap{overflow-x:auto;max-width:100%}.table-wrap:focus{outline:3px solid #b45309}td{overflow-wrap:anywhere}blockquote,p,li{overflow-wrap:anywhere}
@media (max-width:40rem){body{padding:.75rem}h1{font-size:1.6rem}th,td{padding:.3rem;font-size:.9rem}}
.draft{border:2px dashed #b3261e;padding:.6rem 1rem;color:#b3261e}.muted{color:#555}.warn{color:#b3261e}.cover{border-bottom:3px solid #0b5394;padding-bottom:1rem}
nav ol{columns:2}
@media print{body{max-width:none;padding:0}h2{break-after:avoid}section{break-inside:avoid-page}nav{display:none}}
`)}</style>
</head>
<body>
<header class="cover">
<p class="muted">Improvement model quality assurance · board report</p>
<h1>${e.trustName}</h1>
<p>Cycle <strong>${e.cycleId}</strong>, ${e.cycleStart} to ${e.cycleEnd}</p>
<p>Overall judgement: ${badge(e.overall.rating)} <span class="muted">${TREND_LABEL[e.overall.trend]} since the last cycle${e.overall.greyCount ? `; ${e.overall.greyCount} of 5 criteria without enough evidence` : ''}</span></p>
<p>${OVERALL_RULE}</p>
<dl class="key" aria-label="What the ratings mean">${(['green', 'amber', 'red', 'grey'] as const).map((r) => html`<div><dt>${badge(r)}</dt><dd>${RATING_MEANING[r]}</dd></div>`)}</dl>
</header>
${e.review?.status === 'draft' ? html`<p class="draft" role="note"><strong>${DRAFT_NOTICE}</strong></p>` : ''}
${e.review?.commentary ? html`<section id="commentary" aria-labelledby="commentary-title"><h2 id="commentary-title">From the quality assurance lead</h2><blockquote>${e.review.commentary}</blockquote>${e.review.approvedOn ? html`<p class="muted">Approved on ${e.review.approvedOn}.</p>` : ''}</section>` : ''}
<nav aria-label="Contents"><h2>Contents</h2><ol>${sections.map(([id, title]) => html`<li><a href="#${id}">${title}</a></li>`)}</ol></nav>
<main>
<section id="summary"><h2>Executive summary</h2>
<p>Overall, the improvement model is rated <strong>${RATING_LABEL[e.overall.rating].toLowerCase()}</strong> this cycle. ${OVERALL_RULE}</p>
${scrollable(
  'The five criteria in one sentence each',
  html`<table><thead><tr><th scope="col">Criterion</th><th scope="col">Rating</th><th scope="col">Since last cycle</th><th scope="col">In one sentence</th></tr></thead><tbody>
${e.criteria.map((c) => html`<tr><td><strong>${c.id}</strong> ${c.title}</td><td>${badge(c.rating)}</td><td>${TREND_LABEL[c.trend]}</td><td>${c.reasoning}</td></tr>`)}
</tbody></table>`,
)}</section>
<section id="criteria"><h2>The five criteria</h2>
${e.criteria.map(
  (
    c,
  ) => html`<h3>${c.id}. ${c.title}</h3><p>${badge(c.rating)} <span class="muted">${TREND_LABEL[c.trend]}</span></p><p>${c.reasoning}</p>
${
  Object.keys(c.evidence.figures).length
    ? html`<p class="muted">Figures: ${describeFigures(c.evidence.figures)}</p>`
    : ''
}
${c.evidence.recordIds.length ? html`<p class="muted">Evidence: ${c.evidence.recordIds.join(', ')}</p>` : ''}`,
)}
</section>
<section id="trends"><h2>Trends across cycles</h2>${trendChart(history)}</section>
<section id="voice"><h2>Practitioners' voice and peer review</h2>
<p>Responses: ${p.responses ?? `fewer than ${e.anonymity.k}`}; participation: ${fmtPct(p.participation)}; feeling safe to give honest feedback: ${fmtMean(p.safetyMean)}; feedback leads to change: ${fmtMean(p.influenceMean)}.</p>
${p.access ? html`<p>${ACCESS_WORDS[p.access]}</p>` : ''}
<h3>Pillar by pillar</h3>${triangulationTable(e)}
${breakdownTable(p.byDivision, 'division', divisionNames, e.anonymity.k)}
${breakdownTable(p.byRole, 'role', divisionNames, e.anonymity.k)}
${p.withheld.length ? html`<h3>What is not published, and why</h3><ul>${p.withheld.map((w) => html`<li>${w}</li>`)}</ul>` : ''}
<h3>What practitioners said</h3>
${moderationWords(e.review?.moderation).map((w) => html`<p class="muted">${w}</p>`)}
${p.comments.length ? html`<p class="muted">${p.comments.length === p.commentsTotal ? `All ${p.commentsTotal} comments` : `A random sample of ${p.comments.length} of ${p.commentsTotal} comments`}, in random order, with contact details removed.</p>${p.comments.map((c) => html`<blockquote>${c}</blockquote>`)}` : html`<p class="muted">${noCommentsWords(e)}</p>`}
</section>
<section id="ledger"><h2>Recommendations ledger</h2>
<p>${ledgerSummary(e)}</p>
${scrollable(
  'Recommendations',
  html`<table><thead><tr><th scope="col">Recommendation</th><th scope="col">Owner</th><th scope="col">Pillar</th><th scope="col">Due</th><th scope="col">Status</th></tr></thead><tbody>
${e.recommendations.map((r) => html`<tr><td>${r.text}</td><td>${r.owner ?? 'not recorded'}</td><td>${PILLARS[r.pillar].label}</td><td>${ukDate(r.due)}</td><td${r.daysOverdue ? html` class="warn"` : ''}>${recommendationStatus(r)}</td></tr>`)}
</tbody></table>`,
)}</section>
<section id="you-said"><h2>You said, we did</h2>
${e.changesFromFeedback.length ? html`<ul>${e.changesFromFeedback.map((c) => html`<li>${ukDate(c.date)}: ${c.description} <span class="muted">(${PILLARS[c.pillar].label})</span></li>`)}</ul>` : html`<p>No change to the model this cycle is recorded as coming from practitioner feedback.</p>`}
</section>
<section id="questions"><h2>Questions for the board</h2>
${e.boardQuestions.length ? html`<ul>${e.boardQuestions.flatMap((q) => q.questions.map((t) => html`<li><strong>${q.criterion}:</strong> ${t}</li>`))}</ul>` : html`<p>No criterion is amber or red this cycle.</p>`}
</section>
<section id="method"><h2>Method and anonymity</h2>
${methodParagraphs(e).map((m) => html`<p>${m}</p>`)}
<p class="muted">${FRAMEWORK_CREDIT}</p>
</section>
</main>
</body>
</html>
`.value;
}
