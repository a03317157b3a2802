import { z } from 'zod';
import { config, isKnownOffice } from '../config';
import { BAPAS_CODE, OFFICE_CODE, ROLES } from '../domain/actor';
import { todayIn } from '../domain/dates';
import { ACTIVITY_TYPES } from '../domain/protocol';
import { isoDate, ulidId } from '../validation';

/**
 * Request and response shapes of the API. The handlers validate with these, and
 * GET /openapi.json is generated from the same objects (functions/system/get-openapi.ts).
 */

export const officeCode = z
  .string()
  .regex(OFFICE_CODE, 'Kode kantor tidak valid (contoh: bapas-semarang).')
  .refine(isKnownOffice, 'Kantor ini tidak terdaftar di provinsi ini.');
export const bapasCode = z
  .string()
  .regex(BAPAS_CODE, 'Harus kode Bapas (contoh: bapas-semarang).')
  .refine(isKnownOffice, 'Kantor ini tidak terdaftar di provinsi ini.');

export const activityType = z.enum(ACTIVITY_TYPES);
export const INSTRUMENTS = ['whoqol-bref', 'urica'] as const;
export const instrument = z.enum(INSTRUMENTS);

/**
 * Free text: trimmed, 1..max characters, and well-formed Unicode (a lone UTF-16 surrogate,
 * possible in JSON as "\ud800", is refused here rather than failing later in a key).
 */
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((v) => !/\p{Cs}/u.test(v), 'Teks mengandung karakter yang tidak valid.');
const pastDate = isoDate
  .refine((d) => d >= '1900-01-01', 'Tanggal terlalu lama.')
  .refine((d) => d < todayIn(config().timeZone), 'Tanggal harus di masa lalu.');

// --- clients -------------------------------------------------------------------------------

export const LEGAL_STATUSES = [
  'parole',
  'conditional_leave',
  'leave_before_release',
  'assimilation',
  'other',
] as const;

const addressShape = z.strictObject({
  street: text(200).optional(),
  village: text(100).optional(),
  district: text(100).optional(),
  city: text(100).optional(),
});

const clientFields = {
  registrationNumber: text(64),
  fullName: text(200),
  sex: z.enum(['male', 'female']),
  birthDate: pastDate,
  nik: z.string().regex(/^\d{16}$/, 'NIK harus 16 digit angka.'),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9][0-9 ()-]{5,19}$/, 'Nomor telepon tidak valid.'),
  address: addressShape,
  legalStatus: z.enum(LEGAL_STATUSES),
  caseArticle: text(200),
  supervisionStart: isoDate,
  supervisionEnd: isoDate,
};

function supervisionOrder(v: { supervisionStart?: string | null; supervisionEnd?: string | null }) {
  return !v.supervisionStart || !v.supervisionEnd || v.supervisionStart <= v.supervisionEnd;
}
const supervisionOrderIssue = {
  message: 'Akhir masa pembimbingan tidak boleh sebelum awalnya.',
  path: ['supervisionEnd'],
};

export const createClientBody = z
  .strictObject({
    office: bapasCode,
    registrationNumber: clientFields.registrationNumber,
    fullName: clientFields.fullName,
    sex: clientFields.sex,
    birthDate: clientFields.birthDate,
    nik: clientFields.nik.optional(),
    phone: clientFields.phone.optional(),
    address: clientFields.address.optional(),
    legalStatus: clientFields.legalStatus.optional(),
    caseArticle: clientFields.caseArticle.optional(),
    supervisionStart: clientFields.supervisionStart.optional(),
    supervisionEnd: clientFields.supervisionEnd.optional(),
  })
  .refine(supervisionOrder, supervisionOrderIssue)
  .meta({ id: 'CreateClient' });
export type CreateClientBody = z.infer<typeof createClientBody>;

/** PATCH: any field but office (moving a client between Bapas is a transfer); null clears. */
export const patchClientBody = z
  .strictObject({
    registrationNumber: clientFields.registrationNumber.optional(),
    fullName: clientFields.fullName.optional(),
    sex: clientFields.sex.optional(),
    birthDate: clientFields.birthDate.optional(),
    nik: clientFields.nik.nullable().optional(),
    phone: clientFields.phone.nullable().optional(),
    address: clientFields.address.nullable().optional(),
    legalStatus: clientFields.legalStatus.nullable().optional(),
    caseArticle: clientFields.caseArticle.nullable().optional(),
    supervisionStart: clientFields.supervisionStart.nullable().optional(),
    supervisionEnd: clientFields.supervisionEnd.nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'Tidak ada kolom yang diubah.' })
  .meta({ id: 'PatchClient' });
