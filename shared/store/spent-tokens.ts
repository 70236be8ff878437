import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { expiry, keys } from './keys';
import { putIfAbsent } from './conditional-write';

/**
 * The tokens already used for a response, each as a keyed hash and nothing else: no time, no
 * response id, no address. Kept apart from the responses, so a spent record and a response cannot be
 * matched; each expires (TTL) with its form, never while the form can still take an answer.
 */
export class SpentTokenRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** Records the token as used; false if it already was (one conditional write). */
  spend(formId: string, tokenKey: string, expiresAt: number | undefined): Promise<boolean> {
    return putIfAbsent(this.db, this.table, {
      ...keys.spentToken(formId, tokenKey),
      type: 'spent-token',
      ...expiry(expiresAt),
    });
  }

  /** Makes the token usable again, after its response could not be stored. */
  async release(formId: string, tokenKey: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.table, Key: keys.spentToken(formId, tokenKey) }));
  }
}
