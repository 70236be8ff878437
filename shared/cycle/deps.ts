import { documentClient } from '../aws/dynamodb';
import { s3Client } from '../aws/s3';
import { sesClient } from '../aws/ses';
import { runtimeConfig } from '../config/runtime-config';
import { CycleRepository } from '../store/cycles';
import { dayIn } from '../domain/anonymity';
import { EvidenceRepository } from '../store/evidence';
import { ResponseRepository } from '../store/responses';
import { FormRepository } from '../store/forms';
import { SigningKeyRepository } from '../store/signing-keys';
import { ModerationRepository } from '../store/moderation';
import { Retention } from '../domain/retention';
import { staffNameTest } from '../store/staff-names';

/** Everything the cycle steps use, built once per container from the validated environment. */
export function cycleDeps(env: { TABLE_NAME: string; BUCKET_NAME: string }) {
  const db = documentClient();
  const config = runtimeConfig();
  const staffKeys = new SigningKeyRepository(db, env.TABLE_NAME, 'staff-email');
  const retention = Retention.of(config);
  const evidence = new EvidenceRepository(db, env.TABLE_NAME, { retention });
  return {
    config,
    s3: s3Client(),
    ses: sesClient(),
    bucket: env.BUCKET_NAME,
    evidence,
    responses: new ResponseRepository(db, env.TABLE_NAME, retention),
    cycles: new CycleRepository(db, env.TABLE_NAME, retention),
    moderation: new ModerationRepository(db, env.TABLE_NAME, retention),
    forms: new FormRepository(db, env.TABLE_NAME, retention),
    now: () => new Date(),
    today: () => dayIn(config.timezone, new Date()),
    staffKey: () => staffKeys.get(),
    staffNames: () => staffNameTest(db, env.TABLE_NAME, staffKeys),
    /** Locally only: a folder that keeps each e-mail as the product built it, as a .eml file. */
    outboxDir: process.env.PILLAR7_OUTBOX_DIR || undefined,
  };
}
