import { html, type Html } from '../report/escape';
import { RATING_LABEL } from '../report/labels';
import { STATE_WORDS, type CycleState } from '../domain/cycle-state';
import { FLAG_WORDS } from '../domain/screening';
import type { CycleReview } from '../cycle/approval';
import type { Form } from '../domain/forms';
import type { EvidenceKindName } from '../domain/evidence';
import type { PresignedPost } from '../aws/sigv4';
import type { ImportResult } from '../cycle/gather';
import { summaryWords } from '../imports/summary';

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
      ? html`<nav aria-label="Console"><a href="${base}">Cycles</a> · <a href="${base}/evidence">Evidence</a></nav>`
      : ''
  }${
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
  /** board.approvalTimeoutDays, for saying how long a run waits. */
  timeoutDays: number;
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
${review.lapsed ? html`<p class="note error">The run stopped waiting for approval (it waits ${input.timeoutDays} days). You can still approve: then run the cycle again (<code>pillar7 cycle run ${cycle.id} --aws</code>) to send it.</p>` : ''}
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

/** What each evidence kind is, in the QA lead's words. */
export const KIND_WORDS: Record<EvidenceKindName, string> = {
  'peer-reviews': 'Peer reviews (one row per review and pillar)',
  recommendations: 'Recommendations from reviews',
  'board-reviews': 'Board reviews of the model',
  kpis: 'KPI values for the strategic objectives',
  'model-changes': 'Changes made to the model',
  headcount: 'Staff headcount by school and role',
  staff: 'Staff list (for the verified form)',
};

export interface EvidencePageInput {
  uploads: { kind: EvidenceKindName; post: PresignedPost; columns: readonly string[] }[];
  results: ImportResult[];
  /** The file just uploaded: its result, or still importing. */
  just?: { file: string; result?: ImportResult };
  base: string;
}

/** The file's own name: its inbox key without the folder or the upload's time stamp. */
export const fileName = (key: string) =>
  (key.split('/').pop() ?? key).replace(/^\d{8}T\d{6}Z-/, '').replace('${filename}', '(name not sent)');

function resultBlock(r: ImportResult, heading: 'h2' | 'h3'): Html {
  const title = html`${fileName(r.file)} <span class="tag">${r.kind ? KIND_WORDS[r.kind] : 'not in a kind folder'}</span>`;
  const shown = r.rejected.slice(0, 200);
  return html`<section class="comment${r.error || r.rejected.length ? ' held' : ''}" aria-label="Import of ${fileName(r.file)}">
${heading === 'h2' ? html`<h2>${title}</h2>` : html`<h3>${title}</h3>`}
<p>Imported ${r.at.slice(0, 16).replace('T', ' ')} UTC. ${
    r.error
      ? html`<strong>Not imported:</strong> ${r.error}. Nothing from this file was stored; correct it and upload it again.`
      : summaryWords(r)
  }</p>
${
  shown.length
    ? html`<table><caption>Rejected rows (row 1 is the header, as in a spreadsheet); the other rows were imported</caption><thead><tr><th scope="col">Row</th><th scope="col">Column</th><th scope="col">Problem</th></tr></thead><tbody>${shown.map((x) => html`<tr><td>${x.row}</td><td>${x.column || '(whole row)'}</td><td>${x.reason}</td></tr>`)}</tbody></table>${r.rejected.length > shown.length ? html`<p>…and ${r.rejected.length - shown.length} more.</p>` : ''}`
    : ''
}
</section>`;
}

/** Evidence: upload a file per kind (straight to the inbox), and each file's import result. */
export function evidencePage(input: EvidencePageInput): Html {
  const { just, base } = input;
  return html`<p><a href="${base}">All cycles</a></p>
<h1>Evidence</h1>
<p>Upload each file as CSV (with a header row) or JSON. It is checked and imported within seconds; a row with a problem is listed below with its row number and the others are imported. Uploading a corrected file again changes only what changed. (From a terminal: <code>pillar7 import FILE --kind KIND --aws</code>.)</p>
${
  just
    ? just.result
      ? html`<div role="status">${resultBlock(just.result, 'h2')}</div>`
      : html`<p class="note" role="status">${fileName(just.file)} is uploaded and being imported. <a href="${base}/evidence?file=${encodeURIComponent(just.file)}">Check again</a></p>`
    : ''
}
<h2>Upload a file</h2>
${input.uploads.map(
  (
    u,
  ) => html`<form method="post" action="${u.post.url}" enctype="multipart/form-data" class="comment" data-upload>
<h3 id="kind-${u.kind}">${KIND_WORDS[u.kind]}</h3>
<p>Columns it needs: ${u.columns.join(', ')}.</p>
${Object.entries(u.post.fields).map(([name, value]) =>
  name === 'key'
    ? html`<input type="hidden" name="key" value="${value}" data-prefix="${value.replace('${filename}', '')}">`
    : html`<input type="hidden" name="${name}" value="${value}">`,
)}
<label for="file-${u.kind}">File</label> <input type="file" id="file-${u.kind}" name="file" accept=".csv,.json,text/csv,application/json" required aria-describedby="kind-${u.kind}">
<button type="submit">Upload</button>
</form>`,
)}
<h2>Recent imports</h2>
${
  input.results.length
    ? input.results.filter((r) => r.file !== just?.file).map((r) => resultBlock(r, 'h3'))
    : html`<p>No file has been imported yet.</p>`
}
<script src="${base}/upload.js" defer></script>`;
}

/**
 * Back from the bucket after an upload. The session cookie is SameSite=Strict, so it does not come
 * with the bucket's redirect; this page (which shows nothing private) moves on at once, from this
 * site, to the result, and the cookie comes with that.
 */
export function uploadedPage(next: string): string {
  return html`<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${next}"><title>Uploaded · pillar7 console</title></head>
<body><p>Uploaded. <a href="${next}">See the import result</a>.</p></body></html>`.value;
}

/** Progressive enhancement for the upload form: the key names the chosen file (tidied), where S3 alone would. */
export const UPLOAD_SCRIPT = `for (const form of document.querySelectorAll('form[data-upload]')) {
  const file = form.querySelector('input[type=file]');
  const key = form.querySelector('input[name=key]');
  file.addEventListener('change', () => {
    const f = file.files && file.files[0];
    if (f) key.value = key.dataset.prefix + f.name.replace(/[^A-Za-z0-9._ -]+/g, '_').slice(-120);
  });
}
`;
