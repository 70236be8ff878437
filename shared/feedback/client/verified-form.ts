/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The page behind a one-time link (runs in the practitioner's browser, bundled on its own). It makes
 * a random token, blinds it with the group's public key, has the server sign it blind, unblinds the
 * signature and checks it; then the answers are sent with the token. The token never leaves this
 * browser until it goes with the answers, and the server never sees it while signing.
 */
import { RSABSSA } from '@cloudflare/blindrsa-ts';

const suite = RSABSSA.SHA384.PSS.Randomized();
const api = document.body.dataset.api ?? '';
const storageKey = `pillar7-token:${api}`;
const status = document.getElementById('status')!;
const group = document.getElementById('group')!;
const form = document.getElementById('verified-form') as HTMLFormElement;
const button = form.querySelector('button[type="submit"]') as HTMLButtonElement;

interface Held {
  token: string;
  signature: string;
  division: string;
  role: string;
  divisionName: string;
}

const b64 = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const unb64 = (text: string) =>
  Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

function say(text: string, alert = false) {
  status.setAttribute('role', alert ? 'alert' : 'status');
  status.className = alert ? 'summary' : 'notice';
  status.replaceChildren(Object.assign(document.createElement('p'), { textContent: text }));
  (status.firstChild as HTMLElement).style.margin = '0';
}

async function post(path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${api}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
}

async function obtain(): Promise<Held | undefined> {
  const link = location.hash.slice(1);
  // The link's secret leaves the address bar at once, so it is not left in history or a screenshot.
  if (link) history.replaceState(null, '', location.pathname);
  const kept = localStorage.getItem(storageKey);
  if (kept) return JSON.parse(kept) as Held;
  if (!link) {
    say(
      'Open the link from your e-mail to answer. If it has been used already, ask for a new one on the form page.',
      true,
    );
    return undefined;
  }
  const access = await post('/access', { link });
  if (access.status !== 200) {
    say(String(access.body.message ?? 'This link cannot be used. Ask for a new one on the form page.'), true);
    return undefined;
  }
  const publicKey = await crypto.subtle.importKey(
    'spki',
    unb64(String(access.body.publicKey)),
    { name: 'RSA-PSS', hash: 'SHA-384' },
    true,
    ['verify'],
  );
  const token = suite.prepare(crypto.getRandomValues(new Uint8Array(32)));
  const { blindedMsg, inv } = await suite.blind(publicKey, token);
  const issued = await post('/tokens', { link, blindedMessage: b64(blindedMsg) });
  if (issued.status !== 200) {
    say(
      String(issued.body.message ?? 'Your token could not be made. Ask for a new link on the form page.'),
      true,
    );
    return undefined;
  }
  const signature = await suite.finalize(publicKey, token, unb64(String(issued.body.blindSignature)), inv);
  if (!(await suite.verify(publicKey, signature, token))) {
    say(
      'The signature on your token did not check out, so it was not used. Ask for a new link on the form page.',
      true,
    );
    return undefined;
  }
  const held: Held = {
    token: b64(token),
    signature: b64(signature),
    division: String(access.body.division),
    role: String(access.body.role),
    divisionName: String(access.body.divisionName),
  };
  // Kept in this browser until the answers are stored, so a reload does not lose the one token.
  localStorage.setItem(storageKey, JSON.stringify(held));
  return held;
}

function answers(held: Held): Record<string, unknown> {
  const body: Record<string, unknown> = { division: held.division, role: held.role };
  const ratings: Record<string, number> = {};
  for (const [name, value] of new FormData(form)) {
    const v = String(value).trim();
    if (v === '') continue;
    if (name.startsWith('ratings_')) ratings[name.slice('ratings_'.length)] = Number(v);
    else if (name === 'safety' || name === 'influence') body[name] = Number(v);
    else if (name === 'comment') body.comment = String(value);
  }
  if (Object.keys(ratings).length) body.ratings = ratings;
  return { ...body, token: held.token, signature: held.signature };
}

async function main() {
  let held: Held | undefined;
  try {
    held = await obtain();
  } catch {
    say('Something went wrong making your token. Please open your link again in a moment.', true);
  }
  if (!held) return;
  const role = held.role === 'leadership' ? 'leading' : 'delivering';
  group.textContent = `Your answers will count for ${held.divisionName}, ${role} improvement work, as the staff list says.`;
  say('Your token is ready. Answer as many questions as you like, then send.');
  button.disabled = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    button.disabled = true;
    const sent = await post('/responses', answers(held)).catch(() => ({
      status: 0,
      body: {} as Record<string, unknown>,
    }));
    if (sent.status === 201 || sent.body.error === 'token_spent') {
      localStorage.removeItem(storageKey);
      const main = document.getElementById('main')!;
      const h1 = Object.assign(document.createElement('h1'), {
        textContent: sent.status === 201 ? 'Thank you' : 'Already sent',
      });
      const p = Object.assign(document.createElement('p'), {
        textContent:
          sent.status === 201
            ? 'Your feedback has been received. Nothing that identifies you was stored: only your answers, without a date or time.'
            : 'Answers have already been sent with your token, so these were not stored again. Each member of staff answers once.',
      });
      main.replaceChildren(h1, p);
      document.title = `${h1.textContent} - ${document.title}`;
      h1.tabIndex = -1;
      h1.focus();
      return;
    }
    const issues = Array.isArray(sent.body.issues)
      ? (sent.body.issues as { path: string; message: string }[])
      : [];
    say(
      issues.length
        ? `There is a problem with your answers: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}. Nothing has been saved yet.`
        : 'We could not save your answers just now, so nothing was stored. Your answers are still here: please send them again in a moment.',
      true,
    );
    button.disabled = false;
  });
}

void main();
