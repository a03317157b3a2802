/**
 * Runtime configuration, read once from the environment. The same variables are set by the
 * CDK stack in production and by scripts/start.ts locally.
 */
export interface Config {
  /** DynamoDB single table. */
  tableName: string;
  /** S3 bucket that receives period reports. */
  reportBucket: string;
  /** AWS region (local: any value, credentials are dummies). */
  region: string;
  /** Local only: DynamoDB Local endpoint, e.g. http://127.0.0.1:8000. */
  dynamodbEndpoint: string | undefined;
  /** Local only: S3-compatible endpoint (s3rver), e.g. http://127.0.0.1:4569. */
  s3Endpoint: string | undefined;
  /** IANA time zone of the province: "today" and "not in the future" are judged here. */
  timeZone: string;
  /** The province's office codes (OFFICE_CODES, comma-separated); undefined: any well-formed code. */
  offices: ReadonlySet<string> | undefined;
  /**
   * WHOQOL-BREF is used with WHO's permission: the province's permission reference
   * (WHOQOL_PERMISSION_REF), shown in every report; undefined: reports say it is missing.
   */
  whoqolPermissionRef: string | undefined;
  /**
   * The queue the import routes hand their jobs to (IMPORT_QUEUE_URL, set by the stack);
   * undefined locally: the job runs in the process that took the request (docs/imports.md).
   */
  importQueueUrl: string | undefined;
  /**
   * Locally: how long one run of an import job may write before it hands the rest to a next
   * run (IMPORT_ROUND_MS; unset: no limit). Tests set it small to split a file the way the
   * worker splits a big one at its timeout.
   */
  importRoundMs: number | undefined;
}

let cached: Config | undefined;

export function config(): Config {
  // `process` is absent in a browser (the forms import the API's schemas, which ask whether an
  // office is known): there every well-formed code is, and the server decides.
  if (!cached) cached = readConfig(globalThis.process?.env ?? {});
  return cached;
}

/** Forget the cached configuration (tests that change the environment). */
export function resetConfig(): void {
  cached = undefined;
}

export function readConfig(env: NodeJS.ProcessEnv): Config {
  return {
    tableName: env.TABLE_NAME ?? 'pascarehab',
    reportBucket: env.REPORT_BUCKET ?? 'pascarehab-reports',
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'ap-southeast-3',
    dynamodbEndpoint: env.DYNAMODB_ENDPOINT || undefined,
    s3Endpoint: env.S3_ENDPOINT || undefined,
    timeZone: env.PROVINCE_TIME_ZONE ?? 'Asia/Jakarta',
    offices: env.OFFICE_CODES
      ? new Set(
          env.OFFICE_CODES.split(',')
            .map((o) => o.trim())
            .filter(Boolean),
        )
      : undefined,
    whoqolPermissionRef: env.WHOQOL_PERMISSION_REF?.trim() || undefined,
    importQueueUrl: env.IMPORT_QUEUE_URL || undefined,
    importRoundMs: env.IMPORT_ROUND_MS ? Number(env.IMPORT_ROUND_MS) : undefined,
  };
}

/** Is `office` one of the province's offices (always true when no list is configured)? */
export function isKnownOffice(office: string): boolean {
  const offices = config().offices;
  return offices === undefined || offices.has(office);
}
