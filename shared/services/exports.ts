import type { RouteInput, RouteOutput } from '../api/route';
import type { exportPeriodRoute } from '../api/routes/imports';
import { type ClientRecord, clientFromItem } from '../data/entities/client';
import { type EnrollmentRecord, listEnrollmentsOfPeriod } from '../data/entities/enrollment';
import { type GroupMeetingRecord, groupMeetingFromItem } from '../data/entities/group-meeting';
import {
  type ActivityRecord,
  type AssessmentRecord,
  activityFromItem,
  assessmentFromItem,
  type OutcomeRecord,
  outcomeFromItem,
} from '../data/entities/records';
import { keys, partitions } from '../data/keys';
import { forEachPage, getItems, queryIndex, queryPartition } from '../data/read';
import { executeWrite } from '../data/write';
import { isProvinceWide } from '../domain/access';
import { isPeriodClosed } from '../domain/periods';
import { Refusal } from '../domain/refusal';
import { SUBSTANCES } from '../domain/vocabulary';
import { XLSX_TYPE } from '../imports/constants';
import {
  ACTIVITY_VALUES,
  INSTRUMENT_VALUES,
  LEGAL_STATUS_VALUES,
  OUTCOME_VALUES,
  PHASE_VALUES,
  PRESENT_VALUES,
  RESULT_VALUES,
  RISK_VALUES,
  SEX_VALUES,
  STATUS_VALUES,
  type ValueSet,
  YES_NO,
} from '../imports/values';
import { writeWorkbook } from '../imports/workbook';
import type { RequestContext } from './context';
import { readablePeriod } from './period-read';

/**
 * GET /periods/{id}/export.xlsx: a period in the import workbook's layout (docs/imports.md),
 * so that importing the file into an empty system gives the same period, records and report
 * numbers; this is also how a transferred client's records move to another province. Voided
 * records are left out (they are not part of the period). A kasi exports their office's part.
 * The export is audited: it hands over identities (names, NIK) in bulk.
 */

/** Lambda answers at most 6 MB; a base64 body of 4 MB bytes is about 5.4 MB. */
const MAX_EXPORT_BYTES = 4 * 1024 * 1024;
const PAGE = 500;

const word = <T extends string>(values: ValueSet<T>, code: T) => values.labels[code];
const words = <T extends string>(values: ValueSet<T>, codes: readonly T[]) =>
  codes.map((c) => values.labels[c]).join(', ');

