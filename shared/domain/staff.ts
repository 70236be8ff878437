import { createHmac } from 'node:crypto';

/** Whether a (normalised) string is shaped like an e-mail address: something@domain.tld, no spaces. */
export const isEmailAddress = (email: string) =>
  /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) && email.length <= 254;

/**
 * A work e-mail address as the staff list and the form compare it: Unicode-normalised (so a
 * full-width or composed character matches its plain form), trimmed and lower-cased.
 */
export const normaliseEmail = (email: string) => email.normalize('NFKC').trim().toLowerCase();

/**
 * The only form in which a member of staff's address is ever stored: a keyed hash. Without the key
 * (kept apart, see shared/store/signing-keys.ts) the stored hashes cannot be tested against a guessed
 * address.
 */
export const staffEmailHash = (key: Buffer, email: string) =>
  createHmac('sha256', key)
    .update(`staff|${normaliseEmail(email)}`)
    .digest('base64url');

/** A staff name phrase (see staffNameTokens in screening.ts) as stored: a keyed hash, never the name. */
export const staffNameHash = (key: Buffer, token: string) =>
  createHmac('sha256', key).update(`name|${token}`).digest('base64url');
