import { randomUUID } from 'node:crypto';
import type { TrustConfig } from '../schemas/config';
import { parseResponseBody, type StoredResponse } from '../schemas/response';
import { dayIn } from '../domain/anonymity';
import { screenFreeText } from '../domain/screening';
import { FORM_ID_PATTERN, accessOf, formState, type Form } from '../domain/forms';
import {
  FormClosedError,
  FormNotFoundError,
  NotStoredError,
  TokenInvalidError,
  TokenSpentError,
  ValidationError,
} from '../errors';
import type { FormRepository } from '../store/forms';
import type { ResponseRepository } from '../store/responses';
import type { SpentTokenRepository } from '../store/spent-tokens';
import { Retention } from '../domain/retention';
import type { SigningKeyRepository } from '../store/signing-keys';
import { checkRenderToken, issueRenderToken, spentKey } from './render-token';
import { groupId, spentTokenKey, verifyToken } from './blind-tokens';
import type { GroupKeyRepository } from '../store/group-keys';
import { log } from '../log';

export interface FeedbackDeps {
  config: TrustConfig;
  forms: FormRepository;
  responses: ResponseRepository;
  now: () => Date;
}

/** What the public routes need beyond reading forms: the token key and the record of spent tokens. */
export interface TokenDeps extends FeedbackDeps {
  signingKey: SigningKeyRepository;
  spent: SpentTokenRepository;
  /** The cycles' public group keys, which verified tokens are checked against. */
  groupKeys: GroupKeyRepository;
}

/** A form id the product issued, or nothing: anything else is not found before any read. */
export async function findForm(formId: string, deps: Pick<FeedbackDeps, 'forms'>): Promise<Form> {
  const form = FORM_ID_PATTERN.test(formId) ? await deps.forms.get(formId) : undefined;
  if (!form) throw new FormNotFoundError();
  return form;
}

/** The form, if it exists and takes responses today; otherwise the error that says why not. */
export async function openForm(formId: string, deps: FeedbackDeps): Promise<Form> {
  const form = await findForm(formId, deps);
  const state = formState(form, dayIn(deps.config.timezone, deps.now()));
  if (state !== 'open') throw new FormClosedError(form.closesOn, state === 'not_yet_open', form.cycleId);
  return form;
}

/** The answers, validated and screened, as they will be stored: a random id and nothing else. */
export function responseFrom(form: Form, body: unknown, config: TrustConfig): StoredResponse {
  const parsed = parseResponseBody(
    body,
    config.divisions.map((d) => d.id),
  );
  if (!parsed.success) throw new ValidationError(parsed.issues);
  const b = parsed.data;
  const comment = b.comment?.trim() ? screenFreeText(b.comment.trim()) : undefined;
  return {
    responseId: randomUUID(),
    cycleId: form.cycleId,
    ratings: Object.fromEntries(Object.entries(b.ratings ?? {}).filter(([, v]) => v !== undefined)),
    safety: b.safety,
    influence: b.influence,
    role: b.role ?? 'undisclosed',
    division: b.division ?? 'undisclosed',
    comment,
  };
}

/**
 * Stores answers that need no token: synthetic responses seeded by the CLI and the local demo.
 * Nothing public reaches this; the routes go through acceptWithToken.
 */
export async function recordResponse(formId: string, body: unknown, deps: FeedbackDeps): Promise<void> {
  const form = await openForm(formId, deps);
  await deps.responses.add(responseFrom(form, body, deps.config));
}

/**
 * When a spent token's record, and a verified link's issuance, may be deleted: with the form itself
 * (its cycle's records), never before. A form can be extended while no figures are worked out from
 * it, so an expiry counted from its closing day could lapse while it still takes answers, and a
 * token already used would work again. The same for every record of the form, so it dates none.
 * Undefined (kept) for a cycle the config does not list, as the form is.
 */
export function spentRecordExpiry(form: Form, config: TrustConfig): number | undefined {
  return Retention.of(config).cycleRecords(form.cycleId);
}

/**
 * One response per token: the token's record is written first with a condition (a second use
 * fails there), then the response. If storing the response fails, the token is released again so
 * the same person can resend: a valid token never ends without either a stored response or a
 * clear error. Two plain writes, not a transaction, so a response costs at most two write units.
 */
