import { ValidationError } from '../domain/errors';
import { formDefinition } from './form-definition';
import { closedOrMissing, divisionNames, type PageOutcome } from './page-flow';
import { openForm } from './submit';
import { requestLink, type VerifiedDeps } from './verified';
import { renderEmailPage, renderLinkSentPage, renderVerifyPage } from './verified-pages';
import { accessOf } from '../domain/forms';
import { FormNotFoundError } from '../domain/errors';

/** POST /f/{formId}/link: the same "check your e-mail" page whether or not the address is on the list. */
export async function linkPage(
  formId: string,
  email: string,
  baseUrl: string,
  deps: VerifiedDeps,
): Promise<PageOutcome> {
  try {
    await requestLink(formId, email, baseUrl, deps);
    const form = await openForm(formId, deps);
    return { statusCode: 200, html: renderLinkSentPage(formDefinition(form, deps.config)) };
  } catch (err) {
    if (err instanceof ValidationError) {
      const form = await openForm(formId, deps);
      return {
        statusCode: 400,
        html: renderEmailPage(
          formDefinition(form, deps.config),
          await deps.groupKeys.publicKeys(form.cycleId),
          divisionNames(deps),
          err.issues[0]?.message ?? 'enter your work e-mail address',
          email,
        ),
      };
    }
    const page = closedOrMissing(err);
    if (page) return page;
    throw err;
  }
}

/**
 * GET /f/{formId}/v: the page behind the link. Its script makes the token (from the link's secret,
 * which stays after the # and so never reaches the server in this request), then sends the answers.
 */
export async function verifyPage(formId: string, deps: VerifiedDeps): Promise<PageOutcome> {
  try {
    const form = await openForm(formId, deps);
    if (accessOf(form) !== 'verified') throw new FormNotFoundError();
    const def = formDefinition(form, deps.config);
    return {
      statusCode: 200,
      html: renderVerifyPage(def, '../../assets/verified-form.js', `../../api/forms/${form.formId}`),
    };
  } catch (err) {
    const page = closedOrMissing(err);
    if (page) return page;
    throw err;
  }
}

/** GET /f/{formId}/link: where a verified form's page sends people: give your work e-mail. */
export async function emailPage(formId: string, deps: VerifiedDeps): Promise<PageOutcome> {
  try {
    const form = await openForm(formId, deps);
    if (accessOf(form) !== 'verified') throw new FormNotFoundError();
    return {
      statusCode: 200,
      html: renderEmailPage(
        formDefinition(form, deps.config),
        await deps.groupKeys.publicKeys(form.cycleId),
        divisionNames(deps),
      ),
    };
  } catch (err) {
    const page = closedOrMissing(err);
    if (page) return page;
    throw err;
  }
}
