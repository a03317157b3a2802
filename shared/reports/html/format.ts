/**
 * Text helpers for report.html: HTML escaping and Indonesian number and date formatting.
 *
 * Numbers are formatted by hand rather than with Intl.NumberFormat('id-ID'): the output must be
 * byte-identical across Node versions and ICU builds (a small-icu build, or a CLDR update that
 * changes a separator, would otherwise change a "final" report on rerun).
 */

const HTML_ESCAPES: ReadonlyMap<string, string> = new Map([
  ['&', '&amp;'],
  ['<', '&lt;'],
  ['>', '&gt;'],
  ['"', '&quot;'],
  ["'", '&#39;'],
]);

/**
 * Escapes text for HTML element content and for quoted attribute values (also inside inline
 * SVG). Every string that comes from data (period name, office codes, substance keys,
 * pseudonyms, warning codes) goes through this before it is put into the document.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES.get(c) ?? c);
}

/** The placeholder for a missing value (null, or a statistic that could not be computed). */
export const MISSING = '–';

/** Integer part grouped by thousands with '.', Indonesian style: 10000 -> "10.000". */
function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/**
 * A number in Indonesian notation with a fixed number of decimals: decimal comma, '.' for
 * thousands, ASCII '-' for negatives (copy-paste into a spreadsheet keeps working).
 * null or non-finite -> "–". A value that rounds to zero never shows "-0,0".
 */
export function fmtNumber(x: number | null | undefined, decimals = 1): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return MISSING;
  let fixed = Math.abs(x).toFixed(decimals);
  const negative = x < 0 && /[1-9]/.test(fixed);
  const [intPart = '0', fracPart] = fixed.split('.');
  fixed = groupThousands(intPart) + (fracPart === undefined ? '' : `,${fracPart}`);
  return negative ? `-${fixed}` : fixed;
}

/** A count: integer, grouped ("1.250"). */
export function fmtInt(x: number | null | undefined): string {
  return fmtNumber(x, 0);
}

/** A value that is an integer or a half (Wilcoxon V with tied ranks): "40" or "12,5". */
export function fmtHalf(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return MISSING;
  return fmtNumber(x, Number.isInteger(x) ? 0 : 1);
}

/** A signed change: "+8,3", "-2,1", "0,0". */
export function fmtSigned(x: number | null | undefined, decimals = 1): string {
  const s = fmtNumber(x, decimals);
  if (s === MISSING || s.startsWith('-') || !/[1-9]/.test(s)) return s;
  return `+${s}`;
}

/** A rate (0..1) in percent: 0.625 -> "62,5%". */
export function fmtPercent(rate: number | null | undefined, decimals = 1): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return MISSING;
  return `${fmtNumber(rate * 100, decimals)}%`;
}

/** A p-value: "0,004", "< 0,001", "1,000"; null -> "–". */
export function fmtP(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return MISSING;
  if (p < 0.001) return '< 0,001';
  return fmtNumber(p, 3);
}

/** "p = 0,004" or "p < 0,001" (for sentences). */
export function pClause(label: string, p: number): string {
  const s = fmtP(p);
  return s.startsWith('<') ? `${label} ${s}` : `${label} = ${s}`;
}

export const MONTHS_ID = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
] as const;

export const MONTHS_ID_SHORT = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'Mei',
  'Jun',
  'Jul',
  'Agu',
  'Sep',
  'Okt',
  'Nov',
  'Des',
] as const;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

function monthName(month: string): string | undefined {
  return MONTHS_ID[Number(month) - 1];
}

/**
 * An ISO date -> "1 Mei 2024"; an ISO date-time -> "1 November 2024 pukul 03.12 UTC" (the
 * offset unchanged: the summary carries no time zone name). Anything else is returned unchanged
 * (the caller escapes it).
 */
export function fmtDate(iso: string | null | undefined): string {
  if (iso === null || iso === undefined || iso === '') return MISSING;
  const d = ISO_DATE.exec(iso);
  if (d) {
    const [, y = '', m = '', day = ''] = d;
    const name = monthName(m);
    return name ? `${Number(day)} ${name} ${y}` : iso;
  }
  const dt = ISO_DATE_TIME.exec(iso);
  if (dt) {
    const [, y = '', m = '', day = '', hh = '', mm = '', zone] = dt;
    const name = monthName(m);
    if (!name) return iso;
    const zoneText = zone === undefined ? '' : zone === 'Z' ? ' UTC' : ` UTC${zone}`;
    return `${Number(day)} ${name} ${y} pukul ${hh}.${mm}${zoneText}`;
  }
  return iso;
}

/**
 * Indonesia's three time zones, fixed offsets (no daylight saving), by IANA name. Written out
 * rather than asked of Intl: a report must read the same on every Node and ICU build.
 */
const INDONESIAN_ZONES: ReadonlyMap<string, { offsetHours: number; name: string }> = new Map([
  ['Asia/Jakarta', { offsetHours: 7, name: 'WIB' }],
  ['Asia/Pontianak', { offsetHours: 7, name: 'WIB' }],
  ['Asia/Makassar', { offsetHours: 8, name: 'WITA' }],
  ['Asia/Jayapura', { offsetHours: 9, name: 'WIT' }],
]);

/**
 * An instant in the province's time: "2024-11-01T03:12:00Z" in Asia/Jakarta -> "1 November
 * 2024 pukul 10.12 WIB". A date without a time is a calendar date and stays unchanged; a time
 * zone outside Indonesia, or text that is not an ISO instant, falls back to fmtDate.
 */
export function fmtDateTimeIn(iso: string | null | undefined, timeZone: string): string {
  if (iso === null || iso === undefined || iso === '') return MISSING;
  const zone = INDONESIAN_ZONES.get(timeZone);
  if (!zone || ISO_DATE.test(iso) || !ISO_DATE_TIME.test(iso)) return fmtDate(iso);
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return fmtDate(iso);
  const local = new Date(ms + zone.offsetHours * 3_600_000).toISOString();
  const [date = '', time = ''] = local.split('T');
  return `${fmtDate(date)} pukul ${time.slice(0, 2)}.${time.slice(3, 5)} ${zone.name}`;
}

/** "2024-05" -> ["Mei", "2024"] (a two-line chart label); anything else -> [it, ""]. */
export function monthLabel(month: string): [string, string] {
  const [, year = '', mon = ''] = /^(\d{4})-(\d{2})$/.exec(month) ?? [];
  const short = MONTHS_ID_SHORT[Number(mon) - 1];
  return short ? [short, year] : [month, ''];
}

/** "2024-05" -> "Mei 2024". */
export function monthLong(month: string): string {
  const [, year = '', mon = ''] = /^(\d{4})-(\d{2})$/.exec(month) ?? [];
  const name = monthName(mon);
  return name ? `${name} ${year}` : month;
}

/** SVG coordinates: at most 2 decimals, no "-0", so the markup stays small and stable. */
export function num(x: number): string {
  const r = Math.round(x * 100) / 100;
  return String(Object.is(r, -0) ? 0 : r);
}
