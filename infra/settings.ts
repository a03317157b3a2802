import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { BAPAS_CODE } from '../shared/domain/actor';
import { bnnpOfficeCode, type Province } from './provinces';

/**
 * Per-province settings: `infra/settings/<slug>.json`, optional. Validated with zod when the
 * app is synthesized, so a typo in a key, a malformed e-mail or an hour of 25 stops the synth
 * with the file's name and the field, instead of reaching CloudFormation.
 */
export const SETTINGS_DIR = fileURLToPath(new URL('./settings/', import.meta.url));

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

/** What a settings file may contain. Everything has a default except the offices' Bapas list. */
export const settingsFileSchema = z.strictObject({
  /** 12-digit AWS account id; default: the account of the credentials `cdk` runs with. */
  account: z
    .string()
    .regex(/^\d{12}$/, 'must be a 12-digit AWS account id')
    .optional(),
  /** Default ap-southeast-3 (Jakarta): the data stays in Indonesia. */
  region: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as ap-southeast-3')
    .default('ap-southeast-3'),
  /** Bapas offices plus the province's BNNP. */
  offices: z.array(office).min(1).optional(),
  /** Receives the alarms (an SNS e-mail subscription the address must confirm). */
  alarmEmail: z.email().optional(),
  /** Origin of the web forms that call the API from a browser (CORS). */
  formsOrigin: httpsOrigin.optional(),
  /** Local hour (0-23, in the province's time zone) at which the daily report job runs. */
  reportScheduleHour: z.int().min(0).max(23).default(1),
  /** Days CloudWatch keeps function and API access logs. */
  logRetentionDays: z.literal([...LOG_RETENTION_DAYS]).default(365),
  /** Days a report object stays in the bucket. */
  // Over 90: expiry must come after the last transition (Glacier Instant Retrieval at day 90).
  reportRetentionDays: z.int().min(180).max(3650).default(1825),
  logLevel: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']).default('INFO'),
  /** Steady-state requests per second and burst for the whole API (API Gateway stage default). */
  throttle: z
    .strictObject({ rateLimit: z.int().min(1).max(10_000), burstLimit: z.int().min(1).max(5_000) })
    .default({ rateLimit: 50, burstLimit: 100 }),
});

export type SettingsFile = z.input<typeof settingsFileSchema>;

export interface Office {
  code: string;
  name: string;
}

export type ProvinceSettings = Omit<z.output<typeof settingsFileSchema>, 'offices'> & {
  offices: Office[];
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
 * unique. Without offices, the province gets its BNNP only.
 */
export function parseSettings(province: Province, raw: unknown, source: string): LoadedSettings {
  const parsed = settingsFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new SettingsError(
      `Invalid settings for ${province.slug} (${source}):\n${z.prettifyError(parsed.error)}`,
    );
  }
  const { offices: givenOffices, ...rest } = parsed.data;
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
  if (!rest.alarmEmail) {
    warnings.push(`${province.slug}: no alarmEmail; alarms reach the SNS topic but nobody is e-mailed.`);
  }
  if (!rest.formsOrigin) {
    warnings.push(
      `${province.slug}: no formsOrigin; browsers on other origins cannot call the API (no CORS).`,
    );
  }
  return { settings: { ...rest, offices }, source, warnings };
}

/** Settings from `infra/settings/<slug>.json`, or the defaults (with a warning) when there is none. */
export function loadSettings(province: Province, dir: string = SETTINGS_DIR): LoadedSettings {
  const file = join(dir, `${province.slug}.json`);
  if (!existsSync(file)) {
    const loaded = parseSettings(province, {}, 'defaults');
    loaded.warnings.unshift(
      `${province.slug}: no settings file (infra/settings/${province.slug}.json); deploying with defaults.`,
    );
    return loaded;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new SettingsError(`Cannot read ${file}: ${(cause as Error).message}`, { cause });
  }
  return parseSettings(province, raw, `infra/settings/${province.slug}.json`);
}
