/**
 * The product's own CloudWatch metrics, declared once: a function writes them as fields of a log line
 * it already writes (CloudWatch embedded metric format) and the ops dashboard reads them. Each is a
 * count whose only dimension is the function that wrote it, so two stages in one account stay apart.
 * Never for a function practitioners reach: every log line carries its time to the millisecond.
 */
export const METRICS_NAMESPACE = 'pillar7';

export const IMPORT_METRICS = {
  files: 'ImportFiles',
  imported: 'ImportRowsImported',
  /** Rows rejected to quarantine, and whole files refused (a missing column, say), one each. */
  rejected: 'ImportRowsRejected',
} as const;

/** The dimension each metric carries: the writing function's name. */
export const METRIC_DIMENSION = 'Function';

/** Fields that make a structured log line an embedded-metric-format line as well, with these counts. */
export function embeddedMetrics(counts: Record<string, number>, now = Date.now()): Record<string, unknown> {
  return {
    ...counts,
    [METRIC_DIMENSION]: process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'local',
    _aws: {
      Timestamp: now,
      CloudWatchMetrics: [
        {
          Namespace: METRICS_NAMESPACE,
          Dimensions: [[METRIC_DIMENSION]],
          Metrics: Object.keys(counts).map((Name) => ({ Name, Unit: 'Count' })),
        },
      ],
    },
  };
}

/** A gather's totals as import metrics. */
export const importMetrics = (totals: { files: number; imported: number; rejected: number }) =>
  embeddedMetrics({
    [IMPORT_METRICS.files]: totals.files,
    [IMPORT_METRICS.imported]: totals.imported,
    [IMPORT_METRICS.rejected]: totals.rejected,
  });
