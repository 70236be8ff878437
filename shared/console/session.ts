import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from '../store/keys';
import { conditionFailed } from '../store/conditional-write';

/**
 * The QA lead's console session: a cookie holding who signed in and until when, with a keyed MAC
 * the server checks on every request. Signed in by Cognito in the cloud, or locally by a one-time
 * link; checked the same way either way.
 */
export const SESSION_COOKIE = 'p7_console';
export const SESSION_SECONDS = 8 * 60 * 60;
export const SIGN_IN_LINK_SECONDS = 15 * 60;

export interface Session {
  /** The QA lead's e-mail address: recorded with everything they decide. */
  email: string;
  /** Seconds since the epoch. */
  expires: number;
}

const mac = (key: Buffer, body: string) =>
  createHmac('sha256', key).update(`console|${body}`).digest('base64url');

export function sealSession(key: Buffer, session: Session): string {
  const body = Buffer.from(JSON.stringify(session)).toString('base64url');
  return `${body}.${mac(key, body)}`;
}

/** The session a cookie header carries, or undefined if none, forged or expired. */
export function openSession(
  key: Buffer,
  cookieHeader: string | undefined,
  nowSeconds: number,
): Session | undefined {
  const value = cookieHeader
    ?.split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`))
    ?.slice(SESSION_COOKIE.length + 1);
  if (!value) return undefined;
  const [body, tag] = value.split('.');
  if (!body || !tag) return undefined;
  const expected = Buffer.from(mac(key, body));
  const given = Buffer.from(tag);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    const session = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Session;
    if (typeof session.email !== 'string' || typeof session.expires !== 'number') return undefined;
    return session.expires > nowSeconds ? session : undefined;
  } catch {
    return undefined;
  }
}

export function sessionCookie(value: string, secure: boolean, maxAge = SESSION_SECONDS): string {
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure ? '; Secure' : ''}`;
}

/** One-time sign-in links for local runs (the cloud signs in through Cognito instead). */
export class SignInLinks {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly key: () => Promise<Buffer>,
  ) {}

  private async linkKey(secret: string) {
    return createHmac('sha256', await this.key())
      .update(`signin|${secret}`)
      .digest('base64url');
  }

  async create(email: string, nowSeconds: number): Promise<string> {
    const secret = randomBytes(32).toString('base64url');
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          ...keys.consoleSignIn(await this.linkKey(secret)),
          type: 'console-sign-in',
          email,
          expiresAt: nowSeconds + SIGN_IN_LINK_SECONDS,
        },
      }),
    );
    return secret;
  }

  /** The address the link was made for, once: the link is deleted as it is used. */
  async redeem(secret: string, nowSeconds: number): Promise<string | undefined> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(secret)) return undefined;
    try {
      const out = await this.db.send(
        new DeleteCommand({
          TableName: this.table,
          Key: keys.consoleSignIn(await this.linkKey(secret)),
          ConditionExpression: 'attribute_exists(pk) AND expiresAt > :now',
          ExpressionAttributeValues: { ':now': nowSeconds },
          ReturnValues: 'ALL_OLD',
        }),
      );
      return out.Attributes?.email as string | undefined;
    } catch (err) {
      if (conditionFailed(err)) return undefined;
      throw err;
    }
  }
}
