import { RSABSSA } from '@cloudflare/blindrsa-ts';

/** RFC 9474's RSABSSA-SHA384-PSS-Randomized: the suite the verified form's page runs. */
export const blindSuite = RSABSSA.SHA384.PSS.Randomized();

/** A group's public key (base64url SPKI, as the access endpoint gives it), as the page imports it. */
export const importGroupKey = (publicKey: string): Promise<CryptoKey> =>
  crypto.subtle.importKey(
    'spki',
    Buffer.from(publicKey, 'base64url'),
    { name: 'RSA-PSS', hash: 'SHA-384' },
    true,
    ['verify'],
  );

/**
 * What the practitioner's browser does: a random token, blinded under the group's key, for the
 * server to sign; then `finish` unblinds the server's signature into the token's own.
 */
export async function blindToken(groupKey: CryptoKey) {
  const token = blindSuite.prepare(crypto.getRandomValues(new Uint8Array(32)));
  const { blindedMsg, inv } = await blindSuite.blind(groupKey, token);
  return {
    token: Buffer.from(token),
    blinded: Buffer.from(blindedMsg),
    finish: async (blindSignature: Buffer): Promise<Buffer> =>
      Buffer.from(await blindSuite.finalize(groupKey, token, blindSignature, inv)),
  };
}
