import { crossSite, type RequestOrigin } from '../http/cross-site';
import {
  FormClosedError,
  FormNotFoundError,
  NotStoredError,
  TokenSpentError,
  ValidationError,
} from '../errors';
import type { Form } from '../domain/forms';
import { ukDate } from '../domain/dates';
import { formDefinition } from './form-definition';
import { renderStaffSummary, sentSummary } from './staff-summary';
import type { CycleRepository } from '../store/cycles';
import { accessOf } from '../domain/forms';
import {
  HONEYPOT_FIELD,
  TOKEN_FIELD,
  formFieldsToBody,
  renderFormPage,
  renderMessagePage,
  type FormValues,
} from './form-page';
import { checkRenderToken, issueRenderToken, spentKey } from './render-token';
import { openForm, responseFrom, storeOnce, type TokenDeps } from './submit';
import { statusOf, toProblem, type Problem } from '../http/problems';
import { log } from '../log';

export type PageDeps = TokenDeps & {
  /** Cycle runs and evaluations, for the staff summary a closed form shows once its report is sent. */
  cycles?: Pick<CycleRepository, 'getRun' | 'getEvaluation'>;
};

export interface PageOutcome {
  statusCode: number;
  html: string;
  /** Where a 303 sends the browser, relative to the page. */
  location?: string;
}

/** Where a POST came from, as the browser says: the page checks it came from its own form. */

/** The page after sending: what was kept, and what happens next. */
const thanks = (form: Form, k: number): PageOutcome => ({
  statusCode: 200,
  html: renderMessagePage('Thank you', [
    'Your feedback has been saved. Nothing that identifies you was stored: only your answers, without a date or time.',
    `What happens next: the form closes on ${ukDate(form.closesOn)}. After that, the answers are put together into a report for the trust's board, which never shows a result for fewer than ${k} people or a comment beside a school or role.`,
    'You can close this page.',
  ]),
});

/** A form that is missing or not open, as a plain page; the status is the JSON route's for the same error. */
export function closedOrMissing(err: unknown): PageOutcome | undefined {
  if (!(err instanceof FormNotFoundError || err instanceof FormClosedError)) return undefined;
  const { statusCode } = toProblem(err);
  if (err instanceof FormNotFoundError)
    return {
      statusCode,
      html: renderMessagePage('Form not found', [
        'There is no form at this address. Please check the link you were given.',
      ]),
    };
  return err.notYetOpen
    ? {
        statusCode,
        html: renderMessagePage('This form is not open yet', ['Please come back when it opens.']),
      }
    : {
        statusCode,
        html: renderMessagePage('This form has closed', [
          `This form closed on ${ukDate(err.closesOn)} and no longer takes responses.`,
          'Thank you for your interest.',
        ]),
      };
}

/** The form with a token: a new one, or the one the person already holds (so its time is kept). */
async function formPage(
  form: Form,
  deps: PageDeps,
  token: string | undefined,
  values?: FormValues,
  issues?: ValidationError['issues'],
  notice?: string,
) {
  return renderFormPage(
    formDefinition(form, deps.config),
    `/f/${encodeURIComponent(form.formId)}`,
    token ?? issueRenderToken(await deps.signingKey.get(), form.formId, deps.now().getTime()),
    values,
    issues,
    notice,
  );
}

/** GET /f/{formId}: the form, or a plain page saying why it cannot be filled in. */
export async function showForm(formId: string, deps: PageDeps): Promise<PageOutcome> {
  try {
    const form = await openForm(formId, deps);
    // A verified form starts with the work e-mail, on the page the link function serves.
    if (accessOf(form) === 'verified') return { statusCode: 303, html: '', location: `${form.formId}/link` };
    return { statusCode: 200, html: await formPage(form, deps, undefined) };
  } catch (err) {
    // Once the cycle's report has gone to the board, the closed form's link tells staff what came of it.
    if (err instanceof FormClosedError && !err.notYetOpen && err.cycleId && deps.cycles) {
      const summary = await sentSummary(err.cycleId, err.closesOn, { ...deps, cycles: deps.cycles });
      if (summary) return { statusCode: 200, html: renderStaffSummary(summary) };
    }
    const page = closedOrMissing(err);
    if (page) return page;
    throw err;
  }
}

const USE_YOUR_LINK: PageOutcome = {
  statusCode: statusOf('token_invalid'),
  html: renderMessagePage('Please use your link', [
    'This form takes answers only through the link we e-mail to each member of staff, so nothing was stored.',
    'Open the form page, give your work e-mail address, and use the link we send you.',
  ]),
};

