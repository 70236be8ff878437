// What a recorded SDK call needs of IAM, for checking the calls a test makes against the grants of
// infra/cdk/access.ts (ACCESS): the actions, and for DynamoDB the partitions it touches.

/** The IAM actions a recorded SDK call needs, as IAM authorises it. */
export function actionsFor(service: 'dynamodb' | 's3' | 'ses', command: string, input: unknown): string[] {
  const name = command.replace(/Command$/, '');
  if (service === 'dynamodb') {
    if (name === 'TransactWriteItems' || name === 'TransactWrite') {
      const items = (input as { TransactItems: Record<string, unknown>[] }).TransactItems;
      const byKind: Record<string, string> = {
        Put: 'PutItem',
        Update: 'UpdateItem',
        Delete: 'DeleteItem',
        ConditionCheck: 'ConditionCheckItem',
      };
      return items.flatMap((item) => Object.keys(item).map((k) => `dynamodb:${byKind[k] ?? k}`));
    }
    const docToItem: Record<string, string> = {
      Get: 'GetItem',
      Put: 'PutItem',
      Update: 'UpdateItem',
      Delete: 'DeleteItem',
      BatchGet: 'BatchGetItem',
      BatchWrite: 'BatchWriteItem',
    };
    return [`dynamodb:${docToItem[name] ?? name}`];
  }
  if (service === 's3') {
    const s3: Record<string, string[]> = {
      ListObjectsV2: ['s3:ListBucket'],
      GetObject: ['s3:GetObject'],
      HeadObject: ['s3:GetObject'],
      PutObject: ['s3:PutObject'],
      DeleteObject: ['s3:DeleteObject'],
      CopyObject: ['s3:GetObject', 's3:PutObject'],
    };
    return s3[name] ?? [`s3:${name}`];
  }
  return [`ses:${name}`];
}

/** Whether a partition-key value matches a granted pattern, as IAM's StringLike does (`*` is any run). */
export function partitionMatches(pattern: string, pk: string): boolean {
  const parts = pattern.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`).test(pk);
}

/**
 * The partition keys a recorded DynamoDB call touches, per IAM action, for checking calls against
 * the LeadingKeys of ACCESS: a Get, Put, Update or Delete its item's; a Query the partition it
 * names (`pk = :x`); a batch or transaction each of its items'.
 */
export function partitionsFor(command: string, input: unknown): { action: string; pk: string }[] {
  const i = input as Record<string, unknown>;
  const pkOf = (x: unknown) => String((x as { pk?: unknown } | undefined)?.pk);
  const [action] = actionsFor('dynamodb', command, input);
  const name = command.replace(/Command$/, '');
  if (name === 'TransactWriteItems' || name === 'TransactWrite')
    return (i.TransactItems as Record<string, { Item?: unknown; Key?: unknown }>[]).flatMap((item) =>
      Object.values(item).map((op, n) => ({
        action: actionsFor('dynamodb', command, { TransactItems: [item] })[n]!,
        pk: pkOf(op.Item ?? op.Key),
      })),
    );
  if (name === 'BatchWriteItem' || name === 'BatchWrite')
    return Object.values(
      i.RequestItems as Record<
        string,
        { PutRequest?: { Item: unknown }; DeleteRequest?: { Key: unknown } }[]
      >,
    )
      .flat()
      .map((r) => ({ action: action!, pk: pkOf(r.PutRequest?.Item ?? r.DeleteRequest?.Key) }));
  if (name === 'BatchGetItem' || name === 'BatchGet')
    return Object.values(i.RequestItems as Record<string, { Keys: unknown[] }>)
      .flatMap((r) => r.Keys)
      .map((k) => ({ action: action!, pk: pkOf(k) }));
  if (name === 'Query') {
    const placeholder = /(?:^|\s|\()#?pk\s*=\s*(:\w+)/.exec(String(i.KeyConditionExpression))?.[1];
    const values = i.ExpressionAttributeValues as Record<string, unknown>;
    const value = placeholder ? values[placeholder] : undefined;
    return [
      {
        action: action!,
        pk: typeof value === 'object' ? String((value as { S?: string }).S) : String(value),
      },
    ];
  }
  return [{ action: action!, pk: pkOf(i.Key ?? i.Item) }];
}
