// Builds API request bodies from form values and checks them with the API's OWN schemas
// (shared/api/schemas.ts) and scoring rules (shared/domain/scoring), so an officer on a slow
// connection hears before sending exactly what the server would refuse. Pure: values are plain
// objects (strings from inputs, arrays for checkbox groups); the result is { payload, errors }
// with errors in the API's `details` shape ({ path, message }), so one renderer shows both.
// What depends on stored data (protocol order, capacity, duplicates) is still the server's to
// judge, and its refusals are shown the same way.
import type * as z from 'zod/mini';
import {
  type CreateActivityBody,
  type CreateAssessmentBody,
  type CreateClientBody,
  type CreateEnrollmentBody,
  type CreateGroupMeetingBody,
  type CreateOutcomeBody,
  createActivityBody,
  createAssessmentBody,
  createClientBody,
  createEnrollmentBody,
  createGroupMeetingBody,
  createOutcomeBody,
  ITEM_COUNTS,
  type PatchClientBody,
  type PatchEnrollmentBody,
  patchClientBody,
  patchEnrollmentBody,
  SUBSTANCES,
} from '../../../shared/api/schemas';
import type { CreateOfficerBody, PatchOfficerBody } from '../../../shared/api/schemas/officers';
import { createOfficerBody, patchOfficerBody } from '../../../shared/api/schemas/officers';
import {
  scoreUrica,
  scoreWhoqolBref,
  URICA_SUBSCALES,
  type UricaSubscale,
} from '../../../shared/domain/scoring';
import { issueDetails } from '../../../shared/http/validate';
import { type ErrorDetail, plainMessage } from './errors';

export { ITEM_COUNTS, SUBSTANCES };

export interface Built<T> {
  payload: T;
  errors: ErrorDetail[];
}

type Values = Record<string, unknown>;

const REQUIRED = 'Wajib diisi.';

function text(v: unknown): string {
  return typeof v === 'string' ? v.trim() : '';
}

/** Trimmed text, or undefined when empty (the API refuses empty strings for optional fields). */
function optional(v: unknown): string | undefined {
  return text(v) || undefined;
}

function list(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(text).filter(Boolean);
  const t = text(v);
  return t ? [t] : [];
}

function unique<T>(arr: readonly T[]): T[] {
  return [...new Set(arr)];
}

/** An integer from an input's text; '' -> undefined (required), anything else non-integer -> NaN. */
function integer(v: unknown): number | undefined {
  const t = text(typeof v === 'number' ? String(v) : v);
  if (t === '') return undefined;
  return /^-?\d+$/.test(t) ? Number(t) : Number.NaN;
}

function valueAt(payload: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = payload;
  for (const key of path)
    v = v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  return v;
}

/**
 * The server's schema judges the payload. A field left empty reads "Wajib diisi." (or the
 * form's own words for it, `empty`), not zod's "expected string, received undefined"; every
 * other message is the server's (Indonesian, shared/validation.ts).
 */
export function check(
  schema: z.ZodMiniType,
  payload: unknown,
  empty: Record<string, string> = {},
  messages: Record<string, string> = {},
): ErrorDetail[] {
  const result = schema.safeParse(payload);
  if (result.success) return [];
  const issues = result.error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const value = valueAt(payload, issue.path);
    const isEmpty = value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
    if (messages[path]) return { ...issue, message: messages[path] };
    if (isEmpty && issue.code !== 'unrecognized_keys') return { ...issue, message: empty[path] ?? REQUIRED };
    return issue;
  });
  return issueDetails(issues).map((d) => ({ path: d.path, message: plainMessage(d.message) }));
}

// --- activities ----------------------------------------------------------------------------

type HomeVisit = Extract<CreateActivityBody, { type: 'home_visit' }>;
type UrineTest = Extract<CreateActivityBody, { type: 'urine_test' }>;
type Counseling = Extract<CreateActivityBody, { type: 'counseling' }>;

