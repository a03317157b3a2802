import type { TestProject } from 'vitest/node';
import { type LocalStack, startLocalStack } from './stack';

/**
 * Starts ONE local stack for the whole integration run, exactly as `npm start` does
 * (scripts/start.ts as a child process: DynamoDB Local, s3rver, the local API adapter), in a
 * fresh temporary DATA_DIR on free ports. Tests talk to it over HTTP.
 * Mocked (cannot run here): Cognito and API Gateway's JWT authorizer, stood in for by the
 * local RS256 issuer and the adapter's verification (scripts/local/identity.ts).
 */
let stack: LocalStack | undefined;

export default async function setup(project: TestProject) {
  stack = await startLocalStack();
  project.provide('baseUrl', stack.baseUrl);
  project.provide('dataDir', stack.dataDir);
  project.provide('dynamodbEndpoint', stack.dynamodbEndpoint);
  return async () => {
    // Server-side errors (500s) are logged by the handlers; show them with the test report.
    const errorLines =
      stack
        ?.output()
        .split('\n')
        .filter((l) => l.includes('"level":"ERROR"')) ?? [];
    if (errorLines.length > 0) console.error(`local stack logged errors:\n${errorLines.join('\n')}`);
    await stack?.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    dataDir: string;
    dynamodbEndpoint: string;
  }
}
