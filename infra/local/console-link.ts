import { documentClient } from '../../shared/aws/dynamodb';
import { SignInLinks, SIGN_IN_LINK_SECONDS } from '../../shared/console/session';
import { SigningKeyRepository } from '../../shared/store/signing-keys';
import type { TrustConfig } from '../../shared/schemas/config';
import { LOCAL_NAMES } from './environment';

/**
 * A one-time sign-in link to the local console for a QA lead (the cloud signs in through Cognito):
 * it works once, for a quarter of an hour.
 */
export async function consoleSignInLink(
  config: TrustConfig,
  base: string,
  email = config.board.qaLeads[0],
): Promise<{ url: string; email: string; minutes: number }> {
  if (!email) throw new Error('the trust config names no QA lead (board.qaLeads), so no one can sign in');
  if (!config.board.qaLeads.some((a) => a.toLowerCase() === email.toLowerCase()))
    throw new Error(
      `${email} is not a QA lead in the trust config (board.qaLeads: ${config.board.qaLeads.join(', ')})`,
    );
  const db = documentClient();
  const keys = new SigningKeyRepository(db, LOCAL_NAMES.table, 'console-session');
  const links = new SignInLinks(db, LOCAL_NAMES.table, () => keys.get());
  const secret = await links.create(email, Math.floor(Date.now() / 1000));
  return { url: `${base}/console/signin?link=${secret}`, email, minutes: SIGN_IN_LINK_SECONDS / 60 };
}