/** home_visit: { date, present[], livingSituation, familySupport, riskFactors[], findings, followUp } */
export function homeVisitPayload(v: Values): Built<HomeVisit> {
  const payload = {
    type: 'home_visit',
    date: text(v.date),
    present: unique(list(v.present)),
    livingSituation: text(v.livingSituation),
    familySupport: integer(v.familySupport),
    riskFactors: unique(list(v.riskFactors)),
    findings: text(v.findings),
    followUp: optional(v.followUp),
  };
  const errors = check(
    createActivityBody,
    payload,
    { present: 'Pilih minimal satu orang yang hadir.' },
    { familySupport: 'Pilih nilai dukungan keluarga 1 sampai 5.' },
  );
  return { payload: withoutUndefined(payload) as HomeVisit, errors };
}

/** urine_test: { date, specimenId, results: { substance: negative | positive | invalid } } ('' = not tested) */
export function urineTestPayload(v: Values): Built<UrineTest> {
  const results: Record<string, string> = {};
  const given = (v.results ?? {}) as Record<string, unknown>;
  for (const s of SUBSTANCES) {
    const r = text(given[s]);
    if (r) results[s] = r;
  }
  const payload = { type: 'urine_test', date: text(v.date), results, specimenId: optional(v.specimenId) };
  const errors = check(createActivityBody, payload);
  return { payload: withoutUndefined(payload) as UrineTest, errors };
}

/** counseling: { date, counselor, topic, durationMinutes } */
export function counselingPayload(v: Values): Built<Counseling> {
  const payload = {
    type: 'counseling',
    date: text(v.date),
    counselor: text(v.counselor),
    topic: text(v.topic),
    durationMinutes: integer(v.durationMinutes),
  };
  const errors = check(
    createActivityBody,
    payload,
    {},
    { durationMinutes: 'Isi durasi 1 sampai 600 menit.' },
  );
  return { payload: payload as Counseling, errors };
}

const ACTIVITY_BUILDERS = {
  home_visit: homeVisitPayload,
  urine_test: urineTestPayload,
  counseling: counselingPayload,
} as const;

export type FormActivityType = keyof typeof ACTIVITY_BUILDERS;

export function isFormActivityType(type: string): type is FormActivityType {
  return Object.hasOwn(ACTIVITY_BUILDERS, type);
}

/** The body of POST /enrollments/{id}/activities for a form type. */
export function activityPayload(type: string, values: Values): Built<CreateActivityBody> {
  if (!isFormActivityType(type)) throw new Error(`unknown activity type: ${type}`);
  return ACTIVITY_BUILDERS[type](values);
}

/** POST /periods/{id}/group-meetings: { date, topic, facilitator, attendees[] (enrollment ids) } */
export function groupMeetingPayload(v: Values): Built<CreateGroupMeetingBody> {
  const payload = {
    date: text(v.date),
    topic: text(v.topic),
    facilitator: optional(v.facilitator),
    attendees: unique(list(v.attendees)),
  };
  const errors = check(createGroupMeetingBody, payload, { attendees: 'Pilih minimal satu peserta.' });
  return { payload: withoutUndefined(payload) as CreateGroupMeetingBody, errors };
}

// --- clients -------------------------------------------------------------------------------

/**
 * POST /clients. Optional fields left empty are left out (the API refuses empty strings);
 * the NIK may be typed with spaces or dots; address parts form `address` only if any is filled.
 */
export function clientPayload(v: Values): Built<CreateClientBody> {
  const given = (v.address ?? {}) as Record<string, unknown>;
  const address: Record<string, string> = {};
  for (const part of ['street', 'village', 'district', 'city']) {
    const t = text(given[part]);
    if (t) address[part] = t;
  }
  const nik = text(v.nik).replace(/[\s.-]/g, '');
  const payload = {
    office: text(v.office),
    registrationNumber: text(v.registrationNumber),
    fullName: text(v.fullName),
    sex: optional(v.sex),
    birthDate: text(v.birthDate),
    nik: nik || undefined,
    phone: optional(v.phone),
    address: Object.keys(address).length ? address : undefined,
    legalStatus: optional(v.legalStatus),
    caseArticle: optional(v.caseArticle),
    supervisionStart: optional(v.supervisionStart),
    supervisionEnd: optional(v.supervisionEnd),
  };
  const errors = check(createClientBody, payload, { sex: 'Pilih jenis kelamin.' });
  return { payload: withoutUndefined(payload) as CreateClientBody, errors };
}

