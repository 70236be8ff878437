// Proves private group keys go to Secrets Manager under the stack's prefix, one secret each, and the public half alone to the table.
import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import {
  CreateSecretCommand,
  GetSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { SecretsManagerKeyStore } from '../../shared/store/secrets-manager-keys';
import { GroupKeyRepository } from '../../shared/store/group-keys';

const secrets = mockClient(SecretsManagerClient);
const ddb = mockClient(DynamoDBDocumentClient);
afterEach(() => {
  secrets.reset();
  ddb.reset();
});

describe('group keys', () => {
  it('makes a key pair once: the private half to a new secret, the public half and fingerprint to the table', async () => {
    secrets.on(CreateSecretCommand).resolves({});
    ddb.on(GetCommand).resolves({});
    ddb.on(PutCommand).resolves({});
    const repo = new GroupKeyRepository(
      DynamoDBDocumentClient.from(new DynamoDBClient({})),
      't',
      new SecretsManagerKeyStore('pillar7/prod/group-keys/', new SecretsManagerClient({})),
    );
    const pair = await repo.ensure('2027-spring', 'oak-primary|delivery');

    const [created] = secrets.commandCalls(CreateSecretCommand).map((c) => c.args[0].input);
    expect(created!.Name).toBe(`pillar7/prod/group-keys/2027-spring/oak-primary/delivery/${pair.kid}`);
    expect(created!.SecretString).toBe(pair.privateKey);
    const [put] = ddb.commandCalls(PutCommand).map((c) => c.args[0].input);
    expect(put!.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(put!.Item).toEqual({
      pk: 'KEYS#2027-spring',
      sk: 'oak-primary|delivery',
      type: 'group-key',
      publicKey: pair.publicKey,
      kid: pair.kid,
    });
    // The private key is never written to the table.
    expect(JSON.stringify(put!.Item)).not.toContain(pair.privateKey.slice(0, 40));
  });

  it('reads an existing key back from its secret, and makes nothing new', async () => {
    ddb.on(GetCommand).resolves({ Item: { publicKey: 'PUB', kid: 'KID' } });
    secrets.on(GetSecretValueCommand).resolves({ SecretString: 'PRIVATE' });
    const repo = new GroupKeyRepository(
      DynamoDBDocumentClient.from(new DynamoDBClient({})),
      't',
      new SecretsManagerKeyStore('p/', new SecretsManagerClient({})),
    );
    expect(await repo.ensure('c', 'd|leadership')).toMatchObject({
      publicKey: 'PUB',
      kid: 'KID',
      privateKey: 'PRIVATE',
    });
    expect(secrets.commandCalls(GetSecretValueCommand)[0]!.args[0].input.SecretId).toBe(
      'p/c/d/leadership/KID',
    );
    expect(secrets.commandCalls(CreateSecretCommand)).toHaveLength(0);
  });

  it('refuses to make a key where it holds no private key store (the verifying functions)', async () => {
    ddb.on(GetCommand).resolves({});
    const repo = new GroupKeyRepository(DynamoDBDocumentClient.from(new DynamoDBClient({})), 't');
    await expect(repo.ensure('c', 'd|delivery')).rejects.toThrow(/no private key store/);
  });
});
