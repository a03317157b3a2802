import { defineConfig } from 'vitest/config';

// Four projects: pure unit tests (no services); integration tests that talk over HTTP to a
// real local stack (DynamoDB Local + s3rver + the local API adapter), started once per run by
// test/integration/global-setup.ts; CDK template tests; and browser tests that drive Debian's
// Chromium through the forms and the local OpenID provider (test/browser/global-setup.ts).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        // Headless Chromium (playwright-core) at phone width against its own local stack; one
        // browser for the run, files one after another (2 cores).
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/browser/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 180_000,
        },
      },
      {
        // CDK template tests (aws-cdk-lib/assertions) and the cdk-nag checks.
        test: {
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
