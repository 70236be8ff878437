import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { BATCH_ENV, batchTests } from './test/mutation/batches';

/**
 * Quickest test files first (vitest's own order is slowest first, to keep parallel workers busy).
 * Stryker stops a mutant's run at the first failing test, so a change a quick test catches is
 * caught without waiting for the solver-backed ones.
 */
class QuickestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return (await super.sort(files)).reverse();
  }
}

// The unit tests alone, for `npm run test:mutation` (stryker.config.mjs): the domain, the imports,
// the disclosure control and screening are pinned by them, with no emulator or browser.
export default defineConfig({
  test: {
    // npm run test:mutation runs in batches (test/mutation/batches.ts), each with its own test files.
    ...batchTests(process.env[BATCH_ENV]),
    setupFiles: ['test/support/mutation-setup.ts'],
    sequence: { sequencer: QuickestFirst },
    // Instrumented code on a busy machine: a test that takes 1 s under npm test may take 10 here.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: {
      AWS_SDK_JS_SUPPRESS_NODE_VERSION_WARNING: '1',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      AWS_REGION: 'eu-west-2',
      // Property tests try a tenth of their cases (test/support/property-runs.ts).
      PILLAR7_MUTATION: '1',
    },
  },
});
