import { FormClosedError, FormNotFoundError, ValidationError } from '../domain/errors';
import { formDefinition } from './form-definition';
import { formFieldsToBody, renderFormPage, renderMessagePage, type FormValues } from './form-page';
import { openForm, submitResponse, type FeedbackDeps } from './submit';

export interface PageOutcome {
  statusCode: number;
  html: string;
}

function closedOrMissing(err: unknown): PageOutcome | undefined {
  if (err instanceof FormNotFoundError)
    return {
      statusCode: 404,
      html: renderMessagePage(
        'Form not found',
        'There is no form at this address. Please check the link you were given.',
      ),
    };
  if (err instanceof FormClosedError)
    return {
      statusCode: 410,
      html: renderMessagePage(
        err.notYetOpen ? 'This form is not open yet' : 'This form has closed',
        err.notYetOpen
          ? 'Please come back when it opens.'
          : `This form closed on ${err.closesOn} and no longer takes responses. Thank you for your interest.`,
      ),
    };
  return undefined;
}

/** GET /f/{formId}: the form, or a plain page saying why it cannot be filled in. */
export async function showForm(formId: string, deps: FeedbackDeps): Promise<PageOutcome> {
  try {
    const form = await openForm(formId, deps);
    return {
      statusCode: 200,
      html: renderFormPage(formDefinition(form, deps.config), `/f/${encodeURIComponent(formId)}`),
    };
  } catch (err) {
    const page = closedOrMissing(err);
    if (page) return page;
    throw err;
  }
}

/** POST /f/{formId}: a thank-you, or the form again with every error beside its field and the answers kept. */
export async function submitForm(
  formId: string,
  fields: FormValues,
  deps: FeedbackDeps,
): Promise<PageOutcome> {
  try {
    await submitResponse(formId, formFieldsToBody(fields), deps);
    return {
      statusCode: 200,
      html: renderMessagePage(
        'Thank you',
        'Your feedback has been received. Nothing that identifies you was stored.',
      ),
    };
  } catch (err) {
    if (err instanceof ValidationError) {
      const form = await openForm(formId, deps);
      return {
        statusCode: 400,
        html: renderFormPage(
          formDefinition(form, deps.config),
          `/f/${encodeURIComponent(formId)}`,
          fields,
          err.issues,
        ),
      };
    }
    const page = closedOrMissing(err);
    if (page) return page;
    throw err;
  }
}
