import { randomBytes } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from './keys';
import { putIfAbsent } from './conditional-write';

/**
 * A random 256-bit key, by name: `render-token` signs form tokens and hashes spent ones; `staff-email`
 * hashes staff addresses. Made on first use with a conditional put, so concurrent first requests
 * agree on one key; kept in the table the function already reads, so the form needs no secrets
 * service (and no extra client in its bundle) for these keyed hashes.
 */
export class SigningKeyRepository {
  private cached: Buffer | undefined;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly name: 'render-token' | 'staff-email' | 'console-session' = 'render-token',
  ) {}

  /** The key if it has been made, without making it: for a function granted only to read it. */
  async find(): Promise<Buffer | undefined> {
    if (this.cached) return this.cached;
    const existing = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.signingKey(this.name), ConsistentRead: true }),
    );
    if (typeof existing.Item?.secret === 'string')
      return (this.cached = Buffer.from(existing.Item.secret, 'base64'));
    return undefined;
  }

  /** The key, made on first use. */
  async get(): Promise<Buffer> {
    const found = await this.find();
    if (found) return found;
    const key = keys.signingKey(this.name);
    const secret = randomBytes(32).toString('base64');
    if (await putIfAbsent(this.db, this.table, { ...key, type: 'signing-key', secret }))
      return (this.cached = Buffer.from(secret, 'base64'));
    this.cached = undefined;
    return this.get();
  }
}
