import { defineConfig } from 'vitest/config';

// Two projects: pure unit tests (no services) and integration tests that talk over HTTP to a
// real local stack (DynamoDB Local + s3rver + the local API adapter), started once per run by
// test/integration/global-setup.ts.
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
