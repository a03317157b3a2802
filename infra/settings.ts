import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { BAPAS_CODE } from '../shared/domain/actor';
import { bnnpOfficeCode, type Province } from './provinces';

/**
 * Per-province settings: `infra/settings/<slug>.json` (another folder with
 * PASCAREHAB_SETTINGS_DIR, which the CLI tests use); optional for synth, required to deploy.
 * Validated with zod when the app is synthesized, so a typo in a key, a malformed e-mail or
 * an hour of 25 stops the synth with the file's name and the field, instead of reaching
 * CloudFormation.
 */
export const SETTINGS_DIR =
  process.env.PASCAREHAB_SETTINGS_DIR ?? fileURLToPath(new URL('./settings/', import.meta.url));

/** The retention periods CloudWatch Logs accepts (RetentionDays in aws-cdk-lib). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const office = z.strictObject({
  code: z.string(),
  name: z.string().trim().min(3).max(100),
});

const httpsOrigin = z
  .url({ protocol: /^https$/, error: 'must be an https origin such as https://forms.example.go.id' })
  .refine((value) => new URL(value).origin === value, 'must be an origin only: no path, no trailing slash');

const throttle = z.strictObject({
  rateLimit: z.int().min(1).max(10_000),
  burstLimit: z.int().min(1).max(5_000),
});

/** The placeholder account of a settings template: synth accepts it, deploy refuses it. */
export const PLACEHOLDER_ACCOUNT = '000000000000';

/**
 * Domains no mailbox can be at (RFC 2606/6761): an `alarmEmail` there is a placeholder that
 * synth accepts and deploy refuses (nobody would receive the alarms).
 */
export const PLACEHOLDER_EMAIL = /@(?:[^@]+\.)?(?:example\.(?:com|net|org)|example|invalid|test|localhost)$/i;

/** A DynamoDB table name (the restore drill's target). */
const tableName = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{3,255}$/, 'must be a DynamoDB table name (3-255 of A-Z a-z 0-9 _ . -)');

