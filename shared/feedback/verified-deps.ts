import { documentClient } from '../aws/dynamodb';
import { GroupKeyRepository } from '../store/group-keys';
import type { PrivateKeyStore } from '../store/private-keys';
import { SigningKeyRepository } from '../store/signing-keys';
import { VerifiedAccessRepository } from '../store/verified-access';
import { tokenDeps } from './deps';
import type { VerifiedDeps } from './verified';

/**
 * The verified form's deps. Each function passes only what it uses, so neither bundle carries a
 * client it never calls: the link function sends e-mail and holds no private key; the issuing
 * function holds the private keys and sends no e-mail.
 */
export function verifiedDeps(
  tableName: string,
  parts: { store?: PrivateKeyStore; sendLink?: VerifiedDeps['sendLink'] },
): VerifiedDeps {
  const db = documentClient();
  return {
    ...tokenDeps(tableName),
    staffKey: new SigningKeyRepository(db, tableName, 'staff-email'),
    access: new VerifiedAccessRepository(db, tableName),
    groupKeys: new GroupKeyRepository(db, tableName, parts.store),
    sendLink:
      parts.sendLink ??
      (async () => {
        throw new Error('this function sends no e-mail');
      }),
  };
}
