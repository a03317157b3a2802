/**
 * Every key string of the single table is built here and nowhere else (docs/data-model.md
 * lists the same compositions and the access patterns they serve).
 *
 * Conventions: entity items live under their own partition `<TYPE>#<id>`; relations that a
 * list needs are projected onto the generic GSIs gsi1/gsi2. Ids are ULIDs, so a sort key that
 * ends in an id sorts by creation time.
 */
import type { IndexName } from '../table';

export interface PrimaryKey {
  pk: string;
  sk: string;
}

/**
 * Free text inside a key (registration numbers) is normalised (case, surrounding and repeated
 * white space) and escaped, so "pb 1" and " PB  1 " are one number.
 */
function part(value: string): string {
  return encodeURIComponent(value.trim().replace(/\s+/g, ' ').toUpperCase());
}

export const keys = {
  client: (clientId: string): PrimaryKey => ({ pk: `CLIENT#${clientId}`, sk: 'CLIENT' }),
  /** gsi1: clients of an office, oldest first. */
  clientByOffice: (office: string, clientId: string) => ({
    gsi1pk: `OFFICE#${office}#CLIENTS`,
    gsi1sk: `CLIENT#${clientId}`,
  }),
  /** gsi2 (sparse: set at first enrollment): clients a konselor may read. */
  enrolledClientByOffice: (office: string, clientId: string) => ({
    gsi2pk: `OFFICE#${office}#ENROLLED_CLIENTS`,
    gsi2sk: `CLIENT#${clientId}`,
  }),
  /**
   * Uniqueness guard: one item per (office, registration number). Written with
   * attribute_not_exists in the client's own transaction, so the database enforces it.
   */
  clientRegistration: (office: string, registrationNumber: string): PrimaryKey => ({
    pk: `CLIENTREG#${office}#${part(registrationNumber)}`,
    sk: 'CLIENTREG',
  }),

  /**
   * Client search: one token item per search word of a client (shared/domain/clients.ts
   * `clientSearchTokens`), in its office's partition, so "a word beginning with q" is one
   * begins_with Query. Tokens are letters and digits only, so `#` cannot occur in one.
   */
  clientSearchToken: (office: string, token: string, clientId: string): PrimaryKey => ({
    pk: `CLIENTSEARCH#${office}`,
    sk: `${token}#${clientId}`,
  }),
  clientSearchPartition: (office: string) => `CLIENTSEARCH#${office}`,

  period: (periodId: string): PrimaryKey => ({ pk: `PERIOD#${periodId}`, sk: 'PERIOD' }),
  /** gsi1: all periods of the province, by start date. */
  periodInProvince: (startDate: string, periodId: string) => ({
    gsi1pk: 'PERIODS',
    gsi1sk: `${startDate}#${periodId}`,
  }),
  /** One membership item per office taking part; gsi1 lists an office's periods. */
  periodOffice: (periodId: string, office: string): PrimaryKey => ({
    pk: `PERIOD#${periodId}`,
    sk: `OFFICE#${office}`,
  }),
  periodByOffice: (office: string, startDate: string, periodId: string) => ({
    gsi1pk: `OFFICE#${office}#PERIODS`,
    gsi1sk: `${startDate}#${periodId}`,
  }),
  /** Guard: a client is enrolled at most once in a period. */
  periodMember: (periodId: string, clientId: string): PrimaryKey => ({
    pk: `PERIOD#${periodId}`,
    sk: `MEMBER#${clientId}`,
  }),

  enrollment: (enrollmentId: string): PrimaryKey => ({ pk: `ENROLLMENT#${enrollmentId}`, sk: 'ENROLLMENT' }),
  /** gsi1: enrollments of a period, grouped by office (begins_with scopes a Bapas). */
  enrollmentInPeriod: (periodId: string, office: string, enrollmentId: string) => ({
    gsi1pk: `PERIOD#${periodId}#ENROLLMENTS`,
    gsi1sk: `OFFICE#${office}#${enrollmentId}`,
  }),
  enrollmentInPeriodOfficePrefix: (office: string) => `OFFICE#${office}#`,
  /** gsi2: enrollments of a client, by enrollment date. */
  enrollmentOfClient: (clientId: string, enrolledOn: string, enrollmentId: string) => ({
    gsi2pk: `CLIENT#${clientId}#ENROLLMENTS`,
    gsi2sk: `${enrolledOn}#${enrollmentId}`,
  }),

  /**
   * Records of an enrollment live in the enrollment's partition, so its timeline is one
   * Query; gsi1 also files them under the period for the period-end reports.
   */
  activity: (enrollmentId: string, date: string, activityId: string): PrimaryKey => ({
    pk: `ENROLLMENT#${enrollmentId}`,
    sk: `ACTIVITY#${date}#${activityId}`,
  }),
  assessment: (enrollmentId: string, date: string, assessmentId: string): PrimaryKey => ({
    pk: `ENROLLMENT#${enrollmentId}`,
    sk: `ASSESSMENT#${date}#${assessmentId}`,
  }),
  outcome: (enrollmentId: string, date: string, outcomeId: string): PrimaryKey => ({
    pk: `ENROLLMENT#${enrollmentId}`,
    sk: `OUTCOME#${date}#${outcomeId}`,
  }),
  enrollmentPartition: (enrollmentId: string) => `ENROLLMENT#${enrollmentId}`,
  recordInPeriod: (
    periodId: string,
    kind: 'ACTIVITY' | 'ASSESSMENT' | 'OUTCOME',
    date: string,
    recordId: string,
  ) => ({
    gsi1pk: `PERIOD#${periodId}#RECORDS`,
    gsi1sk: `${kind}#${date}#${recordId}`,
  }),
  /** A group meeting session belongs to its period; attendance is kept on each enrollment. */
  groupMeeting: (periodId: string, date: string, meetingId: string): PrimaryKey => ({
    pk: `PERIOD#${periodId}`,
    sk: `GROUPMEETING#${date}#${meetingId}`,
  }),
  groupMeetingPrefix: () => 'GROUPMEETING#',
  /**
   * gsi3, the due index: an active enrollment with cadence types sits under its period and
   * office, sorted by its earliest due date, so "due before D" is one range Query.
   */
  enrollmentDue: (periodId: string, office: string, earliestDue: string, enrollmentId: string) => ({
    gsi3pk: `DUE#${periodId}#${office}`,
    gsi3sk: `${earliestDue}#${enrollmentId}`,
  }),

  /** One record per (period, kind, asOf): a rerun overwrites it, so there is only ever one. */
  report: (periodId: string, kind: string, asOf: string): PrimaryKey => ({
    pk: `PERIOD#${periodId}`,
    sk: `REPORT#${kind}#${asOf}`,
  }),
  reportPrefix: () => 'REPORT#',
  /** S3 object keys of a report's files. */
  reportObject: (periodId: string, kind: string, asOf: string, file: string) =>
    `reports/${periodId}/${kind}/${asOf}/${file}`,

  /**
   * A cohort comparison is filed under every period it involves (reference and compared), so
   * "the comparisons of a period" is one Query on the period's partition, newest first.
   */
  comparison: (periodId: string, generatedAt: string, comparisonId: string): PrimaryKey => ({
    pk: `PERIOD#${periodId}`,
    sk: `COMPARISON#${generatedAt}#${comparisonId}`,
  }),
  comparisonPrefix: () => 'COMPARISON#',
  /** S3 object keys of a comparison's files. */
  comparisonObject: (comparisonId: string, file: string) => `comparisons/${comparisonId}/${file}`,

  audit: (entity: string, entityId: string, at: string, auditId: string): PrimaryKey => ({
    pk: `AUDIT#${entity}#${entityId}`,
    sk: `${at}#${auditId}`,
  }),
  auditPartition: (entity: string, entityId: string) => `AUDIT#${entity}#${entityId}`,

  /** A spreadsheet import: its state, counts and errors (the file is in S3). */
  importJob: (importId: string): PrimaryKey => ({ pk: `IMPORT#${importId}`, sk: 'IMPORT' }),
  /** The uploaded workbook of an import, in the report bucket's imports/ prefix. */
  importObject: (importId: string) => `imports/${importId}.xlsx`,
  /**
   * Guard of one imported record row (activity, group meeting, assessment, outcome), keyed by a
   * hash of what the row is and whose (never by the import): the same row in any file is
   * written once.
   */
  importRow: (hash: string): PrimaryKey => ({ pk: `IMPORTROW#${hash}`, sk: 'IMPORTROW' }),

  /** Idempotency records are per caller: two officers may pick the same key. */
  idempotency: (sub: string, key: string): PrimaryKey => ({
    pk: `IDEMPOTENCY#${sub}#${key}`,
    sk: 'IDEMPOTENCY',
  }),
} as const;