export async function storeOnce(
  form: Form,
  tokenKey: string,
  response: StoredResponse,
  deps: TokenDeps,
): Promise<void> {
  let fresh: boolean;
  try {
    fresh = await deps.spent.spend(form.formId, tokenKey, spentRecordExpiry(form, deps.config));
  } catch (err) {
    // The token's record could not be written: nothing was spent or stored; the same token stays good.
    throw new NotStoredError(err, true);
  }
  if (!fresh) throw new TokenSpentError();
  try {
    await deps.responses.add(response);
  } catch (err) {
    const released = await deps.spent.release(form.formId, tokenKey).then(
      () => true,
      (releaseErr: unknown) => {
        log.error('token not released after a failed store', { error: String(releaseErr) });
        return false;
      },
    );
    throw new NotStoredError(err, released);
  }
}

/** Splits a JSON body into its token, its signature and its answers (validated on their own). */
function tokenOf(body: unknown): { token: unknown; signature: unknown; answers: unknown } {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return { token: undefined, signature: undefined, answers: body };
  const { token, signature, ...answers } = body as Record<string, unknown>;
  return { token, signature, answers };
}

/**
 * A verified form's response: the token the browser made, with the signature the server gave it
 * blind, for the division and role the staff list certifies. Checked against that group's key for
 * the form's cycle, so a token of another group or cycle, or a forged one, is refused.
 */
async function submitVerified(
  form: Form,
  token: unknown,
  signature: unknown,
  response: StoredResponse,
  deps: TokenDeps,
): Promise<void> {
  if (typeof token !== 'string' || typeof signature !== 'string')
    throw new TokenInvalidError(
      'send the token and signature the page behind your link made, as "token" and "signature"; nothing was stored',
    );
  const tokenBytes = Buffer.from(token, 'base64url');
  const key = await deps.groupKeys.publicKey(form.cycleId, groupId(response.division, response.role));
  if (
    !key ||
    tokenBytes.length !== 64 ||
    !verifyToken(key.publicKey, tokenBytes, Buffer.from(signature, 'base64url'))
  )
    throw new TokenInvalidError(
      'the token is not signed for this form, or not for the school and role sent with it; nothing was stored',
    );
  const secret = await deps.signingKey.get();
  await storeOnce(form, spentTokenKey(secret, form.formId, tokenBytes), response, deps).catch((err) => {
    throw err instanceof NotStoredError ? err.cause : err;
  });
}

/**
 * POST /api/forms/{formId}/responses on an open form: the answers and the render token from
 * GET /api/forms/{formId}. A missing, forged, too new or expired token is refused (403
 * token_invalid); a used one too (403 token_spent). Nothing is stored unless all is well.
 */
export async function submitResponse(formId: string, body: unknown, deps: TokenDeps): Promise<void> {
  const form = await openForm(formId, deps);
  const { token, signature, answers } = tokenOf(body);
  const response = responseFrom(form, answers, deps.config);
  if (accessOf(form) === 'verified') return submitVerified(form, token, signature, response, deps);
  if (signature !== undefined)
    throw new TokenInvalidError(
      'this form takes a token from GET /api/forms/{formId}, with no signature; nothing was stored',
    );
  if (typeof token !== 'string' || token === '')
    throw new TokenInvalidError(
      `send the token from GET /api/forms/${formId} with the answers, as "token"; nothing was stored`,
    );
  const secret = await deps.signingKey.get();
  const check = checkRenderToken(secret, form.formId, token, deps.now().getTime());
  if (!check.ok) throw new TokenInvalidError(TOKEN_PROBLEM[check.reason]);
  await storeOnce(form, spentKey(secret, form.formId, check.token.nonce), response, deps).catch((err) => {
    if (!(err instanceof NotStoredError)) throw err;
    // The client may send again: with the same token if it was released, or else with a new one
    // carrying the same issue time, given with the error.
    throw Object.assign(err.cause instanceof Error ? err.cause : new Error(String(err.cause)), {
      retryToken: err.tokenReleased ? undefined : issueRenderToken(secret, form.formId, check.token.issuedAt),
    });
  });
}

const TOKEN_PROBLEM = {
  invalid:
    'the token is not one this form issued; get a new one from GET /api/forms/{formId}; nothing was stored',
  too_fast: 'the token is less than 3 seconds old; send again in a moment; nothing was stored',
  expired:
    'the token is more than 7 days old; get a new one from GET /api/forms/{formId}; nothing was stored',
} as const;
