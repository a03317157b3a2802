import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (infra/ lives directly under it). */
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * The daily period-end report job. Its handler belongs to a later issue; until the file exists,
 * the stack has no report function and no schedule (see ReportSchedule).
 */
export const REPORT_JOB_HANDLER = 'reports/period-end-job';
export const REPORT_JOB_ENTRY = join(REPO_ROOT, 'functions', `${REPORT_JOB_HANDLER}.ts`);

export function reportJobExists(): boolean {
  return existsSync(REPORT_JOB_ENTRY);
}

/**
 * The forms' build output (`npm run build:web`), published to the forms bucket by the stack.
 * `npm run synth|deploy` builds it first when it is missing (infra/cli.ts).
 */
export const FORMS_DIST_DIR = join(REPO_ROOT, 'web', 'dist');
