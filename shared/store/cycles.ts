import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Evaluation } from '../domain/evaluation';
import { expiry, keys } from './keys';
import type { Retention } from '../domain/retention';
import { AlreadyApprovedError, EmailAlreadyClaimedError } from '../errors';

export interface CycleRun {
  cycleId: string;
  evaluatedAt?: string;
  publishedAt?: string;
  reportKey?: string;
  pdfKey?: string;
  pdfBytes?: number;
  emailClaimedAt?: string;
  emailMessageId?: string;
  emailSentAt?: string;
  /** Who the board e-mail went to, and what it said, for "what changed" before a resend. */
  emailSentTo?: string[];
  sentSummary?: SentSummary;
  /** When the current draft was published (a report is a draft until approved). */
  draftAt?: string;
  /** When a QA lead was told the draft waits, and the state machine's token to resume it (cloud). */
  reviewRequestedAt?: string;
  approvalToken?: string;
  approvedAt?: string;
  approvedBy?: string;
  commentary?: string;
}

/** The headline of what the board was sent. */
export interface SentSummary {
  overall: string;
  ratings: Record<string, string>;
  responses: number | null;
}

/** Longer than the longest a function may run (15 minutes): a claim this old belongs to a dead run. */
export const CLAIM_STALE_AFTER_MS = 20 * 60 * 1000;

export class CycleRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
    /** When what this writes is deleted (the trust's retention); without it, nothing expires. */
    private readonly retention?: Retention,
  ) {}

  /**
   * Stores the cycle's evaluation. `publications` is every set of practitioner figures published
   * for the cycle so far, this one included: kept beside it (never published again) so a later run
   * is audited against all of them, not only against the one it replaces.
   */
  async saveEvaluation(evaluation: Evaluation, publications: unknown[] = []): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          ...keys.evaluation(evaluation.cycleId),
          type: 'evaluation',
          evaluation,
          publications,
          ...expiry(this.retention?.cycleRecords(evaluation.cycleId)),
        },
      }),
    );
    await this.mark(evaluation.cycleId, { evaluatedAt: evaluation.evaluatedAt });
  }

  /** The stored evaluation with every publication of the cycle's figures before it. */
  async getEvaluationRecord(
    cycleId: string,
  ): Promise<{ evaluation: Evaluation; publications: unknown[] } | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.evaluation(cycleId), ConsistentRead: true }),
    );
    if (!out.Item?.evaluation) return undefined;
    const publications = Array.isArray(out.Item.publications) ? (out.Item.publications as unknown[]) : [];
    return { evaluation: out.Item.evaluation as Evaluation, publications };
  }

  /**
   * Replaces the stored evaluation's comments (a comment erased), only while it is still the
   * evaluation judged at `evaluatedAt`: false, changing nothing, when the cycle was judged again.
   */
  async replaceComments(cycleId: string, evaluatedAt: string, comments: string[]): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.evaluation(cycleId),
          UpdateExpression: 'SET #e.#p.#c = :comments',
          ConditionExpression: '#e.#at = :at',
          ExpressionAttributeNames: {
            '#e': 'evaluation',
            '#p': 'practitioners',
            '#c': 'comments',
            '#at': 'evaluatedAt',
          },
          ExpressionAttributeValues: { ':comments': comments, ':at': evaluatedAt },
        }),
      );
      return true;
    } catch (err) {
      if ((err as Error).name === 'ConditionalCheckFailedException') return false;
      throw err;
    }
  }

  async getEvaluation(cycleId: string): Promise<Evaluation | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.evaluation(cycleId), ConsistentRead: true }),
    );
    return out.Item?.evaluation as Evaluation | undefined;
  }

  async getRun(cycleId: string): Promise<CycleRun> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.cycleRun(cycleId), ConsistentRead: true }),
    );
    const { pk: _pk, sk: _sk, type: _t, expiresAt: _e, ...run } = out.Item ?? {};
    return { ...(run as Partial<CycleRun>), cycleId };
  }

  async mark(cycleId: string, fields: Partial<Omit<CycleRun, 'cycleId'>>): Promise<void> {
    const expiresAt = this.retention?.cycleRecords(cycleId);
    const all: Record<string, unknown> = expiresAt === undefined ? { ...fields } : { ...fields, expiresAt };
    const names = Object.keys(all);
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: keys.cycleRun(cycleId),
        UpdateExpression: `SET #type = :type, ${names.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries([
          ['#type', 'type'],
          ...names.map((n, i) => [`#f${i}`, n]),
        ]),
        ExpressionAttributeValues: Object.fromEntries([
          [':type', 'cycle-run'],
          ...names.map((n, i) => [`:v${i}`, all[n]]),
        ]),
      }),
    );
  }

  /**
   * Records a QA lead's approval of the draft published at `draftAt`. Only one approval of a draft
   * wins (so approving twice sends once); a newer draft needs approving again.
   */
  async approve(
    cycleId: string,
    draftAt: string,
    approval: { approvedAt: string; approvedBy: string; commentary?: string },
  ): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.cycleRun(cycleId),
          UpdateExpression: `SET approvedAt = :at, approvedBy = :by${approval.commentary !== undefined ? ', commentary = :c' : ''}${approval.commentary === undefined ? ' REMOVE commentary' : ''}`,
          ConditionExpression:
            'draftAt = :draft AND (attribute_not_exists(approvedAt) OR approvedAt < draftAt)',
          ExpressionAttributeValues: {
            ':at': approval.approvedAt,
            ':by': approval.approvedBy,
            ':draft': draftAt,
            ...(approval.commentary !== undefined ? { ':c': approval.commentary } : {}),
          },
        }),
      );
    } catch (err) {
      if ((err as Error).name === 'ConditionalCheckFailedException') throw new AlreadyApprovedError(cycleId);
      throw err;
    }
  }

  /**
   * Claims the right to send this cycle's board email. Only one caller ever wins, so two runs of the
   * same cycle cannot both send. A claim left by a run that died mid-send (no email recorded, older
   * than any function can run) may be taken over. `force` claims again even after a send.
   */
  async claimEmail(cycleId: string, now: Date, force: boolean): Promise<void> {
    const stale = new Date(now.getTime() - CLAIM_STALE_AFTER_MS).toISOString();
    const unclaimed =
      'attribute_not_exists(emailClaimedAt) OR (attribute_not_exists(emailSentAt) AND emailClaimedAt < :stale)';
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.cycleRun(cycleId),
          UpdateExpression: 'SET #type = :type, emailClaimedAt = :now REMOVE emailMessageId, emailSentAt',
          ConditionExpression: force ? `${unclaimed} OR attribute_exists(emailSentAt)` : unclaimed,
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: { ':type': 'cycle-run', ':now': now.toISOString(), ':stale': stale },
        }),
      );
    } catch (err) {
      if ((err as Error).name === 'ConditionalCheckFailedException')
        throw new EmailAlreadyClaimedError(cycleId);
      throw err;
    }
  }

  /** Gives a claim back when the send failed, so a re-run sends the one email still owed. */
  async releaseEmail(cycleId: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: keys.cycleRun(cycleId),
        UpdateExpression: 'REMOVE emailClaimedAt',
        ConditionExpression: 'attribute_not_exists(emailSentAt)',
      }),
    );
  }
}
