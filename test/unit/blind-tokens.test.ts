// Proves the server's half of RSA blind signatures interoperates with an RFC 9474 client, certifies the group, and refuses forgeries.
import { describe, expect, it } from 'vitest';
import { BlindSignatureError } from '../../shared/errors';
import {
  blindSign,
  generateGroupKey,
  spentTokenKey,
  verifyToken,
  type GroupKeyPair,
} from '../../shared/feedback/blind-tokens';
import { blindSuite, blindToken, importGroupKey } from '../support/blind-client';

/** What the practitioner's browser does under the group's key: a random token, blinded; then the signature unblinded. */
const clientToken = async (keys: GroupKeyPair) => blindToken(await importGroupKey(keys.publicKey));

describe('blind-signed tokens (RFC 9474)', () => {
  const group = generateGroupKey();
  const other = generateGroupKey();

  it('signs a blinded token that, once unblinded, verifies under the group key and the client library', async () => {
    const c = await clientToken(group);
    const signature = await c.finish(blindSign(group, c.blinded));
    expect(verifyToken(group.publicKey, c.token, signature)).toBe(true);
    expect(await blindSuite.verify(await importGroupKey(group.publicKey), signature, c.token)).toBe(true);
    // The server saw only the blinded value: it shares nothing with the token or its signature.
    expect(c.blinded.includes(c.token.subarray(32))).toBe(false);
    expect(c.blinded.equals(signature)).toBe(false);
  });

  it('refuses a token signed for another group (or another cycle: each has its own keys)', async () => {
    const c = await clientToken(other);
    const signature = await c.finish(blindSign(other, c.blinded));
    expect(verifyToken(other.publicKey, c.token, signature)).toBe(true);
    expect(verifyToken(group.publicKey, c.token, signature)).toBe(false);
  });

  it('refuses a forged or altered signature, and a token altered after signing', async () => {
    const c = await clientToken(group);
    const signature = await c.finish(blindSign(group, c.blinded));
    const flipped = Buffer.from(signature);
    flipped[10] = flipped[10]! ^ 1;
    expect(verifyToken(group.publicKey, c.token, flipped)).toBe(false);
    const altered = Buffer.from(c.token);
    altered[40] = altered[40]! ^ 1;
    expect(verifyToken(group.publicKey, altered, signature)).toBe(false);
    expect(verifyToken(group.publicKey, c.token, Buffer.alloc(256))).toBe(false);
    expect(verifyToken(group.publicKey, c.token, Buffer.alloc(3))).toBe(false);
    expect(verifyToken('not a key', c.token, signature)).toBe(false);
  });

  it('refuses a blinded value of the wrong length or not below the modulus', () => {
    expect(() => blindSign(group, Buffer.alloc(12))).toThrow(BlindSignatureError);
    expect(() => blindSign(group, Buffer.alloc(256, 0xff))).toThrow(BlindSignatureError);
  });

  it('keys the spent record by a keyed hash of the token, different for each form', async () => {
    const c = await clientToken(group);
    const secret = Buffer.alloc(32, 3);
    const a = spentTokenKey(secret, 'form-a', c.token);
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(spentTokenKey(secret, 'form-b', c.token));
    expect(a).not.toContain(c.token.toString('base64url').slice(0, 12));
  });
});
