// Types for the tests (tsc does not check web/*.js; the app runs the .js as is).
export function canRecordActivity(role: string): boolean;
export function canRecordGroupMeeting(role: string): boolean;
export function canRegisterClient(role: string): boolean;
export function seesIdentities(role: string): boolean;
export function canManageEnrollment(role: string): boolean;
export function canRecordAssessment(role: string): boolean;
