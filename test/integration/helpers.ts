import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { ensureKeyPair, signLocalToken } from '../../scripts/local/identity';
import { matchRoute } from '../../shared/api/routes';
import { errorEnvelope } from '../../shared/api/schemas/common';
import type { Role } from '../../shared/domain/actor';
import { addDays, todayIn } from '../../shared/domain/dates';
import { REFUSAL_CODES } from '../../shared/domain/refusal';

export const baseUrl = inject('baseUrl');
const keys = ensureKeyPair(inject('dataDir'));

// biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field in tests
export interface ApiResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

// biome-ignore lint/suspicious/noExplicitAny: see ApiResult
export async function api<T = any>(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(`${baseUrl}${path}`, { method, headers, body });
  // Files (workbooks) are read with `download`; here their bytes are only counted.
  if (!/json/.test(res.headers.get('content-type') ?? 'application/json')) {
    const bytes = Buffer.from(await res.arrayBuffer());
    return { status: res.status, body: bytes as T, headers: res.headers };
  }
  const text = await res.text();
  const parsed = text ? JSON.parse(text) : undefined;
  checkContract(method, path, res.status, parsed);
  return { status: res.status, body: parsed, headers: res.headers };
}

/**
 * The contract test, on every response of the integration suite: a success must have the
 * shape of its route's response schema (shared/api/routes), and an error the one envelope
 * with a known code. A response that breaks the contract fails the test that received it.
 */
export function checkContract(method: string, path: string, status: number, body: unknown): void {
  const url = new URL(path, 'http://x');
  const { match } = matchRoute(method, url.pathname);
  if (status >= 400) {
    const envelope = errorEnvelope.safeParse(body);
    const code = envelope.success ? envelope.data.error.code : undefined;
    if (!envelope.success || !(REFUSAL_CODES as readonly string[]).includes(code ?? '')) {
      throw new Error(
        `contract: ${method} ${path} answered ${status} outside the error envelope: ${JSON.stringify(body)}`,
      );
    }
    return;
  }
  const schema = match?.route.response.schema;
  if (!match || !schema) return;
  if (status !== match.route.response.status) {
    throw new Error(
      `contract: ${method} ${path} answered ${status}, the route declares ${match.route.response.status}`,
    );
  }
  const result = schema.safeParse(body);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`contract: ${method} ${path} response does not fit ${match.route.handler}: ${issues}`);
  }
  contractChecks.add(`${match.route.method} ${match.route.path}`);
}

/** Routes whose success responses this test file has checked against their schema. */
export const contractChecks = new Set<string>();

export function tokenFor(role: Role, office: string, sub?: string): Promise<string> {
  return signLocalToken(keys, { role, office, sub: sub ?? `${role}-${office}` });
}

/** A Bapas code nobody else in this run uses, so tests never see each other's data. */
export function uniqueOffice(label = 'x'): string {
  return `bapas-${label}-${randomBytes(4).toString('hex')}`;
}

export function uniqueRegistration(): string {
  return `PAS-${randomBytes(5).toString('hex').toUpperCase()}`;
}

export const BNNP = 'bnnp-jawa-tengah';

/** A date relative to today in the province's time zone (the server's "today"). */
export function isoDay(offsetDays = 0): string {
  return addDays(todayIn('Asia/Jakarta'), offsetDays);
}

export function clientBody(office: string, overrides: Record<string, unknown> = {}) {
  return {
    office,
    registrationNumber: uniqueRegistration(),
    fullName: 'Budi Santoso',
    sex: 'male',
    birthDate: '1990-05-17',
    nik: '3374011705900003',
    phone: '+62 812-3456-7890',
    address: { street: 'Jl. Pemuda 12', village: 'Sekayu', district: 'Semarang Tengah', city: 'Semarang' },
    legalStatus: 'parole',
    caseArticle: 'UU 35/2009 Pasal 112',
    supervisionStart: '2024-03-01',
    supervisionEnd: '2026-12-31',
    ...overrides,
  };
}

export function periodBody(offices: string[], overrides: Record<string, unknown> = {}) {
  return {
    name: 'Pascarehabilitasi 2026',
    startDate: isoDay(-30),
    endDate: isoDay(120),
    capacity: 16,
    offices,
    protocol: {
      opening: ['home_visit', 'urine_test', 'group_meeting'],
      cadenceDays: { home_visit: 30, urine_test: 14 },
    },
    instruments: ['whoqol-bref', 'urica'],
    ...overrides,
  };
}

