import { createHash } from 'node:crypto';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { generateGroupKey, type GroupKeyPair } from '../feedback/blind-tokens';
import { keys } from './keys';
import { putIfAbsent } from './conditional-write';
import { privateKeyName, type PrivateKeyStore } from './private-keys';

export interface GroupPublicKey {
  group: string;
  publicKey: string;
  /** A short fingerprint of the public key (SHA-256 of it), for people to compare. */
  kid: string;
}

const fingerprint = (publicKey: string) =>
  createHash('sha256').update(Buffer.from(publicKey, 'base64url')).digest('base64url').slice(0, 16);

/**
 * A cycle's signing keys, one per (division, role) group: the public half in the table (published
 * on the form page), the private half in a PrivateKeyStore under a name made of the cycle, group and
 * fingerprint. Made on first need; two callers at once agree on one key by a conditional put.
 */
export class GroupKeyRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
    /** Only the issuing side has one: verifying needs the public keys alone. */
    private readonly store?: PrivateKeyStore,
  ) {}

  async publicKey(cycleId: string, group: string): Promise<GroupPublicKey | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.groupKey(cycleId, group), ConsistentRead: true }),
    );
    return out.Item ? { group, publicKey: String(out.Item.publicKey), kid: String(out.Item.kid) } : undefined;
  }

  async publicKeys(cycleId: string): Promise<GroupPublicKey[]> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.groupKeysPartition(cycleId) },
      }),
    );
    return (out.Items ?? []).map((i) => ({
      group: String(i.sk),
      publicKey: String(i.publicKey),
      kid: String(i.kid),
    }));
  }

  /** The group's key pair for the cycle, made now if it has none. */
  async ensure(cycleId: string, group: string): Promise<GroupKeyPair & { kid: string }> {
    const store = this.store;
    if (!store) throw new Error('this function verifies tokens only; it holds no private key store');
    const existing = await this.publicKey(cycleId, group);
    if (existing)
      return { ...existing, privateKey: await store.get(privateKeyName(cycleId, group, existing.kid)) };
    const pair = generateGroupKey();
    const kid = fingerprint(pair.publicKey);
    await store.put(privateKeyName(cycleId, group, kid), pair.privateKey);
    const item = { ...keys.groupKey(cycleId, group), type: 'group-key', publicKey: pair.publicKey, kid };
    if (await putIfAbsent(this.db, this.table, item)) return { ...pair, kid };
    return this.ensure(cycleId, group);
  }
}
