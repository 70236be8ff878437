import { html, type Html } from '../report/escape';
import { RATING_LABEL } from '../report/labels';
import { STATE_WORDS, type CycleState } from '../domain/cycle-state';
import { FLAG_WORDS } from '../domain/screening';
import type { CycleReview } from '../cycle/approval';
import type { Form } from '../domain/forms';

/**
 * The QA lead's console, as plain server-rendered pages: every action is an HTML form that works
 * without JavaScript, and every value is escaped (comments are hostile text).
 */
const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1a1a1a;line-height:1.5;font-size:1.05rem}
header.bar{background:#0b3d6e;color:#fff;padding:.75rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between}
header.bar a{color:#fff}main{max-width:56rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;margin:.5rem 0}h2{font-size:1.25rem;margin-top:2rem;border-bottom:2px solid #ddd}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;color:#000;padding:.5rem;z-index:2}
a:focus,button:focus,input:focus,textarea:focus{outline:3px solid #f4b400;outline-offset:2px}
button{font:inherit;padding:.5rem 1rem;border-radius:.4rem;border:2px solid #0b3d6e;background:#0b3d6e;color:#fff;cursor:pointer;min-height:44px}
button.secondary{background:#fff;color:#0b3d6e}button[disabled]{opacity:.6;cursor:not-allowed}
.comment{border:1px solid #ccc;border-radius:.4rem;padding:.75rem;margin:.75rem 0}
.comment blockquote{margin:.25rem 0 .5rem;padding:.5rem .75rem;background:#f5f5f5;border-left:4px solid #999;white-space:pre-wrap;overflow-wrap:anywhere}
.held{border-color:#b3261e}.tag{display:inline-block;padding:0 .5rem;border-radius:.3rem;background:#eee;font-size:.9rem}
.tag.held{background:#fde7e9;color:#8c1d18}.note{padding:.75rem;border-radius:.4rem;background:#e8f0fe}.error{background:#fde7e9;color:#8c1d18}
fieldset{border:1px solid #ccc;border-radius:.4rem;margin:.5rem 0}label{display:inline-block;margin:.25rem .75rem .25rem 0}
textarea{width:100%;box-sizing:border-box;min-height:8rem;font:inherit}input[type=text]{font:inherit;padding:.3rem;max-width:100%}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem;border-bottom:1px solid #ddd}
`;

export function consolePage(title: string, body: Html | string, base: string, signedInAs?: string): string {
  return html`<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · pillar7 console</title><style>${STYLE}</style></head>
<body><a class="skip" href="#main">Skip to content</a>
<header class="bar"><span><strong>pillar7</strong> · quality assurance console</span>${
    signedInAs
      ? html`<form method="post" action="${base}/signout"><span>${signedInAs}</span> <button class="secondary" type="submit">Sign out</button></form>`
      : ''
  }</header>
<main id="main">${body}</main></body></html>`.value;
}

export function messagePage(
  title: string,
  lines: (string | Html)[],
  base: string,
  signedInAs?: string,
): string {
  return consolePage(title, html`<h1>${title}</h1>${lines.map((l) => html`<p>${l}</p>`)}`, base, signedInAs);
}

export interface CycleRow {
  id: string;
  start: string;
  end: string;
  state: CycleState;
}

export function homePage(trust: string, cycles: CycleRow[], base: string): Html {
  return html`<h1>${trust}</h1>
<p>Each review cycle's report is a draft until you approve it; only then is the board e-mailed.</p>
<table><caption class="skip">Review cycles</caption><thead><tr><th scope="col">Cycle</th><th scope="col">Dates</th><th scope="col">Where it stands</th></tr></thead><tbody>
${cycles.map((c) => html`<tr><td><a href="${base}/cycles/${encodeURIComponent(c.id)}">${c.id}</a></td><td>${c.start} to ${c.end}</td><td>${STATE_WORDS[c.state]}</td></tr>`)}
</tbody></table>`;
}

export interface CyclePageInput {
  review: CycleReview;
  cycle: { id: string; start: string; end: string };
  form?: Form;
  formLink?: string;
  /** Responses so far by division, banded (SPEC section 3). */
  participation?: { name: string; band: string }[];
  notice?: { kind: 'note' | 'error'; text: string };
  commentaryDraft?: string;
  base: string;
}

function commentBlock(at: string, c: CycleReview['comments'][number], locked: boolean): Html {
  const held = c.flags.length > 0 && !c.decision;
  const status = c.decision
    ? c.decision.action === 'keep'
      ? `Kept by ${c.decision.by}`
      : c.decision.action === 'redact'
        ? `Words removed ("${c.decision.span}") by ${c.decision.by}`
        : `Withheld by ${c.decision.by}`
    : held
      ? `Held: screening found ${c.flags.map((f) => FLAG_WORDS[f]).join(', ')}`
      : 'Shown in the report';
  const legend = `Decide on this comment`;
  return html`<article class="comment${held ? ' held' : ''}" aria-label="Comment ${c.id}">
<p><span class="tag${held ? ' held' : ''}">${status}</span></p>
<blockquote>${c.shown ?? c.text}</blockquote>
${
  locked
    ? ''
    : html`<form method="post" action="${at}/comments">
<input type="hidden" name="commentId" value="${c.id}">
<fieldset><legend>${legend}</legend>
<label><input type="radio" name="action" value="keep" required> Keep as written</label>
<label><input type="radio" name="action" value="withhold"> Withhold (counted, never shown)</label>
<label><input type="radio" name="action" value="redact"> Remove some words:</label>
<label for="span-${c.id}">Words to remove</label> <input type="text" id="span-${c.id}" name="span" autocomplete="off">
</fieldset>
<button type="submit">Save decision</button></form>`
}
</article>`;
}

export function cyclePage(input: CyclePageInput): Html {
  const { review, cycle, form, formLink, notice, base } = input;
  const at = `${base}/cycles/${encodeURIComponent(cycle.id)}`;
  const { run, evaluation, counts } = review;
  const locked = review.state === 'approved' || review.state === 'sent';
  const sent = Boolean(run.emailSentAt);
  return html`<p><a href="${base}">All cycles</a></p>
<h1>Cycle ${cycle.id}</h1>
<p>${cycle.start} to ${cycle.end}. <strong>${STATE_WORDS[review.state]}</strong>.</p>
${notice ? html`<p class="note${notice.kind === 'error' ? ' error' : ''}" role="${notice.kind === 'error' ? 'alert' : 'status'}">${notice.text}</p>` : ''}
<h2>The form</h2>
${
  form
    ? html`<p>Open ${form.opensOn} to ${form.closesOn}. Link for staff: <a href="${formLink}">${formLink}</a></p>
<p><a href="${at}/poster">A poster for the staffroom, with a QR code</a> · <a href="${formLink}/qr.svg" download="feedback-qr-${cycle.id}.svg">Download the QR code</a></p>
${
  input.participation
    ? html`<table><caption>Responses so far, by school (banded: fewer than the minimum group, or rounded down to a multiple of 5)</caption><thead><tr><th scope="col">School</th><th scope="col">Responses</th></tr></thead><tbody>${input.participation.map((p) => html`<tr><td>${p.name}</td><td>${p.band}</td></tr>`)}</tbody></table>`
    : ''
}`
    : html`<p>This cycle has no form yet.</p><form method="post" action="${at}/form"><button type="submit">Open the form for this cycle</button></form>`
}
<h2>The report</h2>
${
  run.reportKey && evaluation
    ? html`<p>Overall: <strong>${RATING_LABEL[evaluation.overall.rating]}</strong>; responses: ${evaluation.practitioners.responses ?? 'fewer than the minimum group'}.</p>
<p><a href="${at}/report/report.html">Read the ${review.state === 'draft' ? 'draft ' : ''}report</a> · <a href="${at}/report/report.pdf">Download the PDF</a></p>`
    : html`<p>No report yet: the cycle runs the morning after it ends.</p>`
}
${
  run.draftAt
    ? html`<h2>Comments</h2>
<p>${review.comments.length} comment${review.comments.length === 1 ? '' : 's'} in the report; ${counts.held} held for you, ${counts.withheld} withheld, ${counts.redacted} with words removed.</p>
${[...review.comments]
  .sort((a, b) => Number(b.flags.length > 0 && !b.decision) - Number(a.flags.length > 0 && !a.decision))
  .map((c) => commentBlock(at, c, locked))}`
    : ''
}
${
  run.draftAt && !locked
    ? html`<h2>Approve and send</h2>
<form method="post" action="${at}/approve">
<p><label for="commentary">Your words for the board (optional; shown at the front of the report and in the e-mail)</label></p>
<textarea id="commentary" name="commentary" maxlength="5000">${input.commentaryDraft ?? run.commentary ?? ''}</textarea>
${sent ? html`<p><label><input type="checkbox" name="resend" value="yes"> Yes, send the board this new report although it was sent one on ${run.emailSentAt!.slice(0, 10)}</label></p>` : ''}
${counts.held ? html`<p class="note error">Decide on the ${counts.held} held comment${counts.held === 1 ? '' : 's'} above first.</p>` : ''}
<button type="submit"${counts.held ? html` disabled aria-disabled="true"` : ''}>Approve and send to the board</button>
</form>`
    : ''
}
${sent ? html`<h2>Sent</h2><p>Sent on ${run.emailSentAt!.slice(0, 16).replace('T', ' ')} to ${(run.emailSentTo ?? []).join(', ')}${run.approvedBy ? html`; approved by ${run.approvedBy}` : ''}.</p>` : ''}`;
}

/** A printable poster: the link large enough to type, its QR code, the closing day and the promise. */
export function posterPage(
  trust: string,
  link: string,
  closesOn: string,
  base: string,
  signedInAs: string,
): string {
  return consolePage(
    'Poster',
    html`<style>.poster{text-align:center;border:3px solid #0b3d6e;border-radius:1rem;padding:1.5rem}.poster h1{font-size:2.2rem}.poster .link{font-size:1.4rem;overflow-wrap:anywhere}@media print{header.bar,.noprint{display:none}.poster{border:none}}</style>
<p class="noprint"><a href="${base}">All cycles</a> · Print this page (Ctrl+P) for the staffroom.</p>
<section class="poster" aria-label="Poster">
<h1>How is our improvement model working for you?</h1>
<p>${trust} wants to hear from every member of staff. It takes about five minutes.</p>
<img src="${link}/qr.svg" alt="QR code for the feedback form" width="240" height="240">
<p class="link"><strong>${link}</strong></p>
<p>Open until ${closesOn}. Your answers are anonymous: no name, no e-mail and no time is stored with them, and no figure is shown for fewer than the trust's minimum group.</p>
</section>`,
    base,
    signedInAs,
  );
}
