import { type Actor, BAPAS_CODE, type Role } from './actor';

/**
 * Who manages officer accounts (docs/api.md, "Officers"), in one place, pure:
 * - admin: every officer of the province, any role, any office of the province;
 * - kasi: the pk and kasi of their own office only, and may give only those two roles in
 *   that office (a kasi cannot make an admin, nor move someone out of their office);
 * - everyone else: nobody (403).
 * Nobody changes their own account here: an admin cannot lock themselves out, a kasi cannot
 * promote themselves.
 */
export const OFFICER_MANAGERS: readonly Role[] = ['admin', 'kasi'];

const KASI_MANAGES: readonly Role[] = ['pk', 'kasi'];

export interface OfficerPlacement {
  role: Role;
  office: string;
}

/** May the actor see (list, change) this officer at all? Out of scope reads like absent. */
export function canSeeOfficer(actor: Actor, officer: OfficerPlacement): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role === 'kasi') return officer.office === actor.office && KASI_MANAGES.includes(officer.role);
  return false;
}

/** The roles the actor may give. */
export function assignableRoles(actor: Actor): readonly Role[] {
  if (actor.role === 'admin') return ['admin', 'kasi', 'pk', 'konselor', 'viewer'];
  if (actor.role === 'kasi') return KASI_MANAGES;
  return [];
}

/** May the actor put an officer in this role and office? */
export function canPlaceOfficer(actor: Actor, placement: OfficerPlacement): boolean {
  if (!assignableRoles(actor).includes(placement.role)) return false;
  return actor.role === 'admin' || placement.office === actor.office;
}

/**
 * Roles and offices that belong together: pk and kasi work at a Bapas (their office scopes
 * what they see), a konselor at the BNNP; admin and viewer are province-wide and may sit in
 * either. Returns the Indonesian reason when the pair does not fit.
 */
export function placementProblem(placement: OfficerPlacement): string | null {
  const bapas = BAPAS_CODE.test(placement.office);
  if ((placement.role === 'pk' || placement.role === 'kasi') && !bapas) {
    return 'PK dan Kasi harus berkantor di Bapas.';
  }
  if (placement.role === 'konselor' && bapas) return 'Konselor harus berkantor di BNNP.';
  return null;
}