/** Partition values of the list queries (used to check cursors belong to the query). */
export const partitions = {
  clientsOfOffice: (office: string) => keys.clientByOffice(office, '').gsi1pk,
  enrolledClientsOfOffice: (office: string) => keys.enrolledClientByOffice(office, '').gsi2pk,
  periodsOfProvince: () => keys.periodInProvince('', '').gsi1pk,
  periodsOfOffice: (office: string) => keys.periodByOffice(office, '', '').gsi1pk,
  enrollmentsOfPeriod: (periodId: string) => keys.enrollmentInPeriod(periodId, '', '').gsi1pk,
  enrollmentsOfClient: (clientId: string) => keys.enrollmentOfClient(clientId, '', '').gsi2pk,
  recordsOfPeriod: (periodId: string) => keys.recordInPeriod(periodId, 'ACTIVITY', '', '').gsi1pk,
  dueOfPeriodOffice: (periodId: string, office: string) =>
    keys.enrollmentDue(periodId, office, '', '').gsi3pk,
} as const;

export const indexAttributes: Record<IndexName, { pk: string; sk: string }> = {
  gsi1: { pk: 'gsi1pk', sk: 'gsi1sk' },
  gsi2: { pk: 'gsi2pk', sk: 'gsi2sk' },
  gsi3: { pk: 'gsi3pk', sk: 'gsi3sk' },
};

/** Attributes that exist only to serve keys; stripped before an item leaves the data layer. */
export const KEY_ATTRIBUTES = [
  'pk',
  'sk',
  'gsi1pk',
  'gsi1sk',
  'gsi2pk',
  'gsi2sk',
  'gsi3pk',
  'gsi3sk',
  'entityType',
] as const;
