import { html } from '../report/escape';
import { cycleState } from '../domain/cycle-state';
import { kindOf } from '../errors';
import { toProblem } from '../http/problems';
import { approveCycle, decideComment, reviewOf, type ApprovalDeps, type Approved } from '../cycle/approval';
import type { FormRepository } from '../store/forms';
import type { ResponseRepository } from '../store/responses';
import { bandedCount } from '../domain/anonymity';
import { crossSite } from '../http/cross-site';
import { openFormForCycle } from '../feedback/open-form';
import {
  consolePage,
  cyclePage,
  evidencePage,
  homePage,
  messagePage,
  posterPage,
  uploadedPage,
  UPLOAD_SCRIPT,
} from './pages';
import { EVIDENCE_KINDS, REQUIRED_COLUMNS } from '../domain/evidence';
import { retry } from '../retry';

import type { EvidenceUploads } from './evidence-uploads';
import {
  openSession,
  sealSession,
  sessionCookie,
  SESSION_SECONDS,
  type Session,
  type SignInLinks,
} from './session';

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

/** How long the page back from an upload waits for the file's import result before saying "check again". */
export const IMPORT_WAIT_MS = 10_000;
const IMPORT_WAIT = { attempts: 1 + IMPORT_WAIT_MS / 500, delayMs: 500, factor: 1 };

export interface ConsoleRequest {
  method: string;
  /** The path under /console: '', '/signin', '/cycles/2026-autumn', ... */
  path: string;
  query: Record<string, string | undefined>;
  fields: Record<string, string>;
  cookie?: string;
  host?: string;
  origin?: string;
  secFetchSite?: string;
  /** Where the console is served from, e.g. https://x.execute-api.../form (no trailing slash). */
  baseUrl: string;
}

export interface ConsoleResponse {
  statusCode: number;
  html?: string;
  headers?: Record<string, string>;
}

const page = (statusCode: number, body: string, headers: Record<string, string> = {}): ConsoleResponse => ({
  statusCode,
  html: body,
  headers,
});
const redirect = (location: string, headers: Record<string, string> = {}): ConsoleResponse => ({
  statusCode: 303,
  headers: { Location: location, ...headers },
});

/** The QA lead's console: sign-in, the cycles, and one cycle's draft, comments and approval. */
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