export async function exportPeriod(
  { params }: RouteInput<typeof exportPeriodRoute>,
  ctx: RequestContext,
): Promise<RouteOutput<typeof exportPeriodRoute>> {
  return executeWrite(ctx, async () => {
    const period = await readablePeriod(ctx.actor, params.id, true);
    const office = isProvinceWide(ctx.actor) ? undefined : ctx.actor.office;
    const enrollments: EnrollmentRecord[] = [];
    let cursor: string | undefined;
    do {
      const page = await listEnrollmentsOfPeriod({ periodId: period.id, office, limit: PAGE, cursor });
      enrollments.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const byId = new Map(enrollments.map((e) => [e.id, e]));
    /** Records are read only for the enrollments in the export: every one has its enrollment. */
    const enrollmentOf = (id: string): EnrollmentRecord => {
      const e = byId.get(id);
      if (!e) throw new Error(`export: a record of enrollment ${id} outside the export`);
      return e;
    };
    const activities: ActivityRecord[] = [];
    const assessments: AssessmentRecord[] = [];
    const outcomes: OutcomeRecord[] = [];
    await forEachPage(
      (c) =>
        queryIndex({
          index: 'gsi1',
          partition: partitions.recordsOfPeriod(period.id),
          limit: PAGE,
          cursor: c,
        }),
      (items) => {
        for (const i of items) {
          if (!byId.has(String(i.enrollmentId))) continue;
          if (i.entityType === 'activity') activities.push(activityFromItem(i));
          else if (i.entityType === 'assessment') assessments.push(assessmentFromItem(i));
          else if (i.entityType === 'outcome') outcomes.push(outcomeFromItem(i));
        }
      },
    );
    const meetings: GroupMeetingRecord[] = [];
    await forEachPage(
      (c) =>
        queryPartition({
          pk: keys.period(period.id).pk,
          limit: PAGE,
          cursor: c,
          sortPrefix: keys.groupMeetingPrefix(),
        }),
      (items) => {
        for (const i of items) meetings.push(groupMeetingFromItem(i));
      },
    );
    const clients = new Map<string, ClientRecord>();
    for (const item of await getItems(enrollments.map((e) => keys.client(e.clientId)))) {
      const c = clientFromItem(item);
      clients.set(c.id, c);
    }

    const code = 'P1';
    const ref = (e: EnrollmentRecord) => {
      const c = clients.get(e.clientId);
      return {
        period: code,
        office: e.office,
        registrationNumber: c?.registrationNumber ?? e.client?.registrationNumber ?? '',
      };
    };
    const byDate = <T extends { date: string; id: string }>(list: T[]) =>
      list.sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
    const cadence = period.protocol.cadenceDays;
    const closed = isPeriodClosed(period, ctx.today);
    const rows = {
      periods: [
        compact({
          code,
          name: period.name,
          startDate: period.startDate,
          endDate: period.endDate,
          capacity: period.capacity,
          offices: period.offices.join(', '),
          opening: words(ACTIVITY_VALUES, period.protocol.opening),
          cadence_home_visit: cadence.home_visit,
          cadence_urine_test: cadence.urine_test,
          cadence_group_meeting: cadence.group_meeting,
          cadence_counseling: cadence.counseling,
          instruments: words(INSTRUMENT_VALUES, period.instruments),
          closed: word(YES_NO, closed ? 'yes' : 'no'),
        }),
      ],
      clients: [...clients.values()]
        .sort(
          (a, b) =>
            a.office.localeCompare(b.office) || a.registrationNumber.localeCompare(b.registrationNumber),
        )
        .map((c) =>
          compact({
            office: c.office,
            registrationNumber: c.registrationNumber,
            fullName: c.fullName,
            sex: word(SEX_VALUES, c.sex),
            birthDate: c.birthDate,
            nik: c.nik,
            phone: c.phone,
            street: c.address?.street,
            village: c.address?.village,
            district: c.address?.district,
            city: c.address?.city,
            legalStatus: c.legalStatus ? word(LEGAL_STATUS_VALUES, c.legalStatus) : undefined,
            caseArticle: c.caseArticle,
            supervisionStart: c.supervisionStart,
            supervisionEnd: c.supervisionEnd,
          }),
        ),
      enrollments: [...enrollments]
        .sort((a, b) => a.enrolledOn.localeCompare(b.enrolledOn) || a.id.localeCompare(b.id))
        .map((e) =>
          compact({
            ...ref(e),
            enrolledOn: e.enrolledOn,
            status: word(STATUS_VALUES, e.status),
            statusDate: e.statusDate,
            statusReason: e.statusReason,
          }),
        ),
      activities: [
        ...byDate(activities).map((a) => ({
          date: a.date,
          id: a.id,
          row: activityRow(a, ref(enrollmentOf(a.enrollmentId))),
        })),
        ...byDate(meetings).flatMap((m, i) =>
          m.attendees.flatMap((id) => {
            const e = byId.get(id);
            if (!e) return [];
            return [
              {
                date: m.date,
                id: m.id,
                row: compact({
                  ...ref(e),
                  type: word(ACTIVITY_VALUES, 'group_meeting'),
                  date: m.date,
                  topic: m.topic,
                  meeting: `M${String(i + 1).padStart(3, '0')}`,
                  facilitator: m.facilitator,
                }),
              },
            ];
          }),
        ),
      ]
        .sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id))
        .map((x) => x.row),
      assessments: byDate(assessments).map((a) => {
        const e = enrollmentOf(a.enrollmentId);
        return compact({
          ...ref(e),
          instrument: word(INSTRUMENT_VALUES, a.instrument),
          phase: word(PHASE_VALUES, a.phase),
          date: a.date,
          ...Object.fromEntries(a.responses.map((v, i) => [`q${i + 1}`, v ?? undefined])),
        });
      }),
      outcomes: byDate(outcomes).map((o) =>
        compact({
          ...ref(enrollmentOf(o.enrollmentId)),
          type: word(OUTCOME_VALUES, o.type),
          date: o.date,
          note: o.note,
        }),
      ),
    };
    const bytes = await writeWorkbook(rows, { at: ctx.now });
    if (bytes.byteLength > MAX_EXPORT_BYTES) {
      throw new Refusal('export_too_large', [
        {
          path: '(root)',
          message: `${Math.round(bytes.byteLength / 1024)} KB; batas ${MAX_EXPORT_BYTES / 1024} KB.`,
        },
      ]);
    }
    return {
      parts: [],
      audit: [
        {
          entity: 'period',
          entityId: period.id,
          action: 'export',
          changedFields: [],
          ...(office ? { reason: `kantor ${office}` } : {}),
        },
      ],
      result: { fileName: `${fileSafe(period.name)}.xlsx`, contentType: XLSX_TYPE, bytes },
    };
  });
}

function activityRow(a: ActivityRecord, ref: { period: string; office: string; registrationNumber: string }) {
  const base = { ...ref, type: word(ACTIVITY_VALUES, a.type), date: a.date };
  switch (a.type) {
    case 'home_visit':
      return compact({
        ...base,
        present: words(PRESENT_VALUES, a.present),
        livingSituation: a.livingSituation,
        familySupport: a.familySupport,
        riskFactors: words(RISK_VALUES, a.riskFactors),
        findings: a.findings,
        followUp: a.followUp,
      });
    case 'urine_test':
      return compact({
        ...base,
        ...Object.fromEntries(
          SUBSTANCES.map((s) => {
            const result = a.results[s];
            return [`result_${s}`, result ? word(RESULT_VALUES, result) : undefined];
          }),
        ),
        specimenId: a.specimenId,
      });
    case 'counseling':
      return compact({ ...base, counselor: a.counselor, topic: a.topic, durationMinutes: a.durationMinutes });
  }
}

function compact(row: Record<string, string | number | undefined | null>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(row)) if (v !== undefined && v !== null && v !== '') out[k] = v;
  return out;
}

function fileSafe(name: string): string {
  return name.replace(/[^\p{L}\p{N} ._-]/gu, '_').slice(0, 100) || 'periode';
}
