import {
  CreateSecretCommand,
  GetSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type { PrivateKeyStore } from './private-keys';

/**
 * Private group keys in Secrets Manager (the cloud's PrivateKeyStore): one secret per key, under a
 * prefix the issuing function alone may create and read (the evaluate step alone deletes them:
 * secrets-manager-retirement.ts). Never in the table, never in a log.
 */
export class SecretsManagerKeyStore implements PrivateKeyStore {
  constructor(
    private readonly prefix: string,
    private readonly client: SecretsManagerClient = new SecretsManagerClient({}),
  ) {}

  async put(name: string, privateKey: string): Promise<void> {
    await this.client.send(
      new CreateSecretCommand({
        Name: `${this.prefix}${name}`,
        SecretString: privateKey,
        Description:
          'pillar7-qa: a private key that blind-signs verified form tokens for one group and cycle',
      }),
    );
  }

  async get(name: string): Promise<string> {
    const out = await this.client.send(new GetSecretValueCommand({ SecretId: `${this.prefix}${name}` }));
    if (!out.SecretString) throw new Error(`the key ${name} has no value`);
    return out.SecretString;
  }
}
