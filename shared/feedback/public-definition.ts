import { dayIn } from '../domain/anonymity';
import { accessOf, formState } from '../domain/forms';
import { formDefinition, type FormDefinition } from './form-definition';
import { issueRenderToken } from './render-token';
import { findForm, type TokenDeps } from './submit';

/**
 * GET /api/forms/{formId}: the form's public definition; while the form takes responses, with a
 * fresh single-use token (usable from 3 seconds to 7 days after it was issued).
 */
export async function publicDefinition(
  formId: string,
  deps: TokenDeps,
): Promise<Omit<FormDefinition, 'logo'> & { token?: string }> {
  const form = await findForm(formId, deps);
  // The logo is the page's, not the API's: a client shows its own.
  const { logo: _logo, ...definition } = formDefinition(form, deps.config);
  // A verified form takes a blind-signed token from the link, never a render token.
  if (accessOf(form) === 'verified' || formState(form, dayIn(deps.config.timezone, deps.now())) !== 'open')
    return definition;
  return {
    ...definition,
    token: issueRenderToken(await deps.signingKey.get(), form.formId, deps.now().getTime()),
  };
}
