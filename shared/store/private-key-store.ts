import { FilePrivateKeyStore, type PrivateKeyRetirement, type PrivateKeyStore } from './private-keys';
import { SecretsManagerKeyStore } from './secrets-manager-keys';
import { SecretsManagerKeyRetirement } from './secrets-manager-retirement';

type KeyEnv = { PILLAR7_KEY_DIR?: string; KEY_SECRET_PREFIX?: string };

/** A folder locally, Secrets Manager in the cloud: whichever the environment names. */
function whereKeysAre<T>(
  env: KeyEnv,
  who: string,
  folder: (dir: string) => T,
  cloud: (prefix: string) => T,
): T {
  if (env.PILLAR7_KEY_DIR) return folder(env.PILLAR7_KEY_DIR);
  if (env.KEY_SECRET_PREFIX) return cloud(env.KEY_SECRET_PREFIX);
  throw new Error(`${who} needs PILLAR7_KEY_DIR (local) or KEY_SECRET_PREFIX (cloud) for the group keys`);
}

/** The private-key store the issuing function signs with. */
export const privateKeyStore = (env: KeyEnv): PrivateKeyStore =>
  whereKeysAre<PrivateKeyStore>(
    env,
    'the issuing function',
    (dir) => new FilePrivateKeyStore(dir),
    (prefix) => new SecretsManagerKeyStore(prefix),
  );

/** How the evaluate step retires a cycle's private keys. */
export const privateKeyRetirement = (env: KeyEnv): PrivateKeyRetirement =>
  whereKeysAre<PrivateKeyRetirement>(
    env,
    'the evaluate step',
    (dir) => new FilePrivateKeyStore(dir),
    (prefix) => new SecretsManagerKeyRetirement(prefix),
  );
