import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Form } from '../domain/forms';
import { expiry, keys } from './keys';
import type { Retention } from '../domain/retention';
import { FormExistsError } from '../errors';

export class FormRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
    /** When what this writes is deleted (the trust's retention); without it, nothing expires. */
    private readonly retention?: Retention,
  ) {}

  async get(formId: string): Promise<Form | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.form(formId) }));
    if (!out.Item) return undefined;
    return toForm(out.Item);
  }

  /**
   * The form item and its entry under the cycle are written together, and never over another form:
   * a second form for the same cycle fails with FormExistsError.
   */
  async create(form: Form): Promise<void> {
    try {
      await this.send(form);
    } catch (err) {
      // Only a failed condition means the form exists; a transaction cancelled for another reason
      // (a conflict, throttling) is an error to retry, not an answer.
      const reasons = (err as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
      if (
        (err as Error).name === 'TransactionCanceledException' &&
        reasons.some((r) => r.Code === 'ConditionalCheckFailed')
      )
        throw new FormExistsError(form.cycleId);
      throw err;
    }
  }

  private async send(form: Form): Promise<void> {
    const expiresAt = expiry(this.retention?.cycleRecords(form.cycleId));
    await this.db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.table,
              Item: { ...keys.form(form.formId), type: 'form', ...form, ...expiresAt },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: this.table,
              Item: { ...keys.cycleForm(form.cycleId), type: 'cycle-form', ...form, ...expiresAt },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      }),
    );
  }

  /** The cycle's form, if one has been opened. */
  async getForCycle(cycleId: string): Promise<Form | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.cycleForm(cycleId), ConsistentRead: true }),
    );
    return out.Item ? toForm(out.Item) : undefined;
  }

  /**
   * Moves a form's closing date; both copies change together, only if the form exists and no
   * practitioner figures have been worked out from it (else the transaction is cancelled).
   */
  async setClosesOn(form: Form, closesOn: string): Promise<Form> {
    const update = (key: { pk: string; sk: string }) => ({
      Update: {
        TableName: this.table,
        Key: key,
        UpdateExpression: 'SET closesOn = :c',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(figuresComputed)',
        ExpressionAttributeValues: { ':c': closesOn },
      },
    });
    await this.db.send(
      new TransactWriteCommand({
        TransactItems: [update(keys.form(form.formId)), update(keys.cycleForm(form.cycleId))],
      }),
    );
    return { ...form, closesOn };
  }

  /** Records on both copies that figures have been worked out from this form (see Form.figuresComputed). */
  async markFiguresComputed(form: Form): Promise<void> {
    for (const key of [keys.form(form.formId), keys.cycleForm(form.cycleId)])
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: key,
          UpdateExpression: 'SET figuresComputed = :t',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':t': true },
        }),
      );
  }
}

function toForm(item: Record<string, unknown>): Form {
  const { formId, cycleId, opensOn, closesOn, anonymity, figuresComputed, access } = item as unknown as Form;
  return {
    formId,
    cycleId,
    opensOn,
    closesOn,
    anonymity,
    ...(figuresComputed ? { figuresComputed } : {}),
    ...(access ? { access } : {}),
  };
}