async function signedInRoutes(
  req: ConsoleRequest,
  session: Session,
  base: string,
  deps: ConsoleDeps,
): Promise<ConsoleResponse> {
  const { config } = deps;
  const as = session.email;
  if ((req.path === '' || req.path === '/') && req.method === 'GET') {
    const rows = await Promise.all(
      [...config.cycles]
        .sort((a, b) => b.start.localeCompare(a.start))
        .map(async (c) => {
          const [run, form] = await Promise.all([deps.cycles.getRun(c.id), deps.forms.getForCycle(c.id)]);
          return {
            ...c,
            state: cycleState({ ...run, today: deps.today(), formClosesOn: form?.closesOn ?? c.end }),
          };
        }),
    );
    return page(200, consolePage('Cycles', homePage(config.trust.name, rows, base), base, as));
  }
  if (req.path === '/evidence' && req.method === 'GET') {
    const file = req.query.file?.startsWith('inbox/') ? req.query.file : undefined;
    const result = file
      ? await retry(() => deps.evidence.result(file), { ...IMPORT_WAIT, done: Boolean, sleep: deps.pause })
      : undefined;
    const at = deps.now();
    const uploads = await Promise.all(
      EVIDENCE_KINDS.map(async (kind) => ({
        kind,
        columns: REQUIRED_COLUMNS[kind],
        post: await deps.evidence.uploadForm(kind, `${req.baseUrl}/console/evidence/uploaded`, at),
      })),
    );
    const results = await deps.evidence.results();
    return page(
      200,
      consolePage(
        'Evidence',
        evidencePage({ uploads, results, just: file ? { file, result } : undefined, base }),
        base,
        as,
      ),
    );
  }
  const m =
    /^\/cycles\/([^/]+)(\/comments|\/approve|\/form|\/poster|\/report\/(report\.html|report\.pdf))?$/.exec(
      req.path,
    );
  const cycle = m ? config.cycles.find((c) => c.id === decodeURIComponent(m[1]!)) : undefined;
  if (!m || !cycle)
    return page(404, messagePage('Not found', ['There is no such page in the console.'], base, as));
  const action = m[2] ?? '';
  const here = `${base}/cycles/${encodeURIComponent(cycle.id)}`;

  const show = async (
    statusCode: number,
    notice?: { kind: 'note' | 'error'; text: string },
    commentaryDraft?: string,
  ) => {
    const form = await deps.forms.getForCycle(cycle.id);
    const review = await reviewOf(cycle.id, deps, form?.closesOn ?? cycle.end);
    const formLink = form ? `${req.baseUrl}/f/${form.formId}` : undefined;
    // Responses so far by division, banded: the only practitioner figure shown before the report.
    const counts = new Map<string, number>();
    if (form)
      for await (const r of deps.responses.streamForCycle(cycle.id))
        counts.set(r.division, (counts.get(r.division) ?? 0) + 1);
    const k = Math.max(config.anonymity.k, form?.anonymity?.k ?? 0);
    const participation = form
      ? [
          ...config.divisions.map((d) => ({ id: d.id, name: d.name })),
          { id: 'undisclosed', name: 'Not given' },
        ].map((d) => ({ name: d.name, band: bandedCount(counts.get(d.id) ?? 0, k) }))
      : undefined;
    return page(
      statusCode,
      consolePage(
        `Cycle ${cycle.id}`,
        cyclePage({
          review,
          cycle,
          form,
          formLink,
          participation,
          notice,
          commentaryDraft,
          timeoutDays: config.board.approvalTimeoutDays,
          base,
        }),
        base,
        as,
      ),
    );
  };

  if (req.method === 'GET' && action === '') {
    const done = req.query.done;
    const notes: Record<string, string> = {
      decided: 'Your decision on the comment is saved.',
      approved: 'Approved. The final report is published and the board e-mailed, once.',
      'approved-no-run':
        'Approved, but no cycle run is waiting for it, so nothing was sent yet: run the cycle (pillar7 cycle run with --aws) to send it.',
      opened: 'The form is open.',
    };
    return show(200, done && notes[done] ? { kind: 'note', text: notes[done] } : undefined);
  }
  if (req.method === 'GET' && m[3])
    return redirect(await deps.reportUrl(cycle.id, m[3] as 'report.html' | 'report.pdf'));
  if (req.method === 'GET' && action === '/poster') {
    const form = await deps.forms.getForCycle(cycle.id);
    if (!form) return show(404, { kind: 'error', text: 'Open the form first: a poster needs its link.' });
    return page(
      200,
      posterPage(config.trust.name, `${req.baseUrl}/f/${form.formId}`, form.closesOn, base, as),
    );
  }
  if (req.method !== 'POST')
    return page(405, messagePage('Not allowed', ['That page cannot be used that way.'], base, as));

  try {
    if (action === '/comments') {
      await decideComment(
        cycle.id,
        { commentId: req.fields.commentId ?? '', action: req.fields.action ?? '', span: req.fields.span },
        as,
        deps,
      );
      return redirect(`${here}?done=decided`);
    }
    if (action === '/form') {
      await openFormForCycle(cycle.id, undefined, { config, forms: deps.forms, now: deps.now });
      return redirect(`${here}?done=opened`);
    }
    if (action === '/approve') {
      const approved = await approveCycle(
        cycle.id,
        { by: as, commentary: req.fields.commentary, resend: req.fields.resend === 'yes' },
        deps,
      );
      return redirect(`${here}?done=${(await deps.resume(approved)) ? 'approved' : 'approved-no-run'}`);
    }
  } catch (err) {
    // Refused (bad input, or the cycle's state): the page again, saying why; anything else is a fault.
    if (kindOf(err) !== 'caller') throw err;
    const problem = toProblem(err);
    const text = problem.issues.length ? problem.issues.map((i) => i.message).join('; ') : problem.message;
    return show(problem.statusCode, { kind: 'error', text }, req.fields.commentary);
  }
  return page(404, messagePage('Not found', ['There is no such page in the console.'], base, as));
}
