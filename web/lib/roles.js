// What the UI offers per role (docs/api.md "Authentication and roles"). The API enforces the
// same rules; this only hides buttons that would answer 403.

export function canRecordActivity(role) {
  return role === 'pk' || role === 'kasi' || role === 'konselor' || role === 'admin';
}

export function canRecordGroupMeeting(role) {
  return canRecordActivity(role);
}

export function canRegisterClient(role) {
  return role === 'pk' || role === 'kasi';
}

/** Viewers never see client identities (the API leaves `client` out for them). */
export function seesIdentities(role) {
  return role !== 'viewer';
}

/** Enrolling, ending an enrollment, recording outcomes: pk, kasi, admin (not konselor). */
export function canManageEnrollment(role) {
  return role === 'pk' || role === 'kasi' || role === 'admin';
}

export function canRecordAssessment(role) {
  return canRecordActivity(role);
}
