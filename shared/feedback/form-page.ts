import { html, trusted, type Html } from '../report/escape';
import type { InputIssue } from '../schemas/issues';
import { SECTIONS, type FormDefinition, type Question } from './form-definition';
import { ukDate } from '../domain/dates';

export type FormValues = Record<string, string>;

/** Hidden fields of the HTML form: the signed render time, and a honeypot only a bot fills in. */
export const TOKEN_FIELD = '_token';
export const HONEYPOT_FIELD = 'website';

const STYLE = `
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1a1a1a;background:#f6f7f9;line-height:1.5;font-size:1.0625rem}
main{max-width:44rem;margin:0 auto;padding:1rem;overflow-wrap:break-word;hyphens:auto}
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0}
h2{font-size:1.25rem;margin:1.75rem 0 .25rem}
fieldset,.field{border:1px solid #c4c8cf;border-radius:.5rem;margin:0 0 .75rem;padding:.75rem 1rem;background:#fff;min-width:0}
legend{font-weight:600;padding:0 .25rem;float:left;width:100%;margin-bottom:.25rem}
legend+*{clear:both}
.scale{display:flex;flex-wrap:wrap;gap:.375rem;clear:both}
.scale label{flex:1 1 4.25rem;min-width:0;display:flex;flex-direction:column;align-items:center;text-align:center;gap:.125rem;min-height:44px;padding:.375rem .125rem;border:1px solid #6b7280;border-radius:.4rem;background:#fff;cursor:pointer;font-size:.8125rem;line-height:1.2;overflow-wrap:anywhere}
.scale label.skip{flex-basis:100%;flex-direction:row;justify-content:center;gap:.5rem;border-style:dashed}
.scale label:has(input:checked){border:2px solid #0b5394;background:#e8f0fa}
.scale .n{font-size:1.0625rem;font-weight:600}
input[type=radio]{width:1.25rem;height:1.25rem;margin:0;accent-color:#0b5394}
select,textarea{width:100%;font:inherit;padding:.5rem;border:1px solid #4b5563;border-radius:.4rem;min-height:44px;background:#fff;color:#1a1a1a}
label.q{display:block;font-weight:600;margin-bottom:.25rem}
button{font:inherit;font-weight:600;padding:.75rem 1.5rem;min-height:48px;border:0;border-radius:.4rem;background:#0b5394;color:#fff;cursor:pointer;width:100%}
@media (min-width:40rem){button{width:auto}}
:focus-visible{outline:3px solid #b45309;outline-offset:2px}
.hint{color:#4b5563;font-size:.9375rem;margin:0 0 .5rem}
.error{color:#b3261e;font-weight:600;margin:.25rem 0 .5rem}
.invalid{border:2px solid #b3261e}
.summary{border:3px solid #b3261e;border-radius:.5rem;padding:.75rem 1rem;background:#fff;margin:1rem 0}
.summary a{color:#b3261e;font-weight:600}
.notice{background:#e8f0fa;border-left:4px solid #0b5394;padding:.75rem 1rem;margin:1rem 0;border-radius:0 .5rem .5rem 0}
.notice h2{font-size:1.0625rem;margin:0 0 .25rem}.notice p{margin:.25rem 0}
.notice summary{cursor:pointer;font-weight:600;color:#0b5394;min-height:44px;display:flex;align-items:center}
.logo{display:block;max-width:min(100%,15rem);max-height:4rem;width:auto;height:auto;margin:0 0 .5rem}
.trap{position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}
`;

export function pageShell(
  title: string,
  content: Html,
  script?: { src: string; data: Record<string, string> },
): string {
  return html`<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<style>${trusted(STYLE)}</style>
${script ? html`<script type="module" src="${script.src}"></script>` : ''}
</head>
<body${
    script
      ? trusted(
          Object.entries(script.data)
            .map(([k, v]) => html` data-${k}="${v}"`.value)
            .join(''),
        )
      : ''
  }>
<main id="main">
${content}
</main>
</body>
</html>
`.value;
}

/**
 * How long answers are kept, in the words both notices use; nothing for a cycle the config no longer
 * lists, whose answers have no deletion date (see Retention), so the page promises none.
 */
