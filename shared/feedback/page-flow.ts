import { FormClosedError, FormNotFoundError, ValidationError } from '../domain/errors';
import type { Form } from '../domain/forms';
import type { SigningKeyRepository } from '../store/secrets';
import { formDefinition } from './form-definition';
import {
  HONEYPOT_FIELD,
  TOKEN_FIELD,
  formFieldsToBody,
  renderFormPage,
  renderMessagePage,
  type FormValues,
} from './form-page';
import { checkRenderToken, issueRenderToken } from './render-token';
import { openForm, submitResponse, type FeedbackDeps } from './submit';
import { isThrottling, type Problem } from '../http/problems';
import { log } from '../log';

export interface PageDeps extends FeedbackDeps {
  signingKey: SigningKeyRepository;
}

export interface PageOutcome {
  statusCode: number;
  html: string;
}

const THANKS: PageOutcome = {
  statusCode: 200,
  html: renderMessagePage('Thank you', [
    'Your feedback has been received.',
    'Nothing that identifies you was stored: only your answers and the date.',
  ]),
};

function closedOrMissing(err: unknown): PageOutcome | undefined {
  if (err instanceof FormNotFoundError)
    return {
      statusCode: 404,
      html: renderMessagePage('Form not found', [
        'There is no form at this address. Please check the link you were given.',
      ]),
    };
  if (err instanceof FormClosedError)
    return err.notYetOpen
      ? {
          statusCode: 410,
          html: renderMessagePage('This form is not open yet', ['Please come back when it opens.']),
        }
      : {
          statusCode: 410,
          html: renderMessagePage('This form has closed', [
            `This form closed on ${err.closesOn} and no longer takes responses.`,
            'Thank you for your interest.',
          ]),
        };
  return undefined;
}

async function formPage(
  form: Form,
  deps: PageDeps,
  values?: FormValues,
  issues?: ValidationError['issues'],
  notice?: string,
) {
  const token = issueRenderToken(await deps.signingKey.get(), form.formId, deps.now().getTime());
  return renderFormPage(
    formDefinition(form, deps.config),
    `/f/${encodeURIComponent(form.formId)}`,
    token,
    values,
    issues,
    notice,
  );
}

/** GET /f/{formId}: the form, or a plain page saying why it cannot be filled in. */
export async function showForm(formId: string, deps: PageDeps): Promise<PageOutcome> {
  try {
    return { statusCode: 200, html: await formPage(await openForm(formId, deps), deps) };
  } catch (err) {
    const page = closedOrMissing(err);
    if (page) return page;
    throw err;
  }
}

/**
 * POST /f/{formId}: a thank-you, or the form again with every error beside its field and the answers
 * kept. A filled honeypot or a token that is forged or younger than the minimum fill time marks a
 * bot: it gets the same thank-you a person gets, and nothing is stored.
 */
export async function submitForm(formId: string, fields: FormValues, deps: PageDeps): Promise<PageOutcome> {
  try {
    const form = await openForm(formId, deps);
    const check = checkRenderToken(
      await deps.signingKey.get(),
      form.formId,
      fields[TOKEN_FIELD],
      deps.now().getTime(),
    );
    if ((fields[HONEYPOT_FIELD] ?? '') !== '' || check === 'invalid' || check === 'too_fast') return THANKS;
    if (check === 'expired')
      return {
        statusCode: 200,
        html: await formPage(
          form,
          deps,
          fields,
          [],
          'This page was open for a long time, so your answers have not been sent yet. Please check them and send again.',
        ),
      };
    try {
      await submitResponse(formId, formFieldsToBody(fields), deps);
      return THANKS;
    } catch (err) {
      if (err instanceof ValidationError)
        return { statusCode: 400, html: await formPage(form, deps, fields, err.issues) };
      // The store failed: the practitioner keeps every answer and is told plainly to send again.
      log.error('response not stored', { error: String(err) });
      return {
        statusCode: isThrottling(err) ? 429 : 503,
        html: await formPage(
          form,
          deps,
          fields,
          [],
          'We could not save your answers just now, so nothing was stored. Your answers are still here: please send them again in a moment.',
        ),
      };
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
