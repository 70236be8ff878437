// @ts-check
/**
 * Mutation testing (`npm run test:mutation`): every rule in the domain, the imports, the disclosure
 * control and the screening must be pinned by a unit test that fails when the rule changes. The HTML
 * report is written to reports/mutation/. An equivalent mutant is marked where it stands, with
 * `// Stryker disable next-line <mutator>: <why>`, so a reader sees why it does not count.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  // `npm run test:mutation` mutates these in batches, each with its own unit tests
  // (test/mutation/batches.ts, where each batch says why); a plain `stryker run` does all at once.
  mutate: [
    'shared/domain/**/*.ts',
    'shared/imports/**/*.ts',
    'shared/disclosure/**/*.ts',
    // The HiGHS wrapper talks to WebAssembly; its behaviour is pinned through the audit's tests.
    '!shared/disclosure/solver.ts',
  ],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 60_000,
  // The initial run instruments every file and runs every unit test once: minutes on a busy 2-core machine.
  dryRunTimeoutMinutes: 30,
  reporters: ['clear-text', 'progress', 'html'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  thresholds: { high: 90, low: 85, break: null },
  tempDirName: '.stryker-tmp',
  // Build output and earlier runs are not copied into the sandbox.
  ignorePatterns: ['cdk.out', 'dist', 'reports', 'test-results', '.pillar7', 'coverage'],
  cleanTempDir: 'always',
};
