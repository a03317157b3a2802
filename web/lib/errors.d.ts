// Types for the tests (tsc does not check web/*.js; the app runs the .js as is).
export interface Detail {
  path: string;
  message: string;
}
export interface ErrorInfo {
  status: number;
  code: string;
  message: string;
  details: Detail[];
}
export function describeError(status: number, body: unknown): ErrorInfo;
export function networkError(timedOut?: boolean): ErrorInfo;
export function placeDetails(
  details: Detail[] | undefined,
  fields: string[],
): { byField: Record<string, string[]>; other: string[] };
export function attendeeDetails(
  details: Detail[] | undefined,
  attendees: string[],
  nameOf: (enrollmentId: string) => string,
): Detail[];
