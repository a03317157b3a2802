import { resolve } from 'node:path';

/** Local settings, from the environment (README "Configuration"). */
export function localSettings(env: NodeJS.ProcessEnv = process.env) {
  return {
    dataDir: resolve(env.DATA_DIR || '.data'),
    port: intFrom(env, 'PORT', 3000),
    dynamodbPort: intFrom(env, 'DYNAMODB_PORT', 8000),
    s3Port: intFrom(env, 'S3_PORT', 4569),
    tableName: env.TABLE_NAME || 'pascarehab',
    reportBucket: env.REPORT_BUCKET || 'pascarehab-reports',
    seedDemo: env.SEED_DEMO !== '0',
  };
}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new Error(`${name} must be a port number (0 = any free port), got "${raw}"`);
  return n;
}
