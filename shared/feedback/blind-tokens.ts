import {
  constants,
  createHmac,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  privateDecrypt,
  publicEncrypt,
  verify,
} from 'node:crypto';
import { BlindSignatureError } from '../errors';

/**
 * RSA blind signatures (RFC 9474, RSABSSA-SHA384-PSS-Randomized), the server's half. A practitioner's
 * browser makes a random token, blinds it, and this signs the blinded value once per member of
 * staff per cycle; the browser unblinds the signature. The signature then verifies on the token, but
 * the server never saw the token when it signed, so it cannot tell whose token a response carries.
 * One key per cycle, division and role: the key a token verifies under certifies the division and
 * role it was issued for. The browser's half is `@cloudflare/blindrsa-ts`.
 */

export const MODULUS_BITS = 2048;
/** RFC 9474: PSS salt as long as the SHA-384 digest; a randomized token is 32 random bytes + message. */
const SALT_LENGTH = 48;

export interface GroupKeyPair {
  /** SubjectPublicKeyInfo, DER, base64url: published on the form page. */
  publicKey: string;
  /** PKCS #8, DER, base64url: kept secret, never in the table. */
  privateKey: string;
}

export function generateGroupKey(): GroupKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: MODULUS_BITS });
  return {
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64url'),
    privateKey: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64url'),
  };
}

/**
 * Signs a blinded message: the raw RSA operation of RFC 9474's BlindSign, checked by verifying the
 * result before it leaves (a faulty signature could leak the key). The input must be exactly the
 * modulus length and below the modulus, or it is refused.
 */
export function blindSign(keys: GroupKeyPair, blindedMessage: Buffer): Buffer {
  const bytes = MODULUS_BITS / 8;
  if (blindedMessage.length !== bytes)
    throw new BlindSignatureError(`the blinded token must be ${bytes} bytes`);
  const privateKey = createPrivateKey({
    key: Buffer.from(keys.privateKey, 'base64url'),
    format: 'der',
    type: 'pkcs8',
  });
  const publicKey = createPublicKey({
    key: Buffer.from(keys.publicKey, 'base64url'),
    format: 'der',
    type: 'spki',
  });
  let signature: Buffer;
  try {
    signature = privateDecrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, blindedMessage);
  } catch {
    throw new BlindSignatureError('the blinded token is not a number below the key modulus');
  }
  const check = publicEncrypt({ key: publicKey, padding: constants.RSA_NO_PADDING }, signature);
  if (!check.equals(blindedMessage)) throw new BlindSignatureError('the signature did not verify');
  return signature;
}

/** Whether `signature` is the group key's RSA-PSS signature of the prepared token (RFC 9474 Verify). */
export function verifyToken(publicKey: string, token: Buffer, signature: Buffer): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(publicKey, 'base64url'), format: 'der', type: 'spki' });
    return verify(
      'sha384',
      token,
      { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: SALT_LENGTH },
      signature,
    );
  } catch {
    return false;
  }
}

/** The spent record's key for a verified token: a keyed hash of the token, nothing else. */
export function spentTokenKey(secret: Buffer, formId: string, token: Buffer): string {
  return createHmac('sha256', secret).update(`verified|${formId}|`).update(token).digest('base64url');
}

/** A group's name in key storage: the division and role its tokens certify. */
export const groupId = (division: string, role: string) => `${division}|${role}`;
