import { loadEnv } from '../../shared/schemas/env';
import { feedbackDeps } from '../../shared/feedback/deps';
import { FormNotFoundError } from '../../shared/domain/errors';
import { formDefinition } from '../../shared/feedback/form-definition';
import { jsonRoute, json, type HttpEvent } from '../../shared/http/stack';

const env = loadEnv('http');
const deps = feedbackDeps(env.TABLE_NAME);

/** GET /api/forms/{formId}: the questions, choices and dates, whether or not the form is open. */
export const handler = jsonRoute(
  async (event: HttpEvent) => {
    const form = await deps.forms.get(event.pathParameters?.formId ?? '');
    if (!form) throw new FormNotFoundError();
    return json(200, formDefinition(form, deps.config));
  },
  { parseBody: false },
);
