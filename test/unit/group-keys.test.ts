// Proves private group keys go to Secrets Manager under the stack's prefix, one secret each, and the public half alone to the table; and that a cycle's are deleted together, restorably, and no other cycle's.
import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { SecretsManagerKeyStore } from '../../shared/store/secrets-manager-keys';
import { SecretsManagerKeyRetirement } from '../../shared/store/secrets-manager-retirement';
import { GroupKeyRepository } from '../../shared/store/group-keys';
import { FilePrivateKeyStore, privateKeyName } from '../../shared/store/private-keys';

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

describe("deleting a cycle's private group keys", () => {
  const PREFIX = 'pillar7/prod/group-keys/';
  const store = () => new SecretsManagerKeyRetirement(PREFIX, new SecretsManagerClient({}));
  const secret = (name: string) => ({ Name: `${PREFIX}${name}` });

  it("lists the cycle's secrets by name prefix across every page and deletes each with a 7-day recovery window", async () => {
    secrets
      .on(ListSecretsCommand)
      .resolvesOnce({
        SecretList: [
          secret('2027-spring/oak-primary/delivery/K1'),
          secret('2027-spring/oak-primary/leadership/K2'),
        ],
        NextToken: 'page-2',
      })
      .resolvesOnce({ SecretList: [secret('2027-spring/elm-academy/delivery/K3')] });
    secrets.on(DeleteSecretCommand).resolves({});

    expect(await store().deleteCycle('2027-spring')).toBe(3);

    expect(secrets.commandCalls(ListSecretsCommand).map((c) => c.args[0].input)).toEqual([
      {
        Filters: [{ Key: 'name', Values: [`${PREFIX}2027-spring/`] }],
        MaxResults: 100,
        NextToken: undefined,
      },
      { Filters: [{ Key: 'name', Values: [`${PREFIX}2027-spring/`] }], MaxResults: 100, NextToken: 'page-2' },
    ]);
    expect(secrets.commandCalls(DeleteSecretCommand).map((c) => c.args[0].input)).toEqual([
      { SecretId: `${PREFIX}2027-spring/oak-primary/delivery/K1`, RecoveryWindowInDays: 7 },
      { SecretId: `${PREFIX}2027-spring/oak-primary/leadership/K2`, RecoveryWindowInDays: 7 },
      { SecretId: `${PREFIX}2027-spring/elm-academy/delivery/K3`, RecoveryWindowInDays: 7 },
    ]);
  });

  it("touches no other cycle's secret, nor another stack's, even one the listing returns", async () => {
    secrets.on(ListSecretsCommand).resolves({
      SecretList: [
        secret('2027-spring/oak-primary/delivery/K1'),
        secret('2027-spring-extra/oak-primary/delivery/K9'),
        { Name: 'pillar7/dev/group-keys/2027-spring/oak-primary/delivery/K8' },
        {},
      ],
    });
    secrets.on(DeleteSecretCommand).resolves({});

    expect(await store().deleteCycle('2027-spring')).toBe(1);

    expect(secrets.commandCalls(DeleteSecretCommand).map((c) => c.args[0].input.SecretId)).toEqual([
      `${PREFIX}2027-spring/oak-primary/delivery/K1`,
    ]);
  });

  it('succeeds with nothing to delete when the cycle has no secret left (a re-run)', async () => {
    secrets.on(ListSecretsCommand).resolves({ SecretList: [] });

    expect(await store().deleteCycle('2027-spring')).toBe(0);
    expect(secrets.commandCalls(DeleteSecretCommand)).toHaveLength(0);
  });

  it('counts a secret deleted by another run since it was listed as done, and fails on any other error', async () => {
    secrets
      .on(ListSecretsCommand)
      .resolves({ SecretList: [secret('c/d/delivery/K1'), secret('c/d/leadership/K2')] });
    secrets
      .on(DeleteSecretCommand)
      .rejectsOnce(new ResourceNotFoundException({ message: 'not found', $metadata: {} }))
      .resolves({});
    expect(await store().deleteCycle('c')).toBe(1);

    secrets.on(DeleteSecretCommand).rejects(new Error('AccessDenied'));
    await expect(store().deleteCycle('c')).rejects.toThrow('AccessDenied');
  });

  it("removes the cycle's key files from the local folder, and no other cycle's", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keys-'));
    const files = new FilePrivateKeyStore(dir);
    await files.put(privateKeyName('c', 'd|delivery', 'K1'), 'one');
    await files.put(privateKeyName('c', 'd|leadership', 'K2'), 'two');
    await files.put(privateKeyName('c-2', 'd|delivery', 'K3'), 'three');

    expect(await files.deleteCycle('c')).toBe(2);
    expect(await files.deleteCycle('c')).toBe(0);

    expect(readdirSync(dir)).toEqual([`${encodeURIComponent('c-2/d/delivery/K3')}.key`]);
    expect(await files.get(privateKeyName('c-2', 'd|delivery', 'K3'))).toBe('three');
  });

  it('finds nothing to delete where no key was ever made (no folder yet)', async () => {
    const files = new FilePrivateKeyStore(join(mkdtempSync(join(tmpdir(), 'keys-')), 'never-made'));
    expect(await files.deleteCycle('c')).toBe(0);
  });
});