export const keptWords = (def: Pick<FormDefinition, 'retentionMonths' | 'keptUntil'>) =>
  def.keptUntil
    ? `Your answers and comment are deleted on ${ukDate(def.keptUntil)}, ${def.retentionMonths} months after this review cycle ends.`
    : '';

/** Exactly what is stored, for how long, and what is not; the README makes the same promise. */
export function privacyNotice(def: FormDefinition): Html {
  const k = def.minimumGroupSize;
  return html`<section class="notice" aria-labelledby="privacy-heading">
<h2 id="privacy-heading">Your answers are anonymous</h2>
<p>No name, e-mail, time or device is stored, and no result is shown for fewer than ${k} people.</p>
<details><summary>Exactly what is stored, and for how long</summary>
<p>We store only your answers and a random number that identifies the answers, not you: no date or
time, and not your name, email, IP address, device, browser or any cookie.</p>
<p>Email addresses, phone numbers and links in your comment are replaced with [removed] before it is saved.
Results are only ever shown for groups of at least ${k} people. Comments are shown only for the whole trust,
never next to a school or role, and a comment that names someone can be removed from the board's report.</p>
${def.keptUntil ? html`<p>${keptWords(def)}</p>` : ''}
</details>
</section>`;
}

const introFor = (key: keyof typeof SECTIONS, def: FormDefinition) =>
  key === 'about'
    ? `Optional. Used only in totals of at least ${def.minimumGroupSize} people, and never shown beside your comment.`
    : SECTIONS[key].intro;

const fieldName = (q: Question) => q.id.replace('.', '_');

/**
 * What a problem with an answer says to the person filling in the form: plain words about what to
 * do, never the validator's own text (which names fields and values as the API does).
 */
export function plainMessage(issue: InputIssue, q: Question | undefined): string {
  if (!q)
    return issue.message === 'answer at least one question'
      ? 'You have not answered anything yet. Answer any one question to send your feedback; the rest can stay blank.'
      : 'Part of the form was not recognised. Please reload the page and try again.';
  if (q.type === 'rating') return 'Choose one of the options from 1 to 5, or "Can\'t judge".';
  if (q.type === 'choice') return 'Choose one from the list, or leave it blank.';
  const limit = /at most (\d+)/.exec(issue.message)?.[1];
  return limit ? `Please shorten your comment to ${limit} characters or fewer.` : 'Please check this answer.';
}

function issueFor(issues: InputIssue[], q: Question): string | undefined {
  const found = issues.find((i) => i.path === q.id || i.path.startsWith(`${q.id}.`));
  return found && plainMessage(found, q);
}

function renderQuestion(q: Question, values: FormValues, issues: InputIssue[]): Html {
  const name = fieldName(q);
  const err = issueFor(issues, q);
  const errId = `${name}-error`;
  const hintId = `${name}-hint`;
  const describedBy = [q.hint ? hintId : '', err ? errId : ''].filter(Boolean).join(' ');
  const hint = q.hint ? html`<p class="hint" id="${hintId}">${q.hint}</p>` : '';
  const error = err ? html`<p class="error" id="${errId}">Error: ${err}</p>` : '';
  const aria = trusted(describedBy ? ` aria-describedby="${describedBy}"` : '');
  if (q.type === 'rating')
    return html`<fieldset id="${name}"${aria}${err ? trusted(' class="invalid"') : ''}>
<legend>${q.text}</legend>
${hint}${error}<div class="scale">${q.scale.map(
      (s) =>
        html`<label><input type="radio" name="${name}" value="${s.value}"${values[name] === String(s.value) ? trusted(' checked') : ''}><span class="n">${s.value}</span><span>${s.label}</span></label>`,
    )}<label class="skip"><input type="radio" name="${name}" value=""${values[name] === '' ? trusted(' checked') : ''}><span>Can't judge (or clear my answer)</span></label></div>
</fieldset>`;
  if (q.type === 'choice')
    return html`<div class="field${err ? trusted(' invalid') : ''}"><label class="q" for="${name}">${q.text}</label>
${hint}${error}<select id="${name}" name="${name}"${aria}><option value="">Choose (optional)</option>${q.choices.map(
      (c) =>
        html`<option value="${c.value}"${values[name] === c.value ? trusted(' selected') : ''}>${c.label}</option>`,
    )}</select></div>`;
  return html`<div class="field${err ? trusted(' invalid') : ''}"><label class="q" for="${name}">${q.text}</label>
${hint}${error}<textarea id="${name}" name="${name}" rows="6" maxlength="${q.maxLength}"${aria}>${values[name] ?? ''}</textarea></div>`;
}

