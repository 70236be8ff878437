import { createHmac, randomBytes } from 'node:crypto';
import {
  BlindSignatureError,
  FormNotFoundError,
  TokenInvalidError,
  TokenSpentError,
  ValidationError,
} from '../errors';
import { accessOf, type Form } from '../domain/forms';
import { isEmailAddress, normaliseEmail, staffEmailHash } from '../domain/staff';
import type { GroupKeyRepository } from '../store/group-keys';
import type { SigningKeyRepository } from '../store/signing-keys';
import type { VerifiedAccessRepository } from '../store/verified-access';
import { blindSign, groupId } from './blind-tokens';
import { openForm, spentRecordExpiry, type TokenDeps } from './submit';

/** A one-time link works for a day after it is sent. */
export const LINK_LIFETIME_SECONDS = 24 * 60 * 60;
/** Link e-mails one member of staff may be sent in a day: enough for a lost or expired link, too few to flood an inbox. */
export const LINK_EMAILS_PER_DAY = 5;

export interface VerifiedDeps extends TokenDeps {
  staffKey: SigningKeyRepository;
  access: VerifiedAccessRepository;
  groupKeys: GroupKeyRepository;
  /** Sends the one-time link to a member of staff (SES in the cloud, the SES emulator locally). */
  sendLink: (message: { to: string; subject: string; text: string }) => Promise<void>;
}

/** The verified form, open today; a form of the open kind has none of these routes. */
export async function verifiedForm(formId: string, deps: VerifiedDeps): Promise<Form> {
  const form = await openForm(formId, deps);
  if (accessOf(form) !== 'verified') throw new FormNotFoundError();
  return form;
}

const linkKeyOf = (secret: Buffer, link: string) =>
  createHmac('sha256', secret).update(`link|${link}`).digest('base64url');

/**
 * Step 1: a practitioner gives their work e-mail. If it is on the staff list, a one-time link goes
 * to it; if not, nothing is sent. The answer is the same either way, so the page cannot be used to
 * test who is on the list. The link's secret is only in the e-mail (after a #, so it is never sent
 * to the server in a request line or logged); the table keeps a keyed hash of it. `form` is the
 * one verifiedForm read for this request.
 */
export async function requestLink(
  form: Form,
  email: string,
  baseUrl: string,
  deps: VerifiedDeps,
): Promise<void> {
  const address = normaliseEmail(email);
  if (!isEmailAddress(address))
    throw new ValidationError([
      { path: 'email', message: 'enter your work e-mail address, like name@school.org' },
    ]);
  // No staff key yet means no staff list yet: no one is on it (and this function may not make the key).
  const staffKey = await deps.staffKey.find();
  if (!staffKey) return;
  const emailHash = staffEmailHash(staffKey, address);
  const member = await deps.access.staffMember(emailHash);
  if (!member) return;
  // The day alone (UTC), kept a day past its end: enough to cap, and no time of day beside the hash.
  const day = deps.now().toISOString().slice(0, 10);
  const keepUntil = Math.floor(Date.parse(`${day}T00:00:00Z`) / 1000) + 2 * 86_400;
  if (!(await deps.access.countLinkRequest(form.formId, day, emailHash, LINK_EMAILS_PER_DAY, keepUntil)))
    return;
  const trust = deps.config.trust.name;
  if (await deps.access.issued(form.cycleId, emailHash)) {
    await deps.sendLink({
      to: address,
      subject: `Your feedback on the improvement model - ${trust}`,
      text: [
        `You asked for a link to ${trust}'s feedback form, but this address has already had its one link for this round of feedback, and each member of staff can answer once.`,
        '',
        'If that was not you, please tell your quality assurance lead.',
      ].join('\n'),
    });
    return;
  }
  const link = randomBytes(32).toString('base64url');
  await deps.access.addLink(form.formId, linkKeyOf(await deps.signingKey.get(), link), {
    emailHash,
    division: member.division,
    role: member.role,
    expiresAt: Math.floor(deps.now().getTime() / 1000) + LINK_LIFETIME_SECONDS,
  });
  await deps.sendLink({
    to: address,
    subject: `Your link to give feedback on the improvement model - ${trust}`,
    text: [
      `Here is your link to ${trust}'s feedback form. It works once, for the next 24 hours:`,
      '',
      `${baseUrl}/f/${form.formId}/v#${link}`,
      '',
      'Your answers are anonymous: the link gives your browser a token that we sign without seeing it, so we can check you answer once without being able to tell which answers are yours.',
      `The form is open until ${form.closesOn}.`,
      '',
      'If you did not ask for this, you can ignore it.',
    ].join('\n'),
  });
}

async function linkFor(form: Form, link: unknown, deps: VerifiedDeps) {
  if (typeof link !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(link))
    throw new TokenInvalidError('this link is not one we sent; ask for a new one on the form page');
  const key = linkKeyOf(await deps.signingKey.get(), link);
  const found = await deps.access.link(form.formId, key);
  if (!found || found.expiresAt * 1000 < deps.now().getTime())
    throw new TokenInvalidError(
      'this link has expired or has already been used; ask for a new one on the form page',
    );
  return { key, ...found };
}

export interface GroupAccess {
  division: string;
  divisionName: string;
  role: string;
  publicKey: string;
  kid: string;
}

/** Step 2: what the page behind the link needs to blind a token: the group's public key. */
export async function accessFor(formId: string, link: unknown, deps: VerifiedDeps): Promise<GroupAccess> {
  const form = await verifiedForm(formId, deps);
  const found = await linkFor(form, link, deps);
  const keys = await deps.groupKeys.ensure(form.cycleId, groupId(found.division, found.role));
  return {
    division: found.division,
    divisionName: deps.config.divisions.find((d) => d.id === found.division)?.name ?? found.division,
    role: found.role,
    publicKey: keys.publicKey,
    kid: keys.kid,
  };
}

/**
 * Step 3: signs the blinded token, once per member of staff per cycle, and uses up the link. What is
 * recorded is only that this member of staff has had their token: never the blinded value, so the
 * token spent later cannot be matched to this issuance.
 */
export async function issueToken(
  formId: string,
  body: unknown,
  deps: VerifiedDeps,
): Promise<{ blindSignature: string }> {
  const form = await verifiedForm(formId, deps);
  const { link, blindedMessage } = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const found = await linkFor(form, link, deps);
  if (typeof blindedMessage !== 'string' || !/^[A-Za-z0-9_-]{300,400}$/.test(blindedMessage))
    throw new ValidationError([{ path: 'blindedMessage', message: 'must be the blinded token, base64url' }]);
  if (!(await deps.access.claimIssuance(form.cycleId, found.emailHash, spentRecordExpiry(form, deps.config))))
    throw new TokenSpentError(
      'you have already had your token for this round of feedback: each member of staff can answer once',
    );
  try {
    const keys = await deps.groupKeys.ensure(form.cycleId, groupId(found.division, found.role));
    const signature = blindSign(keys, Buffer.from(blindedMessage, 'base64url'));
    await deps.access.removeLink(form.formId, found.key);
    return { blindSignature: signature.toString('base64url') };
  } catch (err) {
    await deps.access.releaseIssuance(form.cycleId, found.emailHash);
    if (err instanceof BlindSignatureError)
      throw new ValidationError([{ path: 'blindedMessage', message: err.message }]);
    throw err;
  }
}
