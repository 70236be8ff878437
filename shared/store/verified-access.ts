import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StaffMember } from '../domain/evidence';
import { expiry, keys } from './keys';
import { putIfAbsent, writtenIf } from './conditional-write';

interface AccessLink {
  emailHash: string;
  division: string;
  role: StaffMember['role'];
  /** Seconds since the epoch; also the item's TTL. */
  expiresAt: number;
}

/**
 * The records of verified access, all on the issuing side: who is on the staff list (by keyed hash),
 * the one-time links sent, and who has had their token this cycle. None of them holds a token, a
 * blinded token or a response, so nothing here can be matched to what is spent or stored.
 */
export class VerifiedAccessRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async staffMember(emailHash: string): Promise<StaffMember | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.evidence('staff', emailHash), ConsistentRead: true }),
    );
    return out.Item?.record as StaffMember | undefined;
  }

  async addLink(formId: string, linkKey: string, link: AccessLink): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: { ...keys.accessLink(formId, linkKey), type: 'access-link', ...link },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  /**
   * Counts one link e-mail to a member of staff on a day; false once `max` have been sent that day, so
   * no one can fill a colleague's inbox by asking for their link again and again.
   */
  async countLinkRequest(
    formId: string,
    day: string,
    emailHash: string,
    max: number,
    expiresAt: number,
  ): Promise<boolean> {
    return writtenIf(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.linkRequests(formId, day, emailHash),
          UpdateExpression: 'ADD asked :one SET #type = :type, expiresAt = :expiresAt',
          ConditionExpression: 'attribute_not_exists(asked) OR asked < :max',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: {
            ':one': 1,
            ':max': max,
            ':type': 'link-requests',
            ':expiresAt': expiresAt,
          },
        }),
      ),
    );
  }

  async link(formId: string, linkKey: string): Promise<AccessLink | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.accessLink(formId, linkKey), ConsistentRead: true }),
    );
    if (!out.Item) return undefined;
    const { emailHash, division, role, expiresAt } = out.Item as AccessLink;
    return { emailHash, division, role, expiresAt };
  }

  async removeLink(formId: string, linkKey: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.table, Key: keys.accessLink(formId, linkKey) }));
  }

  /** Whether this member of staff has had a token for the cycle. */
  async issued(cycleId: string, emailHash: string): Promise<boolean> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.issued(cycleId, emailHash), ConsistentRead: true }),
    );
    return Boolean(out.Item);
  }

  /** Records that the member of staff has their one token for the cycle; false if they already had it. */
  claimIssuance(cycleId: string, emailHash: string, expiresAt: number | undefined): Promise<boolean> {
    return putIfAbsent(this.db, this.table, {
      ...keys.issued(cycleId, emailHash),
      type: 'token-issued',
      ...expiry(expiresAt),
    });
  }

  async releaseIssuance(cycleId: string, emailHash: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.table, Key: keys.issued(cycleId, emailHash) }));
  }
}
