import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { TABLE_DEFINITION } from '../../shared/store/table-definition';
import { documentClient } from '../../shared/aws/dynamodb';
import { migrateLayout } from '../../shared/ops/migrate-layout';

/**
 * Creates the table (from the one shared definition) and the bucket, if they are not there yet, and
 * brings a table of an earlier version to this one's layout.
 */
export async function bootstrapLocal(tableName: string, bucket: string): Promise<{ created: boolean }> {
  const db = new DynamoDBClient({});
  let created = false;
  try {
    await db.send(new DescribeTableCommand({ TableName: tableName }));
  } catch (err) {
    if ((err as Error).name !== 'ResourceNotFoundException') throw err;
    const { partitionKey, sortKey, timeToLiveAttribute } = TABLE_DEFINITION;
    await db.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: partitionKey.name, AttributeType: partitionKey.type },
          { AttributeName: sortKey.name, AttributeType: sortKey.type },
        ],
        KeySchema: [
          { AttributeName: partitionKey.name, KeyType: 'HASH' },
          { AttributeName: sortKey.name, KeyType: 'RANGE' },
        ],
      }),
    );
    await waitUntilTableExists({ client: db, maxWaitTime: 30 }, { TableName: tableName });
    await db.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: timeToLiveAttribute, Enabled: true },
      }),
    );
    created = true;
  }
  // A data folder from an earlier version has its records moved to this version's partitions (a
  // new table is marked current by the same call, which then finds nothing to move).
  await migrateLayout(documentClient(), tableName);
  const s3 = new S3Client({ forcePathStyle: true });
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  }
  db.destroy();
  s3.destroy();
  return { created };
}
