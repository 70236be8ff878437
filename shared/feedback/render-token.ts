import { createHmac, timingSafeEqual } from 'node:crypto';

/** A person cannot read and answer the form this fast; a bot posting straight back can. */
export const MIN_FILL_MS = 3_000;
/** A page left open this long gets a fresh token and a request to send again, answers kept. */
export const MAX_TOKEN_AGE_MS = 7 * 24 * 60 * 60 * 1000;

export type TokenCheck = 'ok' | 'too_fast' | 'expired' | 'invalid';

const sign = (secret: Buffer, formId: string, issuedAt: number) =>
  createHmac('sha256', secret).update(`${formId}.${issuedAt}`).digest('base64url').slice(0, 32);

/**
 * A signed note of when the form was rendered, carried in a hidden field: it proves the fill time
 * without the server remembering anything about the visitor. It is never stored.
 */
export function issueRenderToken(secret: Buffer, formId: string, nowMs: number): string {
  return `${nowMs.toString(36)}.${sign(secret, formId, nowMs)}`;
}

export function checkRenderToken(
  secret: Buffer,
  formId: string,
  token: string | undefined,
  nowMs: number,
): TokenCheck {
  const match = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{32})$/.exec(token ?? '');
  if (!match) return 'invalid';
  const issuedAt = parseInt(match[1]!, 36);
  const expected = Buffer.from(sign(secret, formId, issuedAt));
  if (!timingSafeEqual(expected, Buffer.from(match[2]!))) return 'invalid';
  const age = nowMs - issuedAt;
  if (age < MIN_FILL_MS) return 'too_fast';
  if (age > MAX_TOKEN_AGE_MS) return 'expired';
  return 'ok';
}
