// Types for the tests (tsc does not check web/*.js; the app runs the .js as is).
import type { Detail } from './errors.js';

export type FormValues = Record<string, unknown>;
export interface Built {
  // biome-ignore lint/suspicious/noExplicitAny: a JSON request body
  payload: Record<string, any>;
  errors: Detail[];
}
export const PRESENT: string[];
export const RISK_FACTORS: string[];
export const SUBSTANCES: string[];
export const URINE_RESULTS: string[];
export function homeVisitPayload(v: FormValues): Built;
export function urineTestPayload(v: FormValues): Built;
export function counselingPayload(v: FormValues): Built;
export function activityPayload(type: string, values: FormValues): Built;
export function groupMeetingPayload(v: FormValues): Built;
export function clientPayload(v: FormValues): Built;
export function newIdempotencyKey(
  cryptoImpl?: Pick<Crypto, 'getRandomValues'> & Partial<Pick<Crypto, 'randomUUID'>>,
): string;
export const END_STATUSES: string[];
export const OUTCOME_TYPES: string[];
export const ITEM_COUNTS: Record<string, number>;
export const PHASES: string[];
export function enrollmentPayload(v: FormValues): Built;
export function enrollmentEndPayload(v: FormValues, enrolledOn?: string): Built;
export function outcomePayload(v: FormValues): Built;
export function assessmentPayload(instrument: string, v: FormValues): Built;
