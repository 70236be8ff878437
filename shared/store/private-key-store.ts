import { FilePrivateKeyStore, type PrivateKeyRetirement, type PrivateKeyStore } from './private-keys';
import { SecretsManagerKeyStore } from './secrets-manager-keys';
import { SecretsManagerKeyRetirement } from './secrets-manager-retirement';

/** The private-key store the environment names: a folder locally, Secrets Manager in the cloud. */
export function privateKeyStore(env: {
  PILLAR7_KEY_DIR?: string;
  KEY_SECRET_PREFIX?: string;
}): PrivateKeyStore {
  if (env.PILLAR7_KEY_DIR) return new FilePrivateKeyStore(env.PILLAR7_KEY_DIR);
  if (env.KEY_SECRET_PREFIX) return new SecretsManagerKeyStore(env.KEY_SECRET_PREFIX);
  throw new Error(
    'the issuing function and the evaluate step need PILLAR7_KEY_DIR (local) or KEY_SECRET_PREFIX (cloud) for the group keys',
  );
}

/** How a cycle's private keys are retired, where the environment keeps them. */
export function privateKeyRetirement(env: {
  PILLAR7_KEY_DIR?: string;
  KEY_SECRET_PREFIX?: string;
}): PrivateKeyRetirement {
  if (env.PILLAR7_KEY_DIR) return new FilePrivateKeyStore(env.PILLAR7_KEY_DIR);
  if (env.KEY_SECRET_PREFIX) return new SecretsManagerKeyRetirement(env.KEY_SECRET_PREFIX);
  throw new Error(
    'the evaluate step needs PILLAR7_KEY_DIR (local) or KEY_SECRET_PREFIX (cloud) to retire group keys',
  );
}
