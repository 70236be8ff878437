import { html, trusted, type Html } from '../report/escape';
import type { GroupPublicKey } from '../store/group-keys';
import type { FormDefinition } from './form-definition';
import { keptWords, pageShell, renderFormPage } from './form-page';

/** The name of a group's key for people: "Oak Primary School, leading improvement work". */
function groupName(group: string, divisions: Record<string, string>): string {
  const [division, role] = group.split('|');
  return `${divisions[division!] ?? division}, ${role === 'leadership' ? 'leading' : 'delivering'} improvement work`;
}

/**
 * GET /f/{formId} on a verified form: the practitioner gives their work e-mail for a one-time link.
 * The signing keys' fingerprints are listed, so anyone can check the page and the keys agree.
 */
export function renderEmailPage(
  def: FormDefinition,
  keys: GroupPublicKey[],
  divisions: Record<string, string>,
  problem?: string,
  email = '',
): string {
  return pageShell(
    `${problem ? 'Error: ' : ''}Feedback on the improvement model - ${def.trust}`,
    html`<h1>Feedback on our improvement model</h1>
<p>${def.trust} wants to know how well its improvement model is working. It takes about three minutes, and every question is optional.</p>
${
  problem
    ? html`<div class="summary" role="alert"><p style="margin:0"><a href="#email">${problem}</a></p></div>`
    : ''
}
<form method="post" action="link" novalidate>
<div class="field${problem ? trusted(' invalid') : ''}"><label class="q" for="email">Your work e-mail address</label>
<p class="hint" id="email-hint">We send you a link that works once. Each member of staff can answer once.</p>
${problem ? html`<p class="error" id="email-error">Error: ${problem}</p>` : ''}
<input type="email" id="email" name="email" autocomplete="email" spellcheck="false" value="${email}" aria-describedby="email-hint${problem ? ' email-error' : ''}" style="width:100%;font:inherit;padding:.5rem;border:1px solid #4b5563;border-radius:.4rem;min-height:44px">
</div>
<button type="submit">Send me my link</button>
</form>
${verifiedNotice(def)}
<p class="hint">The page behind the link needs JavaScript. This form is open until ${def.closesOn}.</p>
<details><summary>The keys this form's answers are signed with</summary>
<p class="hint">Each school and role has its own key for this round. Your answers are accepted only with a token signed by your group's key, which is how the form knows your school and role without knowing you.</p>
<ul>${keys.map((k) => html`<li>${groupName(k.group, divisions)}: <code>${k.kid}</code></li>`)}</ul>
${keys.length ? '' : html`<p class="hint">No key has been made yet: each is made when its group's first link is used.</p>`}
</details>`,
  );
}

export function renderLinkSentPage(def: FormDefinition): string {
  return pageShell(
    `Check your e-mail - ${def.trust}`,
    html`<h1>Check your e-mail</h1>
<p>If that address is on ${def.trust}'s staff list, we have sent it a link to the form. The link works once, for 24 hours.</p>
<p>It may take a minute to arrive. If nothing comes, check the address and ask again, or ask your quality assurance lead whether you are on the staff list.</p>`,
  );
}

/**
 * The verified form's promise, in plain words, with its limits (docs/anonymity.md says the same at
 * length): the server knows who asked for a link, not which answers are whose.
 */
export function verifiedNotice(def: FormDefinition): Html {
  const minimumGroupSize = def.minimumGroupSize;
  return html`<section class="notice" aria-labelledby="privacy-heading">
<h2 id="privacy-heading">Your answers are anonymous, and count once</h2>
<p>Your link lets your browser make a random token, which we sign without being able to see it. Your answers are sent
with the token, so we can check that each member of staff answers once, and for which school and role, but we cannot
tell which answers are yours. We store your answers and a random number, and nothing else: no date or time, no e-mail,
no IP address, no cookie.</p>
<p>We do know that you asked for a link. Results are only ever shown for groups of at least ${minimumGroupSize} people,
and comments only for the whole trust, with e-mail addresses, phone numbers and links removed. ${keptWords(def)}</p>
</section>`;
}

/**
 * The page behind the link: the questions (school and role come from the staff list, not asked),
 * with a status line the script fills in, and a note for a browser without JavaScript.
 */
export function renderVerifyPage(def: FormDefinition, scriptSrc: string, api: string): string {
  return renderFormPage(def, '', '', {}, [], undefined, {
    script: scriptSrc,
    api,
    notice: verifiedNotice(def),
    status: html`<div id="status" class="notice" role="status"><p style="margin:0">Getting your one-time token from your link...</p></div>
<noscript><div class="summary"><p style="margin:0">This page needs JavaScript: it makes your anonymous token in your browser. Please turn JavaScript on and open your link again.</p></div></noscript>
<p id="group" class="hint"></p>`,
  });
}
