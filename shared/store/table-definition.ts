/**
 * The one table, declared once: the CDK stack and the local bootstrap both build from this, so the
 * table in the cloud and the one on a laptop cannot drift apart.
 */
export const TABLE_DEFINITION = {
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  timeToLiveAttribute: 'expiresAt',
} as const;
