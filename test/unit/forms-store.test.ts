// Proves only a failed condition reads as "this cycle already has a form"; any other cancelled transaction is an error.
import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { FormRepository } from '../../shared/store/forms';
import { FormExistsError } from '../../shared/errors';
import { openForm } from '../support/builders';

const ddb = mockClient(DynamoDBDocumentClient);
const repo = () => new FormRepository(DynamoDBDocumentClient.from(new DynamoDBClient({})), 'table');
const cancelled = (codes: string[]) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

afterEach(() => ddb.reset());

describe('FormRepository.create', () => {
  it('says the cycle already has a form when the condition on its entry failed', async () => {
    ddb.on(TransactWriteCommand).rejects(cancelled(['None', 'ConditionalCheckFailed']));
    await expect(repo().create(openForm('2026-autumn'))).rejects.toBeInstanceOf(FormExistsError);
  });

  it('passes on a transaction cancelled by a conflict or throttling, for the caller to retry', async () => {
    ddb.on(TransactWriteCommand).rejects(cancelled(['TransactionConflict', 'None']));
    await expect(repo().create(openForm('2026-autumn'))).rejects.toMatchObject({
      name: 'TransactionCanceledException',
    });
  });
});
