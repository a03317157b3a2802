// Indonesian date and number formatting for the forms. Pure, no DOM. Month names and "today"
// come from shared/ (the same words and the same province-time rule the server and the
// reports use).
import { todayIn } from '../../../shared/domain/dates';
import { fmtDateTimeIn, MONTHS_ID, MONTHS_ID_SHORT } from '../../../shared/reports/html/format';

function parts(iso: unknown): { year: string; month: number; day: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(typeof iso === 'string' ? iso : '');
  if (!m) return null;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  return { year: m[1]!, month, day: Number(m[3]) };
}

/** '2026-11-29' -> '29 November 2026'; anything unparseable is returned as given. */
export function formatDate(iso: unknown): string {
  const p = parts(iso);
  return p ? `${p.day} ${MONTHS_ID[p.month - 1]} ${p.year}` : String(iso ?? '');
}

/** '2026-11-29' -> '29 Nov 2026' (lists on narrow screens). */
export function formatShortDate(iso: unknown): string {
  const p = parts(iso);
  return p ? `${p.day} ${MONTHS_ID_SHORT[p.month - 1]} ${p.year}` : String(iso ?? '');
}

/** A date range: '30 Okt 2026 – 29 Des 2026'. */
export function formatRange(startIso: string, endIso: string): string {
  return `${formatShortDate(startIso)} – ${formatShortDate(endIso)}`;
}

/** Today as YYYY-MM-DD in the given IANA time zone (the province's, as the API judges dates). */
export function todayIso(timeZone = 'Asia/Jakarta', now = new Date()): string {
  return todayIn(timeZone, now);
}

/** Whole days from a to b (YYYY-MM-DD), b - a. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** How a due date reads against today: 'terlambat 27 hari', 'hari ini', 'dalam 3 hari'. */
export function dueText(dueDate: string, today: string): string {
  const d = daysBetween(today, dueDate);
  if (Number.isNaN(d)) return '';
  if (d < 0) return `terlambat ${-d} hari`;
  if (d === 0) return 'hari ini';
  if (d === 1) return 'besok';
  return `dalam ${d} hari`;
}

/** A number for display with an Indonesian decimal comma: 46.875 -> '46,9'. */
export function formatNumber(n: unknown, digits = 1): string {
  if (typeof n !== 'number' || !Number.isFinite(n)) return '–';
  return n.toFixed(digits).replace('.', ',').replace(/,0+$/, '');
}

/**
 * A moment (ms since epoch, or an ISO instant) in the province's time: '12 Desember 2026 pukul
 * 14.05 WIB' (the reports' own wording and zone names).
 */
export function formatDateTime(at: number | string, timeZone: string): string {
  const iso = typeof at === 'number' ? new Date(at).toISOString() : at;
  return fmtDateTimeIn(iso, timeZone);
}
