// Proves a gather's totals become CloudWatch embedded-metric-format fields: counts in the pillar7 namespace whose only dimension is the function.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { embeddedMetrics, importMetrics } from '../../shared/ops/metrics';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('embedded metrics', () => {
  it("turns a gather's totals into import counts, keeping the line's own fields beside them", () => {
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'pillar7-dev-Cyclegather');
    const fields = importMetrics({ files: 2, imported: 40, rejected: 3 });
    expect(fields).toMatchObject({
      ImportFiles: 2,
      ImportRowsImported: 40,
      ImportRowsRejected: 3,
      Function: 'pillar7-dev-Cyclegather',
      _aws: {
        CloudWatchMetrics: [
          {
            Namespace: 'pillar7',
            Dimensions: [['Function']],
            Metrics: [
              { Name: 'ImportFiles', Unit: 'Count' },
              { Name: 'ImportRowsImported', Unit: 'Count' },
              { Name: 'ImportRowsRejected', Unit: 'Count' },
            ],
          },
        ],
      },
    });
    // CloudWatch reads the line only if it is one JSON object with a millisecond timestamp.
    expect(JSON.parse(JSON.stringify(fields))).toEqual(fields);
    expect(Number.isInteger((fields._aws as { Timestamp: number }).Timestamp)).toBe(true);
  });

  it('names the function "local" outside Lambda, and carries no dimension but the function', () => {
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', undefined);
    const fields = embeddedMetrics({ Anything: 1 }, 1_700_000_000_000);
    expect(fields).toEqual({
      Anything: 1,
      Function: 'local',
      _aws: {
        Timestamp: 1_700_000_000_000,
        CloudWatchMetrics: [
          {
            Namespace: 'pillar7',
            Dimensions: [['Function']],
            Metrics: [{ Name: 'Anything', Unit: 'Count' }],
          },
        ],
      },
    });
  });
});
