import { defineConfig } from 'vitest/config';

const env = {
  AWS_SDK_JS_SUPPRESS_NODE_VERSION_WARNING: '1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  AWS_REGION: 'eu-west-2',
};

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], env } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          env,
          globalSetup: ['test/integration/global-setup.ts'],
          setupFiles: ['test/integration/use-emulators.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One set of emulators, one table: files run one at a time so their data cannot collide.
          fileParallelism: false,
        },
      },
      // The product as a person starts it: the CLI in a child process, on its own data folder and ports.
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          env,
          testTimeout: 180_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
          env,
          testTimeout: 180_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