/** What a settings file may contain. `account` and the offices are the province's own. */
const settingsObject = z.strictObject({
  /**
   * 12-digit AWS account id of the province's account: required, so that a deploy with
   * credentials of another account is refused (infra/cli.ts) instead of creating a second
   * copy of the province there.
   */
  account: z
    .string({ error: "required: the 12-digit id of the province's AWS account" })
    .regex(/^\d{12}$/, 'must be a 12-digit AWS account id'),
  /** Default ap-southeast-3 (Jakarta): the data stays in Indonesia. */
  region: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as ap-southeast-3')
    .default('ap-southeast-3'),
  /** Bapas offices plus the province's BNNP. */
  offices: z.array(office).min(1).optional(),
  /** Receives the alarms and the budget alerts (the address confirms the subscription once). */
  alarmEmail: z.email().optional(),
  /**
   * Origin of the forms on the province's own domain (CORS, Cognito callback, CSP); needs
   * `formsCertificateArn`. Without it the forms are served at the CloudFront domain.
   */
  formsOrigin: httpsOrigin.optional(),
  /** ACM certificate for `formsOrigin`'s host name; CloudFront takes certificates in us-east-1 only. */
  formsCertificateArn: z
    .string()
    .regex(
      /^arn:aws:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]{36}$/,
      'must be an ACM certificate ARN in us-east-1 (CloudFront uses certificates from there only)',
    )
    .optional(),
  /** Prefix of the Cognito sign-in domain; default `pascarehab-<province>-<account>`. */
  authDomainPrefix: z
    .string()
    .regex(
      /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/,
      'must be lower-case letters, digits and hyphens (at most 63), not starting or ending with a hyphen',
    )
    .refine(
      (v) => !/aws|amazon|cognito/.test(v),
      'may not contain aws, amazon or cognito (Cognito refuses them)',
    )
    .optional(),
  /** Local hour (0-23, in the province's time zone) at which the daily report job runs. */
  reportScheduleHour: z.int().min(0).max(23).default(1),
  /** Days CloudWatch keeps function and API access logs. */
  logRetentionDays: z.literal([...LOG_RETENTION_DAYS]).default(365),
  /** Days a report object stays in the bucket. */
  // Over 90: expiry must come after the last transition (Glacier Instant Retrieval at day 90).
  reportRetentionDays: z.int().min(180).max(3650).default(1825),
  logLevel: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']).default('INFO'),
  /** Requests per second and burst for each reading route (GET): the stage default. */
  throttle: throttle.default({ rateLimit: 50, burstLimit: 100 }),
  /** Requests per second and burst for each writing route (POST, PATCH): lower than reads. */
  writeThrottle: throttle.default({ rateLimit: 10, burstLimit: 20 }),
  /**
   * After a point-in-time restore (docs/operations.md): the restored table the functions use
   * instead of the stack's own. The stack's table stays as it is (nothing is replaced).
   */
  restoredTableName: tableName.optional(),
  /** Shown in reports: the reference of the WHOQOL-BREF permission the province holds. */
  whoqolPermissionRef: z.string().trim().min(3).max(200).optional(),
  /** Cognito e-mail (invitations, codes) through Amazon SES from this verified address. */
  sesFromAddress: z.email().optional(),
  /** Region of the SES identity, when SES cannot be used in the stack's region. */
  sesRegion: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as ap-southeast-3')
    .optional(),
  /** CloudTrail trail of the account's management events; the table's data events optional. */
  cloudTrail: z
    .strictObject({ enabled: z.boolean().default(true), tableDataEvents: z.boolean().default(false) })
    .default({ enabled: true, tableDataEvents: false }),
  /** AWS Budgets cost alert to `alarmEmail`: 80 % actual and 100 % forecast of the amount. */
  budget: z
    .strictObject({ enabled: z.boolean().default(true), monthlyUsd: z.int().min(1).max(100_000).default(50) })
    .default({ enabled: true, monthlyUsd: 50 }),
  /** Fallbacks for regions without a feature (docs/deployment.md, "Jakarta"). */
  cognitoFeaturePlan: z.enum(['plus', 'essentials']).default('plus'),
  signInPages: z.enum(['managed-login', 'classic-hosted-ui']).default('managed-login'),
  lambdaArchitecture: z.enum(['arm64', 'x86_64']).default('arm64'),
  /** Only before the first deploy: switching later would replace the table. */
  tableResource: z.enum(['global-table', 'table']).default('global-table'),
});

type Checked = z.output<typeof settingsObject>;

function crossFieldChecks(s: Omit<Checked, 'account'>, ctx: z.RefinementCtx): void {
  if (s.formsOrigin && !s.formsCertificateArn) {
    ctx.addIssue({
      code: 'custom',
      path: ['formsCertificateArn'],
      message: 'formsOrigin needs formsCertificateArn (the certificate of its host name, in us-east-1)',
    });
  }
  if (s.formsCertificateArn && !s.formsOrigin) {
    ctx.addIssue({ code: 'custom', path: ['formsOrigin'], message: 'formsCertificateArn needs formsOrigin' });
  }
  const reads = s.throttle;
  const writes = s.writeThrottle;
  if (writes.rateLimit > reads.rateLimit || writes.burstLimit > reads.burstLimit) {
    ctx.addIssue({
      code: 'custom',
      path: ['writeThrottle'],
      message: 'must not exceed throttle (writes are limited more than reads)',
    });
  }
}

export const settingsFileSchema = settingsObject.superRefine(crossFieldChecks);

/**
 * A province without a settings file synthesizes with the defaults (tests, a first look at a
 * province) but cannot be deployed: it has no account (deployProblems).
 */
const defaultsSchema = settingsObject
  .extend({ account: settingsObject.shape.account.optional() })
  .superRefine(crossFieldChecks);

export type SettingsFile = z.input<typeof settingsFileSchema>;

export interface Office {
  code: string;
  name: string;
}

export type ProvinceSettings = Omit<z.output<typeof settingsFileSchema>, 'offices' | 'account'> & {
  offices: Office[];
  /** Undefined only for a province without a settings file, which cannot be deployed. */
  account: string | undefined;
};

export interface LoadedSettings {
  settings: ProvinceSettings;
  /** Where they came from: the file, or `defaults`. */
  source: string;
  /** Things the deployer should know (no file, no alarm e-mail, ...); shown as synth warnings. */
  warnings: string[];
}

