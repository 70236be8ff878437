import { html, trusted, type Html } from '../report/escape';
import type { InputIssue } from '../schemas/issues';
import type { formDefinition } from './form-definition';

type Definition = ReturnType<typeof formDefinition>;
export type FormValues = Record<string, string>;

const STYLE = `
*{box-sizing:border-box}body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1a1a1a;background:#fafafa;line-height:1.5;font-size:1.0625rem}
main{max-width:42rem;margin:0 auto;padding:1rem}h1{font-size:1.6rem;line-height:1.25}
fieldset{border:1px solid #bbb;border-radius:.5rem;margin:0 0 1rem;padding:.75rem 1rem;background:#fff}
legend{font-weight:600;padding:0 .25rem}
.scale{display:flex;flex-wrap:wrap;gap:.5rem}.scale label{display:flex;align-items:center;gap:.4rem;min-height:44px;padding:.25rem .6rem;border:1px solid #888;border-radius:.4rem;background:#fff}
input[type=radio]{width:1.25rem;height:1.25rem;margin:0}
select,textarea{width:100%;font:inherit;padding:.5rem;border:1px solid #555;border-radius:.4rem;min-height:44px;background:#fff}
label.block{display:block;font-weight:600;margin-bottom:.25rem}
button{font:inherit;font-weight:600;padding:.75rem 1.5rem;min-height:44px;border:0;border-radius:.4rem;background:#0b5394;color:#fff;cursor:pointer}
button:focus,input:focus,select:focus,textarea:focus,a:focus{outline:3px solid #f2b233;outline-offset:2px}
.error{color:#b3261e;font-weight:600;margin:.25rem 0}.summary{border:3px solid #b3261e;padding:.75rem 1rem;background:#fff;margin-bottom:1rem}
.notice{background:#eef4fb;border-left:4px solid #0b5394;padding:.75rem 1rem;margin-bottom:1rem}.hint{color:#444;font-size:.95rem}
`;

export function pageShell(title: string, content: Html): string {
  return html`<!doctype html>
    <html lang="en-GB">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>${title}</title>
        <style>
          ${trusted(STYLE)}
        </style>
      </head>
      <body>
        <main id="main">${content}</main>
      </body>
    </html> `.value;
}

export const PRIVACY_NOTICE = html`<section class="notice" aria-labelledby="privacy-heading">
  <h2 id="privacy-heading" style="font-size:1.1rem;margin:0 0 .25rem">Your answers are anonymous</h2>
  <p style="margin:0">
    We store only your answers, the day you sent them and a random number. We do not store your name, email,
    IP address, device or the time of day. Email addresses, phone numbers and links in your comment are
    removed before it is saved. Results are only ever shown for groups of at least five people, and comments
    only for the whole trust, never by school or role.
  </p>
</section>`;

function errorFor(issues: InputIssue[], id: string): string | undefined {
  return issues.find((i) => i.path === id || i.path.startsWith(`${id}.`))?.message;
}

/** The feedback form: plain HTML that works without JavaScript, with each error next to its field. */
export function renderFormPage(
  def: Definition,
  action: string,
  values: FormValues = {},
  issues: InputIssue[] = [],
): string {
  const fields = def.questions.map((q) => {
    const name = q.id.replace('.', '_');
    const err = errorFor(issues, q.id);
    const errId = `${name}-error`;
    const errHtml = err
      ? html`<p class="error" id="${errId}"><span class="visually-hidden">Error: </span>${err}</p>`
      : '';
    if (q.type === 'rating')
      return html`<fieldset${err ? trusted(` aria-describedby="${errId}"`) : ''}>
<legend>${q.text}</legend>${errHtml}
<div class="scale">${q.scale.map((s) => html`<label><input type="radio" name="${name}" value="${s.value}" ${values[name] === String(s.value) ? trusted(' checked') : ''} /> ${s.value} <span class="hint">${s.label}</span></label>`)}</div>
</fieldset>`;
    if (q.type === 'choice')
      return html`<fieldset>
        <label class="block" for="${name}">${q.text}</label>${errHtml}
        <select id="${name}" name="${name}">
          <option value="">Choose (optional)</option>
          ${q.choices.map((c) => html`<option value="${c.value}" ${values[name] === c.value ? trusted(' selected') : ''}>${c.label}</option>`)}
        </select>
      </fieldset>`;
    return html`<fieldset>
      <label class="block" for="${name}">${q.text}</label>
      <p class="hint" id="${name}-hint">
        Optional. Up to ${q.maxLength} characters. Please do not name anyone.
      </p>
      ${errHtml}
      <textarea
        id="${name}"
        name="${name}"
        rows="5"
        maxlength="${q.maxLength}"
        aria-describedby="${name}-hint"
      >
${values[name] ?? ''}</textarea>
    </fieldset>`;
  });
  return pageShell(
    `${issues.length ? 'Error: ' : ''}Feedback on the improvement model: ${def.trust}`,
    html`<h1>Feedback on our improvement model</h1>
      <p>
        ${def.trust} wants to know how well its improvement model is working. It takes about three minutes.
        Every question is optional.
      </p>
      ${PRIVACY_NOTICE}
      ${
        issues.length
          ? html`<div class="summary" role="alert" tabindex="-1">
              <h2 style="font-size:1.1rem;margin:0">There is a problem</h2>
              <ul>
                ${issues.map((i) => html`<li>${i.path === '(root)' ? '' : html`<a href="#${i.path.replace('.', '_')}">${i.path}</a>: `}${i.message}</li>`)}
              </ul>
            </div>`
          : ''
      }
      <form method="post" action="${action}" novalidate>
        ${fields}
        <button type="submit">Send my feedback</button>
      </form>
      <p class="hint">This form closes on ${def.closesOn}.</p>`,
  );
}

export function renderMessagePage(title: string, message: string): string {
  return pageShell(
    title,
    html`<h1>${title}</h1>
      <p>${message}</p>`,
  );
}

/** Turns the urlencoded form fields into the JSON body the API validates: one set of rules for both. */
export function formFieldsToBody(fields: FormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const ratings: Record<string, unknown> = {};
  const num = (v: string) => (/^\d+$/.test(v) ? Number(v) : v);
  for (const [name, raw] of Object.entries(fields)) {
    const value = raw.trim();
    if (value === '') continue;
    if (name.startsWith('ratings_')) ratings[name.slice('ratings_'.length)] = num(value);
    else if (name === 'safety' || name === 'influence') body[name] = num(value);
    else if (name === 'role' || name === 'division' || name === 'comment')
      body[name] = name === 'comment' ? raw : value;
  }
  if (Object.keys(ratings).length) body.ratings = ratings;
  return body;
}
