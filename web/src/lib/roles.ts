// What the UI offers per role: the server's own role lists (shared/domain/access.ts and
// shared/domain/officers.ts), so a button is shown exactly when the API would accept the
// request. The API still enforces them; this only hides buttons that would answer 403.
import {
  CLIENT_READERS,
  CLIENT_WRITERS,
  COMPARISON_MAKERS,
  ENROLLMENT_WRITERS,
  PERIOD_MANAGERS,
  RECORD_WRITERS,
  REPORT_MAKERS,
  REPORT_READERS,
} from '../../../shared/domain/access';
import type { Role } from '../../../shared/domain/actor';
import { OFFICER_MANAGERS } from '../../../shared/domain/officers';

export function canRecordActivity(role: Role): boolean {
  return RECORD_WRITERS.activity.includes(role);
}

/** Group meetings are activities of a period: the same writers. */
export function canRecordGroupMeeting(role: Role): boolean {
  return RECORD_WRITERS.activity.includes(role);
}

export function canRegisterClient(role: Role): boolean {
  return CLIENT_WRITERS.includes(role);
}

/** Viewers never see client identities (the API leaves `client` out for them). */
export function seesIdentities(role: Role): boolean {
  return role !== 'viewer';
}

/** Enrolling, ending an enrollment, recording outcomes: pk, kasi, admin (not konselor). */
export function canManageEnrollment(role: Role): boolean {
  return ENROLLMENT_WRITERS.includes(role) && RECORD_WRITERS.status.includes(role);
}

export function canRecordOutcome(role: Role): boolean {
  return RECORD_WRITERS.outcome.includes(role);
}

export function canRecordAssessment(role: Role): boolean {
  return RECORD_WRITERS.assessment.includes(role);
}

export function canManagePeriods(role: Role): boolean {
  return PERIOD_MANAGERS.includes(role);
}

/** The "Petugas" screen: admin (province) and kasi (own office). */
export function canManageOfficers(role: Role): boolean {
  return OFFICER_MANAGERS.includes(role);
}

/** "Tugas saya": the roles that record what is due. */
export function hasWorklist(role: Role): boolean {
  return RECORD_WRITERS.activity.includes(role);
}

export function canSearchClients(role: Role): boolean {
  return CLIENT_READERS.includes(role);
}

export function canReadReports(role: Role): boolean {
  return REPORT_READERS.includes(role);
}

export function canMakeReport(role: Role): boolean {
  return REPORT_MAKERS.includes(role);
}

/** "Bandingkan periode" (POST /comparisons): the server's own list. */
export function canCompareReports(role: Role): boolean {
  return COMPARISON_MAKERS.includes(role);
}