export async function createClient(token: string, office: string, overrides: Record<string, unknown> = {}) {
  const res = await api('POST', '/clients', { token, body: clientBody(office, overrides) });
  if (res.status !== 201) throw new Error(`createClient: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; office: string; registrationNumber: string };
}

export async function createPeriod(
  token: string,
  offices: string[],
  overrides: Record<string, unknown> = {},
) {
  const res = await api('POST', '/periods', { token, body: periodBody(offices, overrides) });
  if (res.status !== 201) throw new Error(`createPeriod: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; capacity: number; enrolledCount: number };
}

/** A Bapas with its officers, and the province-wide roles. */
export async function officeWithStaff(label = 'x') {
  const office = uniqueOffice(label);
  return {
    office,
    pk: await tokenFor('pk', office),
    kasi: await tokenFor('kasi', office),
    admin: await tokenFor('admin', BNNP),
    konselor: await tokenFor('konselor', BNNP),
    viewer: await tokenFor('viewer', BNNP),
  };
}

export const HOME_VISIT = {
  type: 'home_visit',
  present: ['client', 'parents'],
  livingSituation: 'Tinggal bersama orang tua di rumah sendiri',
  familySupport: 4,
  riskFactors: ['idle'],
  findings: 'Lingkungan rumah mendukung; klien belum bekerja.',
};
export const URINE_NEGATIVE = {
  type: 'urine_test',
  results: { methamphetamine: 'negative', thc: 'negative' },
};
export const COUNSELING = {
  type: 'counseling',
  counselor: 'Konselor BNNP',
  topic: 'Motivasi',
  durationMinutes: 45,
};

/** An enrolled client in a fresh period of its own office (enrolled 20 days ago). */
export async function enrolledClient(
  staff: { office: string; pk: string; kasi: string },
  periodOverrides: Record<string, unknown> = {},
) {
  const client = await createClient(staff.pk, staff.office);
  const period = await createPeriod(staff.kasi, [staff.office], periodOverrides);
  const res = await api('POST', `/periods/${period.id}/enrollments`, {
    token: staff.pk,
    body: { clientId: client.id, enrolledOn: isoDay(-20) },
  });
  if (res.status !== 201) throw new Error(`enroll: ${res.status} ${JSON.stringify(res.body)}`);
  return { client, period, enrollment: res.body as { id: string; periodId: string } };
}

export function record(
  token: string,
  enrollmentId: string,
  kind: 'activities' | 'assessments' | 'outcomes',
  body: unknown,
) {
  return api('POST', `/enrollments/${enrollmentId}/${kind}`, { token, body });
}

const db = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    endpoint: inject('dynamodbEndpoint'),
    region: 'ap-southeast-3',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  }),
);

/**
 * Time cannot pass in a test run: this moves a period's dates into the past directly in
 * DynamoDB Local, as if the calendar had moved on (the API refuses to create past periods).
 */
export async function movePeriodIntoPast(periodId: string, startDate: string, endDate: string) {
  await db.send(
    new UpdateCommand({
      TableName: 'pascarehab',
      Key: { pk: `PERIOD#${periodId}`, sk: 'PERIOD' },
      UpdateExpression: 'SET startDate = :s, endDate = :e',
      ExpressionAttributeValues: { ':s': startDate, ':e': endDate },
    }),
  );
}

export async function moveEnrollmentIntoPast(
  enrollmentId: string,
  enrolledOn: string,
  periodStart: string,
  periodEnd: string,
) {
  await db.send(
    new UpdateCommand({
      TableName: 'pascarehab',
      Key: { pk: `ENROLLMENT#${enrollmentId}`, sk: 'ENROLLMENT' },
      UpdateExpression: 'SET enrolledOn = :on, periodStart = :s, periodEnd = :e',
      ExpressionAttributeValues: { ':on': enrolledOn, ':s': periodStart, ':e': periodEnd },
    }),
  );
}

/** Removes one item directly (e.g. a report record, to make the job write it again). */
export async function deleteItem(pk: string, sk: string) {
  await db.send(new DeleteCommand({ TableName: 'pascarehab', Key: { pk, sk } }));
}