/** What PATCH /clients/{id} compares the form with (the client as GET returns it, NIK masked). */
export interface ClientNow {
  registrationNumber: string;
  fullName: string;
  sex: string;
  birthDate: string;
  phone?: string | undefined;
  address?: Record<string, string | undefined> | undefined;
  legalStatus?: string | undefined;
  caseArticle?: string | undefined;
  supervisionStart?: string | undefined;
  supervisionEnd?: string | undefined;
}

/**
 * PATCH /clients/{id}: only what the officer changed. An optional field emptied is cleared
 * (null); the NIK field starts empty (the API only shows it masked): left empty it stays as it
 * is, typed it is replaced.
 */
export function clientPatchPayload(v: Values, current: ClientNow): Built<PatchClientBody> {
  const payload: Record<string, unknown> = {};
  for (const key of ['registrationNumber', 'fullName', 'sex', 'birthDate'] as const) {
    const value = text(v[key]);
    if (value !== current[key]) payload[key] = value;
  }
  for (const key of ['phone', 'legalStatus', 'caseArticle', 'supervisionStart', 'supervisionEnd'] as const) {
    const value = optional(v[key]);
    if (value !== (current[key] || undefined)) payload[key] = value ?? null;
  }
  const given = (v.address ?? {}) as Record<string, unknown>;
  const address: Record<string, string> = {};
  for (const part of ['street', 'village', 'district', 'city']) {
    const t = text(given[part]);
    if (t) address[part] = t;
  }
  const had = current.address && Object.values(current.address).some(Boolean);
  const nowAddress = Object.keys(address).length ? address : undefined;
  if (
    JSON.stringify(nowAddress ?? null) !== JSON.stringify(had ? withoutUndefined(current.address!) : null)
  ) {
    payload.address = nowAddress ?? null;
  }
  const nik = text(v.nik).replace(/[\s.-]/g, '');
  if (nik) payload.nik = nik;
  const clean = withoutUndefined(payload);
  const errors =
    Object.keys(clean).length === 0
      ? [{ path: '(root)', message: 'Tidak ada yang diubah.' }]
      : check(patchClientBody, clean, { sex: 'Pilih jenis kelamin.' });
  return { payload: clean as PatchClientBody, errors };
}

// --- enrollments ---------------------------------------------------------------------------

/** POST /periods/{id}/enrollments: { clientId, enrolledOn? } (empty date: the API's default). */
export function enrollmentPayload(v: Values): Built<CreateEnrollmentBody> {
  const payload = { clientId: text(v.clientId), enrolledOn: optional(v.enrolledOn) };
  const errors = check(createEnrollmentBody, payload, { clientId: 'Pilih klien.' });
  return { payload: withoutUndefined(payload) as CreateEnrollmentBody, errors };
}

/** PATCH /enrollments/{id}: { status, date, reason? }; `enrolledOn` (optional) bounds the date. */
export function enrollmentEndPayload(v: Values, enrolledOn?: string): Built<PatchEnrollmentBody> {
  const payload = { status: optional(v.status), date: text(v.date), reason: optional(v.reason) };
  const errors = check(patchEnrollmentBody, payload, { status: 'Pilih status akhir.' });
  // The server's date rule (shared/domain/records.ts checkRecordDate): not before enrollment.
  if (!errors.some((e) => e.path === 'date') && enrolledOn && payload.date < enrolledOn) {
    errors.push({ path: 'date', message: 'Tanggal tidak boleh sebelum tanggal pendaftaran klien.' });
  }
  return { payload: withoutUndefined(payload) as PatchEnrollmentBody, errors };
}

/** POST /enrollments/{id}/outcomes: { type, date, note? } */
export function outcomePayload(v: Values): Built<CreateOutcomeBody> {
  const payload = { type: optional(v.type), date: text(v.date), note: optional(v.note) };
  const errors = check(createOutcomeBody, payload, { type: 'Pilih jenis kejadian.' });
  return { payload: withoutUndefined(payload) as CreateOutcomeBody, errors };
}

// --- assessments ---------------------------------------------------------------------------

