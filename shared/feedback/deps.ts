import { documentClient } from '../aws/dynamodb';
import { runtimeConfig } from '../config/runtime-config';
import { FormRepository } from '../store/forms';
import { ResponseRepository } from '../store/responses';
import { SigningKeyRepository } from '../store/secrets';
import type { FeedbackDeps } from './submit';
import type { PageDeps } from './page-flow';

export function feedbackDeps(tableName: string): FeedbackDeps {
  const db = documentClient();
  return {
    config: runtimeConfig(),
    forms: new FormRepository(db, tableName),
    responses: new ResponseRepository(db, tableName),
    now: () => new Date(),
  };
}

export function pageDeps(tableName: string): PageDeps {
  return { ...feedbackDeps(tableName), signingKey: new SigningKeyRepository(documentClient(), tableName) };
}
