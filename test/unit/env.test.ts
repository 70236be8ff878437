// Proves a function refuses to start on an incomplete environment, naming what is missing.
import { describe, expect, it } from 'vitest';
import { loadEnv } from '../../shared/schemas/env';

describe('loadEnv', () => {
  it('returns the variables a pipeline function needs', () => {
    expect(loadEnv('pipeline', { TABLE_NAME: 't', BUCKET_NAME: 'b' })).toMatchObject({
      TABLE_NAME: 't',
      BUCKET_NAME: 'b',
    });
  });

  it('starts the evaluate step without a bucket, which it neither reads nor writes', () => {
    expect(loadEnv('evaluating', { TABLE_NAME: 't', KEY_SECRET_PREFIX: 'p/' })).toEqual({
      TABLE_NAME: 't',
      KEY_SECRET_PREFIX: 'p/',
    });
  });

  it('names every missing or malformed variable', () => {
    expect(() => loadEnv('pipeline', { TABLE_NAME: '' })).toThrow(
      /function environment is incomplete: TABLE_NAME \(.+\), BUCKET_NAME \(.+\)/,
    );
    expect(() =>
      loadEnv('pipeline', { TABLE_NAME: 't', BUCKET_NAME: 'b', REPORT_LINK_SECRET_ARN: 'not-an-arn' }),
    ).toThrow(/REPORT_LINK_SECRET_ARN/);
    expect(() => loadEnv('http', {})).toThrow(/TABLE_NAME/);
  });
});
