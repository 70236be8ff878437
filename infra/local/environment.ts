import type { Endpoints } from './emulators';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerLocalResume } from '../../shared/console/local-resume';
import { loadConfigFile } from '../../shared/config/load-config';

export const LOCAL_NAMES = { table: 'pillar7-local', bucket: 'pillar7-local' } as const;

/**
 * Points this process at the emulators exactly as Lambda's environment points a function at AWS.
 * It must run before any handler module is imported, because handlers read their environment once.
 */
export function useLocalEnvironment(endpoints: Endpoints, configPath: string, dataDir?: string): void {
  Object.assign(process.env, {
    AWS_REGION: 'eu-west-2',
    // s3rver's own well-known credentials; DynamoDB Local (-sharedDb) and the SES emulator take any.
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_SDK_JS_SUPPRESS_NODE_VERSION_WARNING: '1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    PILLAR7_LOG_LEVEL: process.env.PILLAR7_LOG_LEVEL ?? 'warn',
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_S3: endpoints.s3,
    AWS_ENDPOINT_URL_SES: endpoints.ses,
    TABLE_NAME: LOCAL_NAMES.table,
    BUCKET_NAME: LOCAL_NAMES.bucket,
    // The verified form's private signing keys: beside the local data (as Secrets Manager keeps them
    // beside the table in the cloud), or for a run without a data folder, in a folder of its own.
    // Issue-token makes them here; evaluate deletes a cycle's here once its form is final.
    PILLAR7_KEY_DIR: dataDir ? join(dataDir, 'keys') : mkdtempSync(join(tmpdir(), 'pillar7-keys-')),
    // A copy of every e-mail exactly as the product built it (the SES emulator re-encodes them).
    ...(dataDir ? { PILLAR7_OUTBOX_DIR: join(dataDir, 'outbox') } : {}),
    // The same shape the cloud bundle has inlined: the validated config as JSON.
    PILLAR7_CONFIG_JSON: JSON.stringify(loadConfigFile(configPath)),
  });
  delete process.env.AWS_PROFILE;
  // The console's approval resumes the cycle here, as the state machine does in the cloud.
  registerLocalResume(async (a) => (await import('./cycle-runner')).resumeAfterApproval(a));
}
