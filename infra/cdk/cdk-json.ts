import { readFileSync } from 'node:fs';
import { repoFile } from '../repo-root';

/**
 * cdk.json's context, the feature flags above all: the CDK CLI hands it to every synth, while the
 * tests and the local cycle runner build their apps without the CLI, so they read it here.
 */
export function cdkJsonContext(): Record<string, unknown> {
  return (
    (JSON.parse(readFileSync(repoFile('cdk.json'), 'utf8')) as { context?: Record<string, unknown> })
      .context ?? {}
  );
}
