import { ValidationError } from '../errors';
import { toProblem } from '../http/problems';
import type { Form } from '../domain/forms';
import { formDefinition } from './form-definition';
import { closedOrMissing, divisionNames, type PageOutcome } from './page-flow';
import { requestLink, verifiedForm, type VerifiedDeps } from './verified';
import { renderEmailPage, renderLinkSentPage, renderVerifyPage } from './verified-pages';

/** A verified form's page, or the plain page that says it is missing, closed or not verified. */
async function onVerifiedForm(
  formId: string,
  deps: VerifiedDeps,
  render: (form: Form) => Promise<PageOutcome>,
): Promise<PageOutcome> {
  try {
    return await render(await verifiedForm(formId, deps));
  } catch (err) {
    const page = closedOrMissing(err);
    if (page) return page;
    throw err;
  }
}

const emailPageOf = async (form: Form, deps: VerifiedDeps, problem?: string, email?: string) =>
  renderEmailPage(
    formDefinition(form, deps.config),
    await deps.groupKeys.publicKeys(form.cycleId),
    divisionNames(deps),
    problem,
    email,
  );

/** GET /f/{formId}/link: where a verified form's page sends people: give your work e-mail. */
export const emailPage = (formId: string, deps: VerifiedDeps) =>
  onVerifiedForm(formId, deps, async (form) => ({ statusCode: 200, html: await emailPageOf(form, deps) }));

/** POST /f/{formId}/link: the same "check your e-mail" page whether or not the address is on the list. */
export const linkPage = (formId: string, email: string, baseUrl: string, deps: VerifiedDeps) =>
  onVerifiedForm(formId, deps, async (form) => {
    try {
      await requestLink(form, email, baseUrl, deps);
      return { statusCode: 200, html: renderLinkSentPage(formDefinition(form, deps.config)) };
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const problem = err.issues[0]?.message ?? 'enter your work e-mail address';
      return { statusCode: toProblem(err).statusCode, html: await emailPageOf(form, deps, problem, email) };
    }
  });

/**
 * GET /f/{formId}/v: the page behind the link. Its script makes the token (from the link's secret,
 * which stays after the # and so never reaches the server in this request), then sends the answers.
 */
export const verifyPage = (formId: string, deps: VerifiedDeps) =>
  onVerifiedForm(formId, deps, async (form) => ({
    statusCode: 200,
    html: renderVerifyPage(
      formDefinition(form, deps.config),
      '../../assets/verified-form.js',
      `../../api/forms/${form.formId}`,
    ),
  }));
