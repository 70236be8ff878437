import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A person cannot read and answer the form this fast; a bot posting straight back can. */
export const MIN_FILL_MS = 3_000;
/** A page left open this long gets a fresh token and a request to send again, answers kept. */
export const MAX_TOKEN_AGE_MS = 7 * 24 * 60 * 60 * 1000;

export interface RenderToken {
  /** When the form was first rendered (ms since the epoch): signed, never stored. */
  issuedAt: number;
  /** 128 random bits: what makes each token single-use. */
  nonce: string;
}

export type TokenCheck =
  | { ok: true; token: RenderToken }
  | { ok: false; reason: 'invalid' | 'too_fast' | 'expired'; token?: RenderToken };

const mac = (secret: Buffer, formId: string, issuedAt: number, nonce: string) =>
  createHmac('sha256', secret)
    .update(`render|${formId}|${issuedAt}|${nonce}`)
    .digest('base64url')
    .slice(0, 32);

/**
 * An open form's render token (SPEC section 4): when the form was rendered and a random nonce,
 * signed. The server keeps nothing when it issues one; when one is used, only a keyed hash of its
 * nonce is written (spentKey), so the token can be used once and the record says nothing about when.
 */
export function issueRenderToken(secret: Buffer, formId: string, nowMs: number): string {
  const nonce = randomBytes(16).toString('base64url');
  return `${nowMs.toString(36)}.${nonce}.${mac(secret, formId, nowMs, nonce)}`;
}

export function checkRenderToken(
  secret: Buffer,
  formId: string,
  token: string | undefined,
  nowMs: number,
): TokenCheck {
  const match = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{32})$/.exec(token ?? '');
  if (!match) return { ok: false, reason: 'invalid' };
  const issuedAt = parseInt(match[1]!, 36);
  const nonce = match[2]!;
  const expected = Buffer.from(mac(secret, formId, issuedAt, nonce));
  if (!timingSafeEqual(expected, Buffer.from(match[3]!))) return { ok: false, reason: 'invalid' };
  const parsed = { issuedAt, nonce };
  const age = nowMs - issuedAt;
  if (age < MIN_FILL_MS) return { ok: false, reason: 'too_fast', token: parsed };
  if (age > MAX_TOKEN_AGE_MS) return { ok: false, reason: 'expired', token: parsed };
  return { ok: true, token: parsed };
}

/** What the spent-token record is keyed by: a keyed hash of the nonce alone, never of the time. */
export function spentKey(secret: Buffer, formId: string, nonce: string): string {
  return createHmac('sha256', secret).update(`spent|${formId}|${nonce}`).digest('base64url');
}
