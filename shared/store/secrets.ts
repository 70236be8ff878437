import { randomBytes } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from './keys';

/**
 * The key that signs form render tokens. Made on first use with a conditional put, so concurrent
 * first requests agree on one key; kept in the table the function already reads, so the form needs
 * no secrets service (and no extra client in its bundle) for an anti-bot check.
 */
export class SigningKeyRepository {
  private cached: Buffer | undefined;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async get(): Promise<Buffer> {
    if (this.cached) return this.cached;
    const key = keys.signingKey('render-token');
    const existing = await this.db.send(
      new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true }),
    );
    if (typeof existing.Item?.secret === 'string')
      return (this.cached = Buffer.from(existing.Item.secret, 'base64'));
    const secret = randomBytes(32).toString('base64');
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...key, type: 'signing-key', secret },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return (this.cached = Buffer.from(secret, 'base64'));
    } catch (err) {
      if ((err as Error).name !== 'ConditionalCheckFailedException') throw err;
      this.cached = undefined;
      return this.get();
    }
  }
}
