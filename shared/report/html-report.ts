import type { Rating } from '../domain/evaluation';
import { html, trusted, type Html } from './escape';
import { RATING_COLOUR, RATING_LABEL } from './labels';
import type { Block, Cell, ReportDocument, Section } from './document';
import { layoutTrendChart, type TrendChart } from './trend-chart';

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:62rem;margin:0 auto;padding:1.5rem;color:#1a1a1a;line-height:1.5}
h1{font-size:2rem;margin:.25rem 0}h2{border-bottom:2px solid #ddd;padding-bottom:.25rem;margin-top:2.25rem}h3{margin-top:1.5rem}
.badge{display:inline-block;padding:.15rem .7rem;border-radius:1rem;font-weight:600;white-space:nowrap}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.45rem;border-bottom:1px solid #ddd;vertical-align:top}
blockquote{margin:.5rem 0;padding:.5rem 1rem;border-left:4px solid #ccc;background:#f7f7f7;white-space:pre-wrap}
.rated{display:grid;gap:.35rem;margin:.75rem 0;padding:0}.rated div{display:flex;gap:.75rem;align-items:center;flex-wrap:wrap}.rated dt{min-width:11rem}.rated dd{margin:0}
.table-wrap{overflow-x:auto;max-width:100%}.table-wrap:focus{outline:3px solid #b45309}
blockquote,p,li{overflow-wrap:anywhere}td{overflow-wrap:break-word}
@media (max-width:40rem){body{padding:.75rem}h1{font-size:1.6rem}th,td{padding:.3rem;font-size:.9rem}.rated dt{min-width:0}}
.notice{border:2px dashed #b3261e;padding:.6rem 1rem;color:#b3261e;font-weight:600}.muted{color:#555}.warn{color:#b3261e}
.cover{border-bottom:3px solid #0b5394;padding-bottom:1rem}.marking{text-align:center;font-weight:700;letter-spacing:.05em;margin:0 0 .5rem}
.logo{display:block;max-width:min(100%,16rem);max-height:5rem;width:auto;height:auto}
nav ol{columns:2}
@media print{body{max-width:none;padding:0}h2{break-after:avoid}nav{display:none}}
`;

const badge = (rating: Rating) =>
  html`<span class="badge" style="background:${RATING_COLOUR[rating].bg};color:${RATING_COLOUR[rating].fg}">${RATING_LABEL[rating]}</span>`;

const toneClass = (tone?: string) => (tone ? html` class="${tone}"` : '');

function cell(c: Cell): Html {
  if ('badge' in c) return badge(c.badge);
  if ('bar' in c)
    return c.bar === null
      ? html`<span class="muted">not shown</span>`
      : html`<svg width="100" height="10" aria-hidden="true"><rect width="100" height="10" fill="#eee"/><rect width="${(((c.bar - 1) / 4) * 100).toFixed(1)}" height="10" fill="${c.colour}"/></svg> ${c.bar.toFixed(1)}`;
  return c.strong
    ? html`<strong${toneClass(c.tone)}>${c.text}</strong>`
    : c.tone
      ? html`<span${toneClass(c.tone)}>${c.text}</span>`
      : html`${c.text}`;
}

function chart(c: TrendChart, alt: string, caption: string): Html {
  const g = layoutTrendChart(c, { left: 90, top: 20, width: 460, height: 140, labelGap: 15 });
  return html`<figure style="margin:1rem 0"><svg viewBox="0 0 640 200" role="img" aria-label="${alt}" style="max-width:100%;height:auto">
${g.grid.map((l) => html`<line x1="90" x2="550" y1="${l.y}" y2="${l.y}" stroke="#e5e5e5"/><text x="0" y="${l.y + 4}" font-size="12" fill="#555">${l.label}</text>`)}
${g.cycles.map((x) => html`<text x="${x.x}" y="190" font-size="12" text-anchor="middle" fill="#555">${x.label}</text>`)}
${g.lines.map(
  (l) =>
    html`${l.runs.map((run) => html`<path d="${run.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ')}" fill="none" stroke="${l.style.colour}" stroke-width="2.5"${l.style.dash.length ? html` stroke-dasharray="${l.style.dash.join(' ')}"` : ''}/>${run.map((p) => html`<circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="4" fill="${l.style.colour}"/>`)}`)}${l.label ? html`<text x="${l.label.x.toFixed(1)}" y="${(l.label.y + 4).toFixed(1)}" fill="${l.style.colour}" font-weight="600" font-size="13">${l.id}</text>` : ''}`,
)}
</svg><figcaption class="muted">${caption}</figcaption></figure>`;
}

function block(b: Block): Html {
  switch (b.kind) {
    case 'heading':
      return html`<h3>${b.text}</h3>`;
    case 'para':
      return b.strong
        ? html`<p${toneClass(b.tone)}><strong>${b.text}</strong></p>`
        : html`<p${toneClass(b.tone)}>${b.text}</p>`;
    case 'notice':
      return html`<p class="notice" role="note">${b.text}</p>`;
    case 'rated':
      return html`<dl class="rated" aria-label="${b.label}">${b.rows.map((r) => html`<div><dt>${badge(r.rating)}</dt><dd>${r.text}</dd></div>`)}</dl>`;
    case 'table':
      // A table scrolls inside its own box on a narrow screen, so the page itself never does.
      return html`<div class="table-wrap" role="region" aria-label="${b.label}" tabindex="0"><table><thead><tr>${b.head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead><tbody>${b.rows.map((row) => html`<tr>${row.map((c) => html`<td>${cell(c)}</td>`)}</tr>`)}</tbody></table></div>`;
    case 'list':
      return html`<ul>${b.items.map((i) => html`<li>${i}</li>`)}</ul>`;
    case 'quote':
      return html`<blockquote>${b.text}</blockquote>`;
    case 'chart':
      return chart(b.chart, b.alt, b.caption);
  }
}

const section = (s: Section) =>
  html`<section id="${s.id}" aria-labelledby="${s.id}-title"><h2 id="${s.id}-title">${s.title}</h2>${s.blocks.map(block)}</section>`;

/** The board report as one self-contained, print-friendly HTML page: no script, no external file. */
export function renderHtml(doc: ReportDocument): string {
  return html`<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${doc.title}</title>
<style>${trusted(STYLE)}</style>
</head>
<body>
${doc.marking ? html`<p class="marking">${doc.marking}</p>` : ''}
<header class="cover">
${doc.logo ? html`<img class="logo" src="${doc.logo}" alt="${doc.trustName}">` : ''}
<p class="muted">${doc.cover.eyebrow}</p>
<h1>${doc.cover.heading}</h1>
<p>${doc.cover.subtitle}</p>
</header>
<main>
${section(doc.summary)}
<nav aria-label="Contents"><h2>Contents</h2><ol>${doc.sections.map((s) => html`<li><a href="#${s.id}">${s.title}</a></li>`)}</ol></nav>
${doc.sections.map(section)}
</main>
${doc.marking ? html`<p class="marking">${doc.marking}</p>` : ''}
</body>
</html>
`.value;
}
