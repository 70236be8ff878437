import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * Counts the write units DynamoDB (Local) reports for every write the client makes: each write is
 * sent with ReturnConsumedCapacity=TOTAL. `writes` names each (command and the item's kind: its sort
 * key's prefix, or its partition's for an item keyed by a hash alone). `reset` starts a new count.
 */
export function meterWrites(db: DynamoDBDocumentClient, name: string) {
  const meter = { units: 0, writes: [] as string[] };
  db.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      const isWrite = /^(Put|Update|Delete|BatchWrite|TransactWrite)/.test(String(context.commandName));
      if (isWrite) input.ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      if (isWrite) {
        const item = (input.Item ?? input.Key) as { pk?: string; sk?: string } | undefined;
        const sk = String(item?.sk ?? '');
        const kind = sk.includes('#') ? sk.split('#')[0] : String(item?.pk ?? '').split('#')[0];
        meter.writes.push(`${String(context.commandName).replace('Command', '')} ${kind}`);
        const consumed = (
          result.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] }
        ).ConsumedCapacity;
        for (const c of [consumed].flat()) meter.units += c?.CapacityUnits ?? 0;
      }
      return result;
    },
    { step: 'initialize', name },
  );
  return {
    read: () => ({ units: meter.units, writes: [...meter.writes] }),
    reset: () => {
      meter.units = 0;
      meter.writes = [];
    },
    remove: () => db.middlewareStack.remove(name),
  };
}