export class SettingsError extends Error {
  override name = 'SettingsError';
}

/**
 * Validates raw settings for one province. Offices: codes must match the API's office pattern,
 * the BNNP must be exactly `bnnp-<slug>` (the code the first admin user gets), and codes are
 * unique. Without offices, the province gets its BNNP only. `defaults: true` parses the
 * settings of a province without a file (no account).
 */
export function parseSettings(
  province: Province,
  raw: unknown,
  source: string,
  { defaults = false }: { defaults?: boolean } = {},
): LoadedSettings {
  const parsed = (defaults ? defaultsSchema : settingsFileSchema).safeParse(raw);
  if (!parsed.success) {
    throw new SettingsError(
      `Invalid settings for ${province.slug} (${source}):\n${z.prettifyError(parsed.error)}`,
    );
  }
  const { offices: givenOffices, account, ...rest } = parsed.data;
  const warnings: string[] = [];
  const bnnp = bnnpOfficeCode(province);
  const offices = givenOffices ?? [{ code: bnnp, name: `BNNP ${province.name}` }];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const o of offices) {
    if (seen.has(o.code)) problems.push(`office code ${o.code} appears twice`);
    seen.add(o.code);
    if (o.code !== bnnp && !BAPAS_CODE.test(o.code)) {
      problems.push(
        `office code "${o.code}" is neither a Bapas code (bapas-<city>) nor this province's BNNP (${bnnp})`,
      );
    }
  }
  if (!seen.has(bnnp)) problems.push(`offices must include the province's BNNP, code ${bnnp}`);
  if (problems.length > 0) {
    throw new SettingsError(`Invalid settings for ${province.slug} (${source}):\n  ${problems.join('\n  ')}`);
  }
  if (!offices.some((o) => BAPAS_CODE.test(o.code))) {
    warnings.push(
      `${province.slug}: no Bapas offices configured; add them to infra/settings/${province.slug}.json.`,
    );
  }
  const loaded: LoadedSettings = { settings: { ...rest, account, offices }, source, warnings };
  // What deploy refuses, synth only warns about (tests and CI synthesize placeholders).
  for (const problem of deployProblems(province, loaded)) warnings.push(`${province.slug}: ${problem}`);
  return loaded;
}

/**
 * Why `npm run deploy` refuses these settings (empty: it may deploy). `npm run synth` and
 * the tests accept all of them, so that a province can be synthesized before it has an
 * account or an administrator's address; a deploy cannot, because a stack in the wrong
 * account or alarms that reach nobody are worse than no stack.
 */
export function deployProblems(province: Province, loaded: LoadedSettings): string[] {
  const file = `infra/settings/${province.slug}.json`;
  const { account, alarmEmail } = loaded.settings;
  const problems: string[] = [];
  if (loaded.source === 'defaults') {
    problems.push(
      `no settings file: copy infra/settings/jawa-tengah.json to ${file} and set account, alarmEmail and offices (deploy refuses the defaults).`,
    );
  } else if (!account || account === PLACEHOLDER_ACCOUNT) {
    problems.push(
      `account is the placeholder ${PLACEHOLDER_ACCOUNT} in ${file}: set the 12-digit id of the province's AWS account (deploy refuses it).`,
    );
  }
  if (!alarmEmail) {
    problems.push(
      `alarmEmail is not set in ${file}: alarms and budget alerts would reach nobody (deploy refuses it).`,
    );
  } else if (PLACEHOLDER_EMAIL.test(alarmEmail)) {
    problems.push(
      `alarmEmail ${alarmEmail} in ${file} is a placeholder: set the address of the province's IT team (deploy refuses it).`,
    );
  }
  return problems;
}

/** Settings from `infra/settings/<slug>.json`, or the defaults (with a warning) when there is none. */
export function loadSettings(province: Province, dir: string = SETTINGS_DIR): LoadedSettings {
  const file = join(dir, `${province.slug}.json`);
  if (!existsSync(file)) return parseSettings(province, {}, 'defaults', { defaults: true });
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new SettingsError(`Cannot read ${file}: ${(cause as Error).message}`, { cause });
  }
  return parseSettings(province, raw, `infra/settings/${province.slug}.json`);
}
