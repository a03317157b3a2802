// Types for the tests (tsc does not check web/*.js; the app runs the .js as is).
export function formatDate(iso: string): string;
export function formatShortDate(iso: string): string;
export function formatRange(startIso: string, endIso: string): string;
export function todayIso(timeZone?: string, now?: Date): string;
export function daysBetween(a: string, b: string): number;
export function dueText(dueDate: string, today: string): string;
export function formatNumber(n: number, digits?: number): string;