const URICA_SUBSCALE_WORDS: Record<UricaSubscale, string> = {
  precontemplation: 'prakontemplasi',
  contemplation: 'kontemplasi',
  action: 'tindakan',
  maintenance: 'pemeliharaan',
};

/**
 * POST /enrollments/{id}/assessments: { instrument, phase, date, responses[] }. Form values
 * carry answers as responses.{1..n} = '1'..'5' or '' (not answered -> null). The server's own
 * scoring decides whether enough items are answered (the same refusal it would send).
 */
export function assessmentPayload(instrument: string, v: Values): Built<CreateAssessmentBody> {
  if (!Object.hasOwn(ITEM_COUNTS, instrument)) throw new Error(`unknown instrument: ${instrument}`);
  const count = ITEM_COUNTS[instrument as keyof typeof ITEM_COUNTS];
  const given = (v.responses ?? {}) as Record<string, unknown>;
  const responses: Array<number | null> = [];
  for (let i = 1; i <= count; i++) {
    const n = integer(given[String(i)]);
    responses.push(n !== undefined && n >= 1 && n <= 5 ? n : null);
  }
  const payload = { instrument, phase: optional(v.phase), date: text(v.date), responses };
  const errors = check(createAssessmentBody, payload, { phase: 'Pilih tahap asesmen.' });
  const scored = instrument === 'whoqol-bref' ? scoreWhoqolBref(responses) : scoreUrica(responses);
  if (!scored.ok) {
    for (const m of scored.missing) {
      if (m.scope === 'form') {
        errors.push({
          path: 'responses',
          message: `${count - m.answered} butir belum dijawab; minimal ${m.required} dari ${count} harus dijawab.`,
        });
        continue;
      }
      const items = URICA_SUBSCALES[m.scope as UricaSubscale] ?? [];
      const empty = items.filter((n) => responses[n - 1] === null);
      errors.push({
        path: 'responses',
        message: `Skala ${URICA_SUBSCALE_WORDS[m.scope as UricaSubscale] ?? m.scope}: butir ${empty.join(', ')} belum dijawab; minimal ${m.required} dari ${items.length} harus dijawab.`,
      });
    }
  }
  return { payload: payload as CreateAssessmentBody, errors };
}

// --- officers ------------------------------------------------------------------------------

/** POST /officers: { email, name, role, office }. */
export function officerPayload(v: Values): Built<CreateOfficerBody> {
  const payload = {
    email: text(v.email).toLowerCase(),
    name: text(v.name),
    role: optional(v.role),
    office: optional(v.office),
  };
  const errors = check(createOfficerBody, payload, { role: 'Pilih peran.', office: 'Pilih kantor.' });
  return { payload: payload as CreateOfficerBody, errors };
}

/** PATCH /officers/{id}: only what differs from `current`. */
export function officerChangePayload(
  v: Values,
  current: { role: string; office: string; enabled: boolean },
): Built<PatchOfficerBody> {
  const payload: Record<string, unknown> = {};
  const role = optional(v.role);
  const office = optional(v.office);
  if (role && role !== current.role) payload.role = role;
  if (office && office !== current.office) payload.office = office;
  if (typeof v.enabled === 'boolean' && v.enabled !== current.enabled) payload.enabled = v.enabled;
  const errors = check(patchOfficerBody, payload, {}, { '': 'Tidak ada yang diubah.' });
  return { payload: payload as PatchOfficerBody, errors };
}

// --- misc ----------------------------------------------------------------------------------

/**
 * A fresh Idempotency-Key (the API allows 1-255 of A-Za-z0-9._:-). One per form fill: a double
 * tap or a retry after a lost response sends the same key and the API records once.
 */
export interface RandomSource {
  getRandomValues(array: Uint8Array): Uint8Array;
  randomUUID?: () => string;
}

export function newIdempotencyKey(cryptoImpl: RandomSource = globalThis.crypto): string {
  if (typeof cryptoImpl?.randomUUID === 'function') return cryptoImpl.randomUUID();
  // randomUUID needs a secure context (https or localhost); getRandomValues does not.
  const bytes = cryptoImpl.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function withoutUndefined<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
