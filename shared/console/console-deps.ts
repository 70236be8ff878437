import { presignS3Get, sendTaskSuccess } from '../aws/sigv4';
import { documentClient } from '../aws/dynamodb';
import { runtimeConfig } from '../config/runtime-config';
import { dayIn } from '../domain/anonymity';
import { CycleRepository } from '../store/cycles';
import { FormRepository } from '../store/forms';
import { ModerationRepository } from '../store/moderation';
import { Retention } from '../domain/retention';
import { ResponseRepository } from '../store/responses';
import { SigningKeyRepository } from '../store/signing-keys';
import { objectKeys } from '../store/keys';
import { resumeInput, type Approved } from '../cycle/approval';
import type { ConsoleDeps } from './console-flow';
import { SignInLinks } from './session';
import { staffNameTest } from '../store/staff-names';
import { bucketUploads } from './evidence-uploads';

export interface ConsoleEnv {
  TABLE_NAME: string;
  BUCKET_NAME: string;
  STATE_MACHINE_ARN?: string;
  USER_POOL_ID?: string;
  USER_POOL_CLIENT_ID?: string;
  COGNITO_DOMAIN?: string;
}

/**
 * The claims of an ID token received straight from Cognito's token endpoint, over TLS, in exchange
 * for this client's own code: OpenID Connect Core 3.1.3.7 lets a client then rely on TLS for where
 * the token came from, so its issuer, audience, use and expiry are checked here, not a signature.
 */
export function idTokenEmail(
  idToken: string,
  expected: { issuer: string; clientId: string },
  nowSeconds: number,
): string | undefined {
  const payload = idToken.split('.')[1];
  if (!payload) return undefined;
  let claims: Record<string, unknown>;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const ok =
    claims.iss === expected.issuer &&
    claims.aud === expected.clientId &&
    claims.token_use === 'id' &&
    typeof claims.exp === 'number' &&
    claims.exp > nowSeconds &&
    claims.email_verified === true &&
    typeof claims.email === 'string';
  return ok ? (claims.email as string) : undefined;
}

/** Cognito's hosted sign-in (authorisation code flow), and the verified e-mail of who came back. */
function cognito(env: Required<Pick<ConsoleEnv, 'USER_POOL_ID' | 'USER_POOL_CLIENT_ID' | 'COGNITO_DOMAIN'>>) {
  const region = env.USER_POOL_ID.split('_')[0]!;
  const issuer = `https://cognito-idp.${region}.amazonaws.com/${env.USER_POOL_ID}`;
  const origin = `https://${env.COGNITO_DOMAIN}`;
  return {
    signInUrl: (redirectUri: string) =>
      `${origin}/oauth2/authorize?${new URLSearchParams({
        response_type: 'code',
        client_id: env.USER_POOL_CLIENT_ID,
        redirect_uri: redirectUri,
        scope: 'openid email',
      })}`,
    emailFromCode: async (code: string, redirectUri: string) => {
      const res = await fetch(`${origin}/oauth2/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          client_id: env.USER_POOL_CLIENT_ID,
          code,
          redirect_uri: redirectUri,
        }),
      });
      if (!res.ok) return undefined;
      const { id_token } = (await res.json()) as { id_token?: string };
      if (!id_token) return undefined;
      return idTokenEmail(
        id_token,
        { issuer, clientId: env.USER_POOL_CLIENT_ID },
        Math.floor(Date.now() / 1000),
      );
    },
  };
}

/** Everything the console uses, built once per container. */
export function consoleDeps(
  env: ConsoleEnv,
  resumeLocally?: (approved: Approved) => Promise<boolean>,
): ConsoleDeps {
  const db = documentClient();
  const config = runtimeConfig();
  const sessionKeys = new SigningKeyRepository(db, env.TABLE_NAME, 'console-session');
  const sessionKey = () => sessionKeys.get();
  const retention = Retention.of(config);
  const inCloud = env.USER_POOL_ID && env.USER_POOL_CLIENT_ID && env.COGNITO_DOMAIN;
  return {
    config,
    cycles: new CycleRepository(db, env.TABLE_NAME, retention),
    moderation: new ModerationRepository(db, env.TABLE_NAME, retention),
    staffNames: () =>
      staffNameTest(db, env.TABLE_NAME, new SigningKeyRepository(db, env.TABLE_NAME, 'staff-email')),
    forms: new FormRepository(db, env.TABLE_NAME, retention),
    responses: new ResponseRepository(db, env.TABLE_NAME, retention),
    now: () => new Date(),
    today: () => dayIn(config.timezone, new Date()),
    sessionKey,
    ...(inCloud
      ? {
          cognito: cognito({
            USER_POOL_ID: env.USER_POOL_ID!,
            USER_POOL_CLIENT_ID: env.USER_POOL_CLIENT_ID!,
            COGNITO_DOMAIN: env.COGNITO_DOMAIN!,
          }),
        }
      : { signInLinks: new SignInLinks(db, env.TABLE_NAME, sessionKey) }),
    evidence: bucketUploads(env.BUCKET_NAME),
    reportUrl: (cycleId, file) => presignS3Get(env.BUCKET_NAME, objectKeys.report(cycleId, file), 300),
    resume: async (approved) => {
      if (env.STATE_MACHINE_ARN) {
        if (!approved.resumeToken) return false;
        await sendTaskSuccess(approved.resumeToken, JSON.stringify(resumeInput(approved)));
        return true;
      }
      return resumeLocally ? resumeLocally(approved) : false;
    },
  };
}