export const divisionNames = (deps: Pick<PageDeps, 'config'>) =>
  Object.fromEntries(deps.config.divisions.map((d) => [d.id, d.name]));

const CROSS_SITE: PageOutcome = {
  statusCode: statusOf('forbidden_origin'),
  html: renderMessagePage('Please use the form itself', [
    'These answers were sent from another website, not from this form, so nothing was stored.',
    'Please open the link you were given and answer there.',
  ]),
};

/**
 * POST /f/{formId}: a thank-you once the answers are stored, or the form again with the reason and
 * every answer kept. The form comes back with the same token whenever it is still usable, so its
 * first render time is kept and a person who sends again at once is never dropped. Only a filled
 * honeypot (a bot) is thanked with nothing stored.
 */
export async function submitForm(
  formId: string,
  fields: FormValues,
  deps: PageDeps,
  from: RequestOrigin = {},
): Promise<PageOutcome> {
  try {
    const form = await openForm(formId, deps);
    if (crossSite(from)) return CROSS_SITE;
    if (accessOf(form) === 'verified') return USE_YOUR_LINK;
    const k = Math.max(form.anonymity?.k ?? 0, deps.config.anonymity.k);
    if ((fields[HONEYPOT_FIELD] ?? '').trim() !== '') return thanks(form, k);
    const secret = await deps.signingKey.get();
    const sent = fields[TOKEN_FIELD];
    const check = checkRenderToken(secret, form.formId, sent, deps.now().getTime());
    const again = (
      statusCode: number,
      token: string | undefined,
      notice: string,
      issues: ValidationError['issues'] = [],
    ) => formPage(form, deps, token, fields, issues, notice).then((html) => ({ statusCode, html }));
    if (!check.ok) {
      if (check.reason === 'too_fast')
        return again(
          statusOf('validation'),
          sent,
          'That was sent very quickly, so nothing has been stored yet. Please check your answers and send them again.',
        );
      if (check.reason === 'expired')
        return again(
          200,
          undefined,
          'This page was open for a long time, so your answers have not been sent yet. Please check them and send again.',
        );
      return again(
        statusOf('token_invalid'),
        undefined,
        'We could not confirm this page came from this form, so nothing has been stored. Your answers are kept: please check them and send again.',
      );
    }
    let response;
    try {
      response = responseFrom(form, formFieldsToBody(fields), deps.config);
    } catch (err) {
      if (err instanceof ValidationError) return again(toProblem(err).statusCode, sent, '', err.issues);
      throw err;
    }
    try {
      await storeOnce(form, spentKey(secret, form.formId, check.token.nonce), response, deps);
      return thanks(form, k);
    } catch (err) {
      // Sent twice (a double click, or a replay). The first may still be saving, or may have failed
      // and released the token: the answers stay on the page, and sending them again is safe,
      // since one page stores one set of answers at most.
      if (err instanceof TokenSpentError)
        return again(
          toProblem(err).statusCode,
          sent,
          'Answers have already been sent from this page, so these were not stored again. If you were told your answers could not be saved, please send them again in a moment.',
        );
      if (!(err instanceof NotStoredError)) throw err;
      // The store failed: the practitioner keeps every answer and is told plainly to send again, with
      // the same token if it was released, or a new one carrying the first render's time if not.
      log.error('response not stored', { error: String(err.cause) });
      return again(
        toProblem(err).statusCode,
        err.tokenReleased ? sent : issueRenderToken(secret, form.formId, check.token.issuedAt),
        'We could not save your answers just now, so nothing was stored. Your answers are still here: please send them again in a moment.',
      );
    }
  } catch (err) {
    const page = closedOrMissing(err);
    if (page) return page;
    throw err;
  }
}

/** A problem met before the form could be read (a body over the limit, a fault) as a plain page. */
export function problemPage(problem: Problem): string {
  if (problem.error === 'too_large')
    return renderMessagePage('Too much to send', [
      'What was sent was longer than this form accepts, so nothing was stored.',
      'Please go back, shorten your comment, and send it again.',
    ]);
  if (problem.error === 'rate_limited')
    return renderMessagePage('Please try again in a moment', [
      'Many answers are arriving at once, so yours was not stored.',
      'Please go back and send it again in a few seconds.',
    ]);
  return renderMessagePage('Something went wrong', [
    'Something went wrong on our side, so nothing was stored.',
    'Please go back and send your answers again in a moment.',
  ]);
}
