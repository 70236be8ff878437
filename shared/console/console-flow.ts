import { html } from '../report/escape';
import type { ApprovalDeps, Approved } from '../cycle/approval';
import type { FormRepository } from '../store/forms';
import type { ResponseRepository } from '../store/responses';
import { crossSite } from '../http/cross-site';
import { messagePage, uploadedPage, UPLOAD_SCRIPT } from './pages';
import type { EvidenceUploads } from './evidence-uploads';
import { openSession, sealSession, sessionCookie, SESSION_SECONDS, type SignInLinks } from './session';
import { page, redirect, type ConsoleRequest, type ConsoleResponse } from './console-response';
import { signedInRoutes } from './signed-in-routes';

export interface ConsoleDeps extends ApprovalDeps {
  forms: FormRepository;
  responses: Pick<ResponseRepository, 'streamForCycle'>;
  sessionKey: () => Promise<Buffer>;
  /** Local runs: one-time sign-in links. */
  signInLinks?: SignInLinks;
  /** The cloud: Cognito's hosted sign-in, and the check of what it hands back. */
  cognito?: {
    signInUrl: (redirectUri: string) => string;
    emailFromCode: (code: string, redirectUri: string) => Promise<string | undefined>;
  };
  /** A short-lived link to a report file for the signed-in QA lead. */
  reportUrl: (cycleId: string, file: 'report.html' | 'report.pdf') => Promise<string>;
  /** Resumes the run that waits for this approval (the state machine, or the local runner); false if none waits. */
  resume: (approved: Approved) => Promise<boolean>;
  /** Evidence files: the upload form, and each file's import result. */
  evidence: EvidenceUploads;
  /** Waits between looks for an import result (tests pass a quicker one). */
  pause?: (ms: number) => Promise<void>;
}

/**
 * The QA lead's console: signing in and out, the upload pages that show nothing private, and the
 * checks every other page passes first (a request from this site, the session of a QA lead the
 * config names); signed-in-routes.ts serves the rest.
 */
export async function handleConsole(req: ConsoleRequest, deps: ConsoleDeps): Promise<ConsoleResponse> {
  const base = `${new URL(req.baseUrl).pathname.replace(/\/$/, '')}/console`;
  const secure = req.baseUrl.startsWith('https:');
  const now = Math.floor(deps.now().getTime() / 1000);
  const key = await deps.sessionKey();
  const signedIn = async (email: string) =>
    redirect(base, {
      'Set-Cookie': sessionCookie(sealSession(key, { email, expires: now + SESSION_SECONDS }), secure),
    });
  const qaLead = (email: string | undefined) =>
    email && deps.config.board.qaLeads.map((a) => a.toLowerCase()).includes(email.toLowerCase())
      ? email
      : undefined;

  // Signing in and out need no session.
  if (req.path === '/signin' && req.method === 'GET') {
    if (deps.cognito && !req.query.link)
      return redirect(deps.cognito.signInUrl(`${req.baseUrl}/console/callback`));
    const email =
      req.query.link && deps.signInLinks ? await deps.signInLinks.redeem(req.query.link, now) : undefined;
    if (!qaLead(email))
      return page(
        401,
        messagePage(
          'This sign-in link does not work',
          [
            'It has been used already, has expired (links last 15 minutes), or was never made.',
            'Ask for a new one.',
          ],
          base,
        ),
      );
    return signedIn(email!);
  }
  if (req.path === '/callback' && req.method === 'GET' && deps.cognito) {
    const email = req.query.code
      ? await deps.cognito.emailFromCode(req.query.code, `${req.baseUrl}/console/callback`)
      : undefined;
    if (!qaLead(email))
      return page(
        401,
        messagePage('You cannot sign in here', ['Only the QA leads named in the trust config can.'], base),
      );
    return signedIn(email!);
  }
  // The upload form's script, and the page the bucket sends the browser back to: neither shows anything private.
  if (req.path === '/upload.js' && req.method === 'GET')
    return {
      statusCode: 200,
      html: UPLOAD_SCRIPT,
      headers: { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'max-age=300' },
    };
  if (req.path === '/evidence/uploaded' && req.method === 'GET') {
    const key = req.query.key ?? '';
    return page(
      200,
      uploadedPage(
        key.startsWith('inbox/') ? `${base}/evidence?file=${encodeURIComponent(key)}` : `${base}/evidence`,
      ),
    );
  }
  if (
    req.method !== 'GET' &&
    crossSite({ host: req.host, origin: req.origin, secFetchSite: req.secFetchSite })
  )
    return page(
      403,
      messagePage('Refused', ['That request came from another website, so nothing changed.'], base),
    );
  if (req.path === '/signout' && req.method === 'POST')
    return redirect(`${base}/signin`, { 'Set-Cookie': sessionCookie('', secure, 0) });

  const session = openSession(key, req.cookie, now);
  if (!session || !qaLead(session.email))
    return page(
      401,
      messagePage(
        'Please sign in',
        [html`You need to sign in to use the console. <a href="${base}/signin">Sign in</a>.`],
        base,
      ),
    );
  return signedInRoutes(req, session, base, deps);
}
