import {
  DeleteSecretCommand,
  ListSecretsCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { cyclePrefix, type PrivateKeyRetirement } from './private-keys';

/** How long a deleted key can still be restored (RestoreSecret) before Secrets Manager removes it. */
export const KEY_RECOVERY_DAYS = 7;

/**
 * Retires a cycle's private group keys in Secrets Manager once its form is final: the evaluate step
 * alone may delete them. Never reads a value.
 */
export class SecretsManagerKeyRetirement implements PrivateKeyRetirement {
  constructor(
    private readonly prefix: string,
    private readonly client: SecretsManagerClient = new SecretsManagerClient({}),
  ) {}

  /**
   * Schedules the deletion of every secret under the cycle's name prefix, found by listing (so a
   * secret whose kid lost the race in GroupKeyRepository.ensure goes too). A secret already scheduled
   * for deletion is not listed, so a re-run finds nothing to do.
   */
  async deleteCycle(cycleId: string): Promise<number> {
    const prefix = `${this.prefix}${cyclePrefix(cycleId)}`;
    const names: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await this.client.send(
        new ListSecretsCommand({ Filters: [{ Key: 'name', Values: [prefix] }], MaxResults: 100, NextToken }),
      );
      // The filter already matches by prefix; checked again, as the one guard against deleting
      // another cycle's (or another stack's) key.
      for (const s of page.SecretList ?? []) if (s.Name?.startsWith(prefix)) names.push(s.Name);
      NextToken = page.NextToken;
    } while (NextToken);
    let deleted = 0;
    for (const name of names) if (await this.delete(name)) deleted += 1;
    return deleted;
  }

  private async delete(name: string): Promise<boolean> {
    try {
      await this.client.send(
        new DeleteSecretCommand({ SecretId: name, RecoveryWindowInDays: KEY_RECOVERY_DAYS }),
      );
      return true;
    } catch (err) {
      // Gone, or scheduled for deletion, since it was listed: another run got there first.
      const { name: code, message } = err as Error;
      if (code === 'ResourceNotFoundException') return false;
      if (code === 'InvalidRequestException' && /marked for deletion/i.test(message)) return false;
      throw err;
    }
  }
}
