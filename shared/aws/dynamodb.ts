import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

// One module per client, so a bundle that only talks to DynamoDB carries no S3 or SES code. The SDK
// reads AWS_ENDPOINT_URL_<SERVICE> itself: that is how local runs reach the emulators.
let ddb: DynamoDBDocumentClient | undefined;

export function documentClient(): DynamoDBDocumentClient {
  ddb ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return ddb;
}
