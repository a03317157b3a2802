import { createHash } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { s3 } from '../clients';
import { config } from '../config';
import { keys, partitions } from '../data/keys';
import { forEachPage, type Item, queryIndex, queryPartition } from '../data/read';
import { renderEnrollmentsCsv } from './render-csv';
import { renderReportHtml } from './render-html';
import {
  type ActivityInput,
  type AssessmentInput,
  type EnrollmentInput,
  type FinishMeta,
  type GroupMeetingInput,
  type OutcomeInput,
  type PeriodInput,
  SummaryBuilder,
} from './summary';
import type { EnrollmentRow, ReportKind, ReportSummary } from './types';

const PAGE = 1000;

export function periodInput(item: Item): PeriodInput {
  const protocol = (item.protocol ?? {}) as Partial<PeriodInput['protocol']>;
  return {
    id: item.id as string,
    name: item.name as string,
    startDate: item.startDate as string,
    endDate: item.endDate as string,
    capacity: item.capacity as number,
    offices: item.offices as string[],
    protocol: { opening: protocol.opening ?? [], cadenceDays: protocol.cadenceDays ?? {} },
    instruments: (item.instruments as string[] | undefined) ?? [],
  };
}

/**
 * Reads a period's data page by page (Query on gsi1 and on the period partition, never
 * Scan) into the summary builder. Enrollments first, then the records that refer to them.
 */
export async function buildSummary(
  period: PeriodInput,
  asOf: string,
  meta: FinishMeta,
): Promise<{ summary: ReportSummary; rows: EnrollmentRow[] }> {
  const builder = new SummaryBuilder(period, asOf);
  await forEachPage(
    (cursor) =>
      queryIndex({
        index: 'gsi1',
        partition: partitions.enrollmentsOfPeriod(period.id),
        limit: PAGE,
        cursor,
      }),
    (items) => {
      for (const i of items) builder.addEnrollment(i as unknown as EnrollmentInput);
    },
  );
  await forEachPage(
    (cursor) =>
      queryIndex({ index: 'gsi1', partition: partitions.recordsOfPeriod(period.id), limit: PAGE, cursor }),
    (items) => {
      for (const i of items) {
        if (i.entityType === 'activity') builder.addActivity(i as unknown as ActivityInput);
        else if (i.entityType === 'assessment') builder.addAssessment(i as unknown as AssessmentInput);
        else if (i.entityType === 'outcome') builder.addOutcome(i as unknown as OutcomeInput);
      }
    },
  );
  await forEachPage(
    (cursor) => queryPartition(`PERIOD#${period.id}`, PAGE, cursor, false, keys.groupMeetingPrefix()),
    (items) => {
      for (const i of items) builder.addGroupMeeting(i as unknown as GroupMeetingInput);
    },
  );
  return builder.finish(meta);
}

export interface ReportRecord {
  id: string;
  periodId: string;
  kind: ReportKind;
  asOf: string;
  generatedAt: string;
  files: { json: string; csv: string; html: string };
  sha256: { json: string; csv: string; html: string };
  bytes: { json: number; csv: number; html: number };
}

const FILES = {
  json: { name: 'summary.json', contentType: 'application/json; charset=utf-8' },
  csv: { name: 'enrollments.csv', contentType: 'text/csv; charset=utf-8' },
  html: { name: 'report.html', contentType: 'text/html; charset=utf-8' },
} as const;

/**
 * Computes a report and writes its three files to S3 under
 * reports/{periodId}/{kind}/{asOf}/. Same data and asOf give the same bytes (stable ordering;
 * a scheduled report's generatedAt is its asOf), so a rerun overwrites with identical objects.
 * Returns the report record for the caller to store.
 */
export async function generateReport(
  periodItem: Item,
  kind: ReportKind,
  asOf: string,
  generatedAt: string,
): Promise<ReportRecord> {
  const period = periodInput(periodItem);
  const { summary, rows } = await buildSummary(period, asOf, {
    kind,
    generatedAt,
    whoqolPermissionRef: config().whoqolPermissionRef,
  });
  const bodies = {
    json: `${JSON.stringify(summary, null, 2)}\n`,
    csv: renderEnrollmentsCsv(rows),
    html: renderReportHtml(summary, rows),
  };
  const files = {} as ReportRecord['files'];
  const sha256 = {} as ReportRecord['sha256'];
  const bytes = {} as ReportRecord['bytes'];
  for (const kindOfFile of ['json', 'csv', 'html'] as const) {
    const key = keys.reportObject(period.id, kind, asOf, FILES[kindOfFile].name);
    const body = Buffer.from(bodies[kindOfFile], 'utf8');
    await s3().send(
      new PutObjectCommand({
        Bucket: config().reportBucket,
        Key: key,
        Body: body,
        ContentType: FILES[kindOfFile].contentType,
        ...(kindOfFile === 'html'
          ? {}
          : { ContentDisposition: `attachment; filename="${FILES[kindOfFile].name}"` }),
      }),
    );
    files[kindOfFile] = key;
    sha256[kindOfFile] = createHash('sha256').update(body).digest('hex');
    bytes[kindOfFile] = body.byteLength;
  }
  return { id: `${kind}_${asOf}`, periodId: period.id, kind, asOf, generatedAt, files, sha256, bytes };
}

/** The DynamoDB item of a report record (one per period, kind and asOf). */
export function reportItem(record: ReportRecord, createdBy: string, at: string) {
  return {
    ...keys.report(record.periodId, record.kind, record.asOf),
    entityType: 'report',
    ...record,
    createdBy,
    updatedAt: at,
  };
}
