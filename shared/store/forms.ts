import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Form } from '../domain/forms';
import { keys } from './keys';

export class FormRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async get(formId: string): Promise<Form | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.form(formId) }));
    if (!out.Item) return undefined;
    const { formId: id, cycleId, opensOn, closesOn } = out.Item as Form;
    return { formId: id, cycleId, opensOn, closesOn };
  }

  /** The form item and its entry under the cycle are written together, and never over another form. */
  async create(form: Form): Promise<void> {
    await this.db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.table,
              Item: { ...keys.form(form.formId), type: 'form', ...form },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: this.table,
              Item: { ...keys.cycleForm(form.cycleId, form.formId), type: 'cycle-form', ...form },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      }),
    );
  }

  async listForCycle(cycleId: string): Promise<Form[]> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: {
          ':pk': keys.cyclePartition(cycleId),
          ':prefix': keys.cycleFormsPrefix(),
        },
      }),
    );
    return (out.Items ?? []).map((i) => ({
      formId: i.formId as string,
      cycleId: i.cycleId as string,
      opensOn: i.opensOn as string,
      closesOn: i.closesOn as string,
    }));
  }
}
