import { documentClient } from '../aws/dynamodb';
import { runtimeConfig } from '../config/runtime-config';
import { FormRepository } from '../store/forms';
import { Retention } from '../domain/retention';
import { ResponseRepository } from '../store/responses';
import { SigningKeyRepository } from '../store/signing-keys';
import { SpentTokenRepository } from '../store/spent-tokens';
import { GroupKeyRepository } from '../store/group-keys';
import type { FeedbackDeps, TokenDeps } from './submit';

export function feedbackDeps(tableName: string): FeedbackDeps {
  const db = documentClient();
  const config = runtimeConfig();
  const retention = Retention.of(config);
  return {
    config,
    forms: new FormRepository(db, tableName, retention),
    responses: new ResponseRepository(db, tableName, retention),
    now: () => new Date(),
  };
}

export function tokenDeps(tableName: string): TokenDeps {
  const db = documentClient();
  return {
    ...feedbackDeps(tableName),
    signingKey: new SigningKeyRepository(db, tableName),
    spent: new SpentTokenRepository(db, tableName),
    groupKeys: new GroupKeyRepository(db, tableName),
  };
}
