import type { Actor, Role } from './actor';
import { refuse } from './refusal';

/**
 * Role and office scoping, in one place (docs/api.md, "Authentication and roles"):
 * - pk, kasi: their own office only;
 * - konselor (BNNP), admin, viewer: the whole province (one deployment = one province);
 * - viewer never sees client identities and never writes.
 * Out-of-scope records are reported by callers with 404 (indistinguishable from absent).
 */
const PROVINCE_WIDE: ReadonlySet<Role> = new Set(['admin', 'konselor', 'viewer']);

export function isProvinceWide(actor: Actor): boolean {
  return PROVINCE_WIDE.has(actor.role);
}

/** May the actor see records that belong to `office`? */
export function inOfficeScope(actor: Actor, office: string): boolean {
  return isProvinceWide(actor) || actor.office === office;
}

/** 403 unless the actor's role is one of `roles`. */
export function requireRole(actor: Actor, roles: readonly Role[]): void {
  if (!roles.includes(actor.role)) throw refuse.forbidden();
}

/**
 * The office whose records the actor lists (`?office=`): undefined means all. pk and kasi
 * list their own office; naming another one is 403.
 */
export function listableOffice(actor: Actor, requested: string | undefined): string | undefined {
  if (isProvinceWide(actor)) return requested;
  if (requested !== undefined && requested !== actor.office) {
    throw refuse.forbidden('Anda hanya dapat melihat data kantor Anda sendiri.');
  }
  return actor.office;
}

// --- clients -------------------------------------------------------------------------------

export const CLIENT_WRITERS: readonly Role[] = ['admin', 'kasi', 'pk'];
export const CLIENT_READERS: readonly Role[] = ['admin', 'kasi', 'pk', 'konselor'];

/** Read access to one client. konselor reads only clients that were ever enrolled. */
export function canReadClient(actor: Actor, client: { office: string; enrolled?: boolean }): boolean {
  if (actor.role === 'viewer') return false;
  if (actor.role === 'konselor') return client.enrolled === true;
  return inOfficeScope(actor, client.office);
}

export function canWriteClient(actor: Actor, client: { office: string }): boolean {
  return CLIENT_WRITERS.includes(actor.role) && inOfficeScope(actor, client.office);
}

// --- periods -------------------------------------------------------------------------------

export const PERIOD_MANAGERS: readonly Role[] = ['admin', 'kasi'];
/** Every role reads periods (in scope); viewers read them and their reports. */
export const REPORT_MAKERS: readonly Role[] = ['admin', 'kasi'];
export const REPORT_READERS: readonly Role[] = ['admin', 'kasi', 'pk', 'viewer'];
export const AUDIT_READERS: readonly Role[] = ['admin'];
/** Cohort comparisons hold aggregates only: leadership (viewer) may make them too. */
export const COMPARISON_MAKERS: readonly Role[] = ['admin', 'kasi', 'viewer'];

/** pk and kasi see the periods their office takes part in; the others see all. */
export function canReadPeriod(actor: Actor, period: { offices: readonly string[] }): boolean {
  return isProvinceWide(actor) || period.offices.includes(actor.office);
}

/**
 * A kasi manages periods of their own office only: a joint period across several Bapas
 * is the province administrator's to create and close.
 */
export function canManagePeriod(actor: Actor, period: { offices: readonly string[] }): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role !== 'kasi') return false;
  return period.offices.length === 1 && period.offices[0] === actor.office;
}

// --- enrollments ---------------------------------------------------------------------------

export const ENROLLMENT_WRITERS: readonly Role[] = ['admin', 'kasi', 'pk'];

export function canReadEnrollment(actor: Actor, enrollment: { office: string }): boolean {
  return inOfficeScope(actor, enrollment.office);
}

// --- enrollment records (activities, assessments, outcomes, status) ------------------------

export type RecordKind = 'activity' | 'assessment' | 'outcome' | 'status';

/**
 * Who writes what on an enrollment (docs/api.md): pk and kasi for
 * their office; konselor (BNNP) activities, group meetings and assessments anywhere in the
 * province, but not outcomes or status changes; admin everything; viewer nothing.
 */
export const RECORD_WRITERS: Record<RecordKind, readonly Role[]> = {
  activity: ['admin', 'kasi', 'pk', 'konselor'],
  assessment: ['admin', 'kasi', 'pk', 'konselor'],
  outcome: ['admin', 'kasi', 'pk'],
  status: ['admin', 'kasi', 'pk'],
};
