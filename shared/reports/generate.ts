import { createHash } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { s3 } from '../aws';
import { config } from '../config';
import { keys, partitions } from '../data/keys';
import { forEachPage, type Item, queryIndex, queryPartition } from '../data/read';
import {
  parseActivity,
  parseAssessment,
  parseEnrollment,
  parseGroupMeeting,
  parseOutcome,
  parsePeriod,
} from './inputs';
import { renderEnrollmentsCsv } from './render-csv';
import { renderReportHtml } from './render-html';
import { type FinishMeta, type PeriodInput, SummaryBuilder } from './summary';
import type { EnrollmentRow, ReportKind, ReportSummary } from './types';

const PAGE = 1000;

/**
 * What a report reads of each item (the parsers in inputs.ts keep no more): DynamoDB sends,
 * and the function parses and holds, only these. Free text and answers stay in the table.
 */
const ENROLLMENT_FIELDS = ['id', 'office', 'status', 'enrolledOn', 'statusDate', 'protocolState.openingDone'];
const RECORD_FIELDS = [
  'entityType',
  'enrollmentId',
  'id',
  'type',
  'date',
  'results',
  'instrument',
  'phase',
  'scores',
];
const MEETING_FIELDS = ['id', 'date', 'attendees'];

/** The period item read for a report (throws ReportInputError on a malformed item). */
export function periodInput(item: Item): PeriodInput {
  return parsePeriod(item);
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
        projection: ENROLLMENT_FIELDS,
      }),
    (items) => {
      for (const i of items) builder.addEnrollment(parseEnrollment(i));
    },
  );
  await forEachPage(
    (cursor) =>
      queryIndex({
        index: 'gsi1',
        partition: partitions.recordsOfPeriod(period.id),
        limit: PAGE,
        cursor,
        projection: RECORD_FIELDS,
      }),
    (items) => {
      for (const i of items) {
        if (i.entityType === 'activity') builder.addActivity(parseActivity(i));
        else if (i.entityType === 'assessment') builder.addAssessment(parseAssessment(i));
        else if (i.entityType === 'outcome') builder.addOutcome(parseOutcome(i));
      }
    },
  );
  await forEachPage(
    (cursor) =>
      queryPartition({
        pk: keys.period(period.id).pk,
        limit: PAGE,
        cursor,
        sortPrefix: keys.groupMeetingPrefix(),
        projection: MEETING_FIELDS,
      }),
    (items) => {
      for (const i of items) builder.addGroupMeeting(parseGroupMeeting(i));
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
  /** A revised final report names the final report it replaces (both stay listed). */
  revisionOf?: string;
}

const FILES = {
  json: { name: 'summary.json', contentType: 'application/json; charset=utf-8' },
  csv: { name: 'enrollments.csv', contentType: 'text/csv; charset=utf-8' },
  html: { name: 'report.html', contentType: 'text/html; charset=utf-8' },
} as const;

/** Writes one report file to S3; returns its key, SHA-256 and size. */
async function putFile(
  periodId: string,
  kind: ReportKind,
  asOf: string,
  file: keyof typeof FILES,
  text: string,
): Promise<{ key: string; sha256: string; bytes: number }> {
  const key = keys.reportObject(periodId, kind, asOf, FILES[file].name);
  const body = Buffer.from(text, 'utf8');
  await s3().send(
    new PutObjectCommand({
      Bucket: config().reportBucket,
      Key: key,
      Body: body,
      ContentType: FILES[file].contentType,
      // The HTML opens in the browser; data files download under their own name.
      ...(file === 'html' ? {} : { ContentDisposition: `attachment; filename="${FILES[file].name}"` }),
    }),
  );
  return { key, sha256: createHash('sha256').update(body).digest('hex'), bytes: body.byteLength };
}

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
    html: renderReportHtml(summary, rows, { timeZone: config().timeZone }),
  };
  const written = {
    json: await putFile(period.id, kind, asOf, 'json', bodies.json),
    csv: await putFile(period.id, kind, asOf, 'csv', bodies.csv),
    html: await putFile(period.id, kind, asOf, 'html', bodies.html),
  };
  const files = { json: written.json.key, csv: written.csv.key, html: written.html.key };
  const sha256 = { json: written.json.sha256, csv: written.csv.sha256, html: written.html.sha256 };
  const bytes = { json: written.json.bytes, csv: written.csv.bytes, html: written.html.bytes };
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