export type PatchClientBody = z.infer<typeof patchClientBody>;

export const client = z
  .object({
    id: ulidId,
    office: bapasCode,
    registrationNumber: z.string(),
    fullName: z.string(),
    sex: z.enum(['male', 'female']),
    birthDate: isoDate,
    nik: z.string().optional().describe('Masked: only the last 4 digits are shown.'),
    phone: z.string().optional(),
    address: addressShape.optional(),
    legalStatus: z.enum(LEGAL_STATUSES).optional(),
    caseArticle: z.string().optional(),
    supervisionStart: isoDate.optional(),
    supervisionEnd: isoDate.optional(),
    enrolled: z.boolean().describe('True once the client has been enrolled in a period.'),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Client' });
export type Client = z.infer<typeof client>;

// --- periods -------------------------------------------------------------------------------

export const protocol = z
  .strictObject({
    opening: z
      .array(activityType)
      .max(20)
      .describe('Activity types in the order each client must do them first.'),
    cadenceDays: z
      .partialRecord(activityType, z.number().int().min(1).max(366))
      .optional()
      .describe('Days between two activities of a type, for the due list.'),
  })
  .meta({ id: 'Protocol' });

export const createPeriodBody = z
  .strictObject({
    name: text(200),
    startDate: isoDate,
    endDate: isoDate,
    capacity: z.number().int().min(1).max(10_000),
    offices: z
      .array(bapasCode)
      .min(1)
      .max(50)
      .refine((o) => new Set(o).size === o.length, 'Kode kantor tidak boleh berulang.'),
    protocol,
    instruments: z
      .array(instrument)
      .max(INSTRUMENTS.length)
      .refine((o) => new Set(o).size === o.length, 'Instrumen tidak boleh berulang.'),
  })
  .refine((v) => v.startDate <= v.endDate, {
    message: 'Tanggal selesai tidak boleh sebelum tanggal mulai.',
    path: ['endDate'],
  })
  .meta({ id: 'CreatePeriod' });
export type CreatePeriodBody = z.infer<typeof createPeriodBody>;

export const period = z
  .object({
    id: ulidId,
    name: z.string(),
    startDate: isoDate,
    endDate: isoDate,
    capacity: z.number().int(),
    enrolledCount: z.number().int().describe('Active and completed enrollments (places taken).'),
    offices: z.array(bapasCode),
    protocol,
    instruments: z.array(instrument),
    status: z.enum(['open', 'closed']).describe('closed once closed by hand or after the end date.'),
    closedAt: z.iso.datetime().optional(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Period' });
export type Period = z.infer<typeof period>;

// --- enrollments ---------------------------------------------------------------------------

export const ENROLLMENT_STATUSES = ['active', 'completed', 'dropped_out', 'transferred'] as const;

export const createEnrollmentBody = z
  .strictObject({
    clientId: ulidId,
    enrolledOn: isoDate
      .optional()
      .describe('Default: today (province time), or the start date if the period has not begun.'),
  })
  .meta({ id: 'CreateEnrollment' });
export type CreateEnrollmentBody = z.infer<typeof createEnrollmentBody>;

export const enrollment = z
  .object({
    id: ulidId,
    periodId: ulidId,
    clientId: ulidId,
    office: bapasCode,
    status: z.enum(ENROLLMENT_STATUSES),
    enrolledOn: isoDate,
    statusDate: isoDate.optional().describe('When it was completed, dropped out or transferred.'),
    statusReason: z.string().optional(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Enrollment' });
export type Enrollment = z.infer<typeof enrollment>;

// --- lists, audit, errors ------------------------------------------------------------------

export const pageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().min(1).max(2048).optional(),
});

export const officePageQuery = pageQuery.extend({ office: officeCode.optional() });

export const clientListQuery = officePageQuery.extend({
  registrationNumber: text(64)
    .optional()
    .describe('Exact lookup (case and spacing ignored) within the office.'),
});

/** Name and registration number beside an enrollment in lists (never for viewers). */
export const clientSummary = z
  .object({ fullName: z.string(), registrationNumber: z.string() })
  .meta({ id: 'ClientSummary' });

export const auditQuery = pageQuery.extend({
  entity: z.enum(['client', 'period', 'enrollment']),
  id: ulidId,
});

export const auditEntry = z
  .object({
    id: ulidId,
    at: z.iso.datetime(),
    entity: z.string(),
    entityId: z.string(),
    action: z.string(),
    changedFields: z.array(z.string()),
    actor: z
      .object({ sub: z.string(), role: z.union([z.enum(ROLES), z.literal('system')]), office: z.string() })
      .describe('The caller, or a system job (role system) such as the period-end report job.'),
    recordId: z.string().optional(),
    requestId: z.string(),
  })
  .meta({ id: 'AuditEntry' });

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const errorEnvelope = z
  .object({
    error: z.object({
      code: z.string().describe('Stable machine code, e.g. validation_failed, capacity_reached.'),
      message: z.string().describe('Indonesian text for officers.'),
      details: z.array(z.object({ path: z.string(), message: z.string() })),
    }),
  })
  .meta({ id: 'Error' });

export const idParams = z.strictObject({ id: ulidId });

// --- activities ----------------------------------------------------------------------------

export const PRESENT_AT_HOME = ['client', 'parents', 'spouse', 'children', 'other'] as const;
export const RISK_FACTORS = ['contact_with_users', 'idle', 'debt', 'conflict_at_home', 'other'] as const;
export const SUBSTANCES = [
  'methamphetamine',
  'amphetamine',
  'thc',
  'opiates',
  'mdma',
  'benzodiazepines',
  'cocaine',
] as const;
export const TEST_RESULTS = ['negative', 'positive', 'invalid'] as const;

const homeVisitBody = z.strictObject({
  type: z.literal('home_visit'),
  date: isoDate,
  present: z
    .array(z.enum(PRESENT_AT_HOME))
    .min(1)
    .refine((v) => new Set(v).size === v.length, 'Tidak boleh berulang.')
    .describe('Who was at home.'),
  livingSituation: text(1000),
  familySupport: z.number().int().min(1).max(5).describe('1 (none) .. 5 (strong).'),
  riskFactors: z
    .array(z.enum(RISK_FACTORS))
    .refine((v) => new Set(v).size === v.length, 'Tidak boleh berulang.'),
  findings: text(5000),
  followUp: text(2000).optional(),
});

const urineTestBody = z.strictObject({
  type: z.literal('urine_test'),
  date: isoDate,
  results: z
    .partialRecord(z.enum(SUBSTANCES), z.enum(TEST_RESULTS))
    .refine((r) => Object.keys(r).length > 0, 'Isi minimal satu hasil zat.'),
  specimenId: text(64).optional(),
});

const counselingBody = z.strictObject({
  type: z.literal('counseling'),
  date: isoDate,
  counselor: text(200),
  topic: text(500),
  durationMinutes: z.number().int().min(1).max(600),
});

export const createActivityBody = z
  .discriminatedUnion('type', [homeVisitBody, urineTestBody, counselingBody])
  .meta({
    id: 'CreateActivity',
    description: 'Group meetings are recorded with POST /periods/{id}/group-meetings.',
  });
export type CreateActivityBody = z.infer<typeof createActivityBody>;

export const activity = z
  .object({
    id: ulidId,
    enrollmentId: ulidId,
    type: z.enum(['home_visit', 'urine_test', 'counseling']),
    date: isoDate,
    positive: z.boolean().optional().describe('urine_test: true when any result is positive.'),
    createdAt: z.iso.datetime(),
  })
  .catchall(z.unknown())
  .meta({ id: 'Activity' });

export const createGroupMeetingBody = z
  .strictObject({
    date: isoDate,
    topic: text(500),
    facilitator: text(200).optional(),
    attendees: z
      .array(ulidId)
      .min(1)
      .max(90)
      .refine((v) => new Set(v).size === v.length, 'Peserta tidak boleh berulang.')
      .describe('Enrollment ids.'),
  })
  .meta({ id: 'CreateGroupMeeting' });
export type CreateGroupMeetingBody = z.infer<typeof createGroupMeetingBody>;

export const groupMeeting = z
  .object({
    id: ulidId,
    periodId: ulidId,
    date: isoDate,
    topic: z.string(),
    facilitator: z.string().optional(),
    attendees: z.array(ulidId),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'GroupMeeting' });

// --- assessments ---------------------------------------------------------------------------

export const ASSESSMENT_PHASES = ['pre', 'mid', 'post'] as const;
export const ITEM_COUNTS = { 'whoqol-bref': 26, urica: 32 } as const;

export const createAssessmentBody = z
  .strictObject({
    instrument,
    phase: z.enum(ASSESSMENT_PHASES),
    date: isoDate,
    responses: z.array(z.number().int().min(1).max(5).nullable()),
  })
  .superRefine((v, ctx) => {
    const expected = ITEM_COUNTS[v.instrument];
    if (v.responses.length !== expected) {
      ctx.addIssue({
        code: 'custom',
        path: ['responses'],
        message: `Harus tepat ${expected} jawaban untuk ${v.instrument} (diterima ${v.responses.length}).`,
      });
    }
  })
  .meta({
    id: 'CreateAssessment',
    description: 'responses: 26 (WHOQOL-BREF) or 32 (URICA) values 1..5 or null.',
  });
export type CreateAssessmentBody = z.infer<typeof createAssessmentBody>;

export const assessment = z
  .object({
    id: ulidId,
    enrollmentId: ulidId,
    instrument,
    phase: z.enum(ASSESSMENT_PHASES),
    date: isoDate,
    responses: z.array(z.number().int().nullable()),
    scores: z.record(z.string(), z.unknown()).describe('Computed by the server (INSTRUMENTS.md).'),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Assessment' });

// --- outcomes and status -------------------------------------------------------------------

export const OUTCOME_TYPES = ['relapse', 'reoffense', 'rearrest', 'parole_revoked'] as const;

export const createOutcomeBody = z
  .strictObject({ type: z.enum(OUTCOME_TYPES), date: isoDate, note: text(2000).optional() })
  .meta({ id: 'CreateOutcome' });
export type CreateOutcomeBody = z.infer<typeof createOutcomeBody>;

export const outcome = z
  .object({
    id: ulidId,
    enrollmentId: ulidId,
    type: z.enum(OUTCOME_TYPES),
    date: isoDate,
    note: z.string().optional(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Outcome' });

export const patchEnrollmentBody = z
  .strictObject({
    status: z.enum(['completed', 'dropped_out', 'transferred']),
    date: isoDate,
    reason: text(1000).optional(),
  })
  .meta({ id: 'PatchEnrollment' });
export type PatchEnrollmentBody = z.infer<typeof patchEnrollmentBody>;

export const dueQuery = z.strictObject({
  before: isoDate.optional().describe('Exclusive; default: tomorrow (province time), i.e. due up to today.'),
  office: officeCode.optional(),
});

export const dueItem = z
  .object({
    enrollmentId: ulidId,
    clientId: ulidId,
    office: bapasCode,
    type: activityType,
    dueDate: isoDate,
    overdue: z.boolean(),
    client: clientSummary.optional().describe('Absent for viewers.'),
  })
  .meta({ id: 'DueItem' });

export const enrollmentDetail = enrollment
  .extend({
    protocol: z.object({
      opening: z.array(activityType),
      done: z.array(activityType),
      nextExpected: activityType.nullable(),
      complete: z.boolean(),
    }),
    due: z.partialRecord(activityType, isoDate).describe('Next due date per cadence type (active only).'),
    timeline: z
      .array(
        z
          .object({
            kind: z.enum(['activity', 'group_meeting', 'assessment', 'outcome']),
            id: ulidId,
            date: isoDate,
          })
          .catchall(z.unknown()),
      )
      .describe('Ascending by date.'),
  })
  .meta({ id: 'EnrollmentDetail' });

export const dueList = z
  .object({ periodId: ulidId, before: isoDate, today: isoDate, items: z.array(dueItem) })
  .meta({ id: 'DueList' });

// --- reports -------------------------------------------------------------------------------

export const reportListItem = z
  .object({
    id: z.string(),
    kind: z.enum(['final', 'monthly', 'on_demand']),
    asOf: isoDate,
    generatedAt: z.string().describe('Scheduled reports: equal to asOf; on demand: ISO time.'),
    files: z
      .object({ json: z.url(), csv: z.url(), html: z.url() })
      .describe('Short-lived (15 min) presigned download URLs.'),
  })
  .meta({ id: 'Report' });
export const reportList = z.object({ items: z.array(reportListItem) }).meta({ id: 'ReportList' });

export const enrollmentListItem = enrollment
  .extend({ client: clientSummary.optional().describe('Absent for viewers.') })
  .meta({ id: 'EnrollmentListItem' });