/**
 * The feedback form: plain HTML that works without JavaScript, mobile first. On a failed submission
 * it comes back with an error summary at the top, each error beside its field, and every answer kept.
 */
export function renderFormPage(
  def: FormDefinition,
  action: string,
  token: string,
  values: FormValues = {},
  issues: InputIssue[] = [],
  notice?: string,
  /** The verified form's variant (shared/feedback/verified-pages.ts): its notice, status and script. */
  verified?: { script: string; api: string; notice: Html; status: Html },
): string {
  const labelFor = (path: string) => def.questions.find((q) => path === q.id || path.startsWith(`${q.id}.`));
  const sections = (Object.keys(SECTIONS) as (keyof typeof SECTIONS)[])
    .filter((key) => !(verified && key === 'about'))
    .map((key) => {
      const qs = def.questions.filter((q) => q.section === key);
      return html`<section aria-labelledby="section-${key}"><h2 id="section-${key}">${SECTIONS[key].title}</h2>
${introFor(key, def) ? html`<p class="hint">${introFor(key, def)}</p>` : ''}
${qs.map((q) => renderQuestion(q, values, issues))}</section>`;
    });
  const summary = issues.length
    ? html`<div class="summary" role="alert" aria-labelledby="summary-heading"><h2 id="summary-heading" style="margin-top:0">There is a problem with your answers</h2><ul>${issues.map(
        (i) => {
          const q = labelFor(i.path);
          return q
            ? html`<li><a href="#${fieldName(q)}">${q.label}: ${plainMessage(i, q)}</a></li>`
            : html`<li>${plainMessage(i, undefined)}</li>`;
        },
      )}</ul><p>Nothing has been saved yet. Your answers are kept below.</p></div>`
    : notice
      ? html`<div class="summary" role="status"><p style="margin:0">${notice}</p></div>`
      : '';
  return pageShell(
    `${issues.length ? 'Error: ' : ''}Feedback on the improvement model - ${def.trust}`,
    html`${def.logo ? html`<img class="logo" src="${def.logo}" alt="${def.trust}">` : ''}<h1>Feedback on our improvement model</h1>
<p>${def.intro}</p>
${summary}
${verified ? verified.notice : privacyNotice(def)}
${verified ? verified.status : ''}
<form method="post" action="${action}" novalidate${verified ? trusted(' id="verified-form"') : ''}>
${
  verified
    ? ''
    : html`<input type="hidden" name="${TOKEN_FIELD}" value="${token}">
<div class="trap" aria-hidden="true"><label for="${HONEYPOT_FIELD}">Leave this empty</label><input type="text" id="${HONEYPOT_FIELD}" name="${HONEYPOT_FIELD}" tabindex="-1" autocomplete="off"></div>`
}
${sections}
<button type="submit"${verified ? trusted(' disabled') : ''}>Send my feedback</button>
</form>
<p class="hint">This form is open until ${ukDate(def.closesOn)}.</p>`,
    verified ? { src: verified.script, data: { api: verified.api } } : undefined,
  );
}

export function renderMessagePage(title: string, paragraphs: string[]): string {
  return pageShell(title, html`<h1>${title}</h1>${paragraphs.map((p) => html`<p>${p}</p>`)}`);
}

/** Turns the urlencoded form fields into the JSON body the API validates: one set of rules for both. */
export function formFieldsToBody(fields: FormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const ratings: Record<string, unknown> = {};
  // A radio value is a digit; anything else is passed on as text for the schema to reject by name.
  const num = (v: string) => (/^\d{1,3}$/.test(v) ? Number(v) : v);
  for (const [name, raw] of Object.entries(fields)) {
    const value = raw.trim();
    if (value === '') continue;
    if (name.startsWith('ratings_')) ratings[name.slice('ratings_'.length)] = num(value);
    else if (name === 'safety' || name === 'influence') body[name] = num(value);
    else if (name === 'role' || name === 'division') body[name] = value;
    else if (name === 'comment') body.comment = raw;
  }
  if (Object.keys(ratings).length) body.ratings = ratings;
  return body;
}
