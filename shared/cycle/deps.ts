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
import { privateKeyRetirement } from '../store/private-key-store';
import type { EvaluateDeps } from './evaluate';

/** The config and the table's repositories, which every step reads. */
function recordDeps(tableName: string) {
  const db = documentClient();
  const config = runtimeConfig();
  const staffKeys = new SigningKeyRepository(db, tableName, 'staff-email');
  const retention = Retention.of(config);
  return {
    config,
    evidence: new EvidenceRepository(db, tableName, { retention }),
    responses: new ResponseRepository(db, tableName, retention),
    cycles: new CycleRepository(db, tableName, retention),
    moderation: new ModerationRepository(db, tableName, retention),
    forms: new FormRepository(db, tableName, retention),
    now: () => new Date(),
    today: () => dayIn(config.timezone, new Date()),
    staffKey: () => staffKeys.get(),
    staffNames: () => staffNameTest(db, tableName, staffKeys),
  };
}

/** Everything the cycle steps use, built once per container from the validated environment. */
export function cycleDeps(env: { TABLE_NAME: string; BUCKET_NAME: string }) {
  return { ...approvalRequestDeps(env), s3: s3Client(), bucket: env.BUCKET_NAME };
}

/** The request-approval step's: the table, and SES to tell the QA leads a draft waits. No bucket. */
export function approvalRequestDeps(env: { TABLE_NAME: string }) {
  return {
    ...recordDeps(env.TABLE_NAME),
    ses: sesClient(),
    /** Locally only: a folder that keeps each e-mail as the product built it, as a .eml file. */
    outboxDir: process.env.PILLAR7_OUTBOX_DIR || undefined,
  };
}

/**
 * The evaluate step's: the table, and the store of private group keys it retires a cycle's from once
 * the cycle's form is final. No bucket: it reads and writes none.
 */
export function evaluateDeps(env: {
  TABLE_NAME: string;
  PILLAR7_KEY_DIR?: string;
  KEY_SECRET_PREFIX?: string;
}): EvaluateDeps {
  // Made when first needed (a verified form's cycle is final), so the step starts without one.
  return {
    ...recordDeps(env.TABLE_NAME),
    privateKeys: { deleteCycle: (cycleId) => privateKeyRetirement(env).deleteCycle(cycleId) },
  };
}
