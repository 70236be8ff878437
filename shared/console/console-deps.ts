import { presignS3Get, sendTaskSuccess } from '../aws/sigv4';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { documentClient } from '../aws/dynamodb';
import { runtimeConfig } from '../config/runtime-config';
import { dayIn } from '../domain/anonymity';
import { CycleRepository } from '../store/cycles';
import { FormRepository } from '../store/forms';
import { ModerationRepository } from '../store/moderation';
import { SigningKeyRepository } from '../store/secrets';
import { objectKeys } from '../store/keys';
import type { Approved } from '../cycle/approval';
import type { ConsoleDeps } from './console-flow';
import { SignInLinks } from './session';

export interface ConsoleEnv {
  TABLE_NAME: string;
  BUCKET_NAME: string;
  STATE_MACHINE_ARN?: string;
  USER_POOL_ID?: string;
  USER_POOL_CLIENT_ID?: string;
  COGNITO_DOMAIN?: string;
}

/** Cognito's hosted sign-in (authorisation code flow), and the verified e-mail of who came back. */
function cognito(env: Required<Pick<ConsoleEnv, 'USER_POOL_ID' | 'USER_POOL_CLIENT_ID' | 'COGNITO_DOMAIN'>>) {
  const verifier = CognitoJwtVerifier.create({
    userPoolId: env.USER_POOL_ID,
    tokenUse: 'id',
    clientId: env.USER_POOL_CLIENT_ID,
  });
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
      const claims = await verifier.verify(id_token);
      return claims.email_verified === true && typeof claims.email === 'string' ? claims.email : undefined;
    },
  };
}

/** Everything the console uses, built once per container. */
export function consoleDeps(
  env: ConsoleEnv,
  resumeLocally?: (approved: Approved) => Promise<void>,
): ConsoleDeps {
  const db = documentClient();
  const config = runtimeConfig();
  const sessionKeys = new SigningKeyRepository(db, env.TABLE_NAME, 'console-session');
  const sessionKey = () => sessionKeys.get();
  const inCloud = env.USER_POOL_ID && env.USER_POOL_CLIENT_ID && env.COGNITO_DOMAIN;
  return {
    config,
    cycles: new CycleRepository(db, env.TABLE_NAME),
    moderation: new ModerationRepository(db, env.TABLE_NAME),
    forms: new FormRepository(db, env.TABLE_NAME),
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
    reportUrl: (cycleId, file) => presignS3Get(env.BUCKET_NAME, objectKeys.report(cycleId, file), 300),
    resume: async (approved) => {
      if (env.STATE_MACHINE_ARN && approved.resumeToken) {
        await sendTaskSuccess(
          approved.resumeToken,
          JSON.stringify({ cycleId: approved.cycleId, force: approved.resend }),
        );
        return;
      }
      if (resumeLocally) await resumeLocally(approved);
    },
  };
}
