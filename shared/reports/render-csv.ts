/**
 * enrollments.csv: one de-identified row per enrollment (docs/reports.md).
 *
 * Conventions (also in docs/reports.md):
 * - UTF-8 with a byte order mark, so that Excel detects the encoding (Indonesian office names
 *   and any non-ASCII text survive a double click); comma separated; CRLF line endings, the
 *   RFC 4180 and Excel convention; a final CRLF after the last row.
 * - Headers are English snake_case machine names, not Indonesian labels: the file is read by
 *   spreadsheets and scripts, and a stable header is its schema. The Indonesian meaning of each
 *   column is in report.html ("Metode") and docs/reports.md.
 * - One row per EnrollmentRow, in the given order (the caller sorts by pseudonym).
 * - Numbers: plain decimals with '.', never locale formatted and never in exponent notation;
 *   the shortest text that reads back to the same double (scores are stored to 6 decimals, so
 *   66.666667 stays 66.666667). A non-finite number is a bug upstream and throws.
 * - null: an empty cell. Booleans: 1 / 0 (Excel can sum them).
 * - Codes (status, URICA stage) stay machine codes (`dropped_out`, `preparation_action`).
 * - Formula injection (OWASP "CSV Injection"): a text cell starting with =, +, -, @, tab or CR
 *   (or their full-width forms, which some spreadsheet apps normalise) gets a leading single
 *   quote. Numbers are formatted by us and are never prefixed, so -2.5 stays a number.
 *
 * Columns are picked field by field (never by spreading the row), so a field added to
 * EnrollmentRow later cannot leak into the file unnoticed.
 */
import { stringify } from 'csv-stringify/sync';
import type { EnrollmentRow, WhoqolDomain } from './types';
import { WHOQOL_DOMAINS } from './types';

type Cell = string | number | boolean | null;

interface Column {
  header: string;
  value: (row: EnrollmentRow) => Cell;
}

const whoqolColumns: Column[] = WHOQOL_DOMAINS.flatMap((domain: WhoqolDomain) => [
  { header: `whoqol_${domain}_pre`, value: (r: EnrollmentRow) => r.whoqol[domain].pre },
  { header: `whoqol_${domain}_post`, value: (r: EnrollmentRow) => r.whoqol[domain].post },
]);

/** The columns of enrollments.csv, in order. */
export const ENROLLMENT_CSV_COLUMNS: readonly Column[] = [
  { header: 'pseudonym', value: (r) => r.pseudonym },
  { header: 'office', value: (r) => r.office },
  { header: 'status', value: (r) => r.status },
  { header: 'enrolled_on', value: (r) => r.enrolledOn },
  { header: 'status_date', value: (r) => r.statusDate },
  { header: 'opening_complete', value: (r) => r.openingComplete },
  { header: 'home_visits', value: (r) => r.counts.home_visit },
  // Urine test activities (counts.urine_test); urine_positive is the tests with a positive result.
  { header: 'urine_tests', value: (r) => r.counts.urine_test },
  { header: 'group_meetings', value: (r) => r.counts.group_meeting },
  { header: 'counseling', value: (r) => r.counts.counseling },
  { header: 'urine_positive', value: (r) => r.urinePositive },
  ...whoqolColumns,
  { header: 'urica_readiness_pre', value: (r) => r.uricaReadiness.pre },
  { header: 'urica_readiness_post', value: (r) => r.uricaReadiness.post },
  { header: 'urica_stage_pre', value: (r) => r.uricaStage.pre },
  { header: 'urica_stage_post', value: (r) => r.uricaStage.post },
  // Days from enrollment to the paired assessments: the interval can be checked without dates.
  { header: 'whoqol_pre_day', value: (r) => r.assessmentDays.whoqol.pre },
  { header: 'whoqol_post_day', value: (r) => r.assessmentDays.whoqol.post },
  { header: 'urica_pre_day', value: (r) => r.assessmentDays.urica.pre },
  { header: 'urica_post_day', value: (r) => r.assessmentDays.urica.post },
  { header: 'relapses', value: (r) => r.relapses },
  { header: 'recidivism_events', value: (r) => r.recidivismEvents },
];

export const ENROLLMENT_CSV_HEADERS: readonly string[] = ENROLLMENT_CSV_COLUMNS.map((c) => c.header);

/**
 * A number in plain decimals: String(x) unless JavaScript would use exponent notation
 * (|x| < 1e-6 or >= 1e21), in which case the same digits are written out in full.
 */
export function plainDecimal(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`enrollments.csv: non-finite number ${x}`);
  if (Object.is(x, -0)) return '0';
  const s = String(x);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (m === null) return s;
  const [, sign, lead, frac = '', expText] = m;
  const digits = `${lead}${frac}`;
  // The decimal point sits after `pointAt` digits of `digits`.
  const pointAt = 1 + Number(expText);
  if (pointAt <= 0) return `${sign}0.${'0'.repeat(-pointAt)}${digits}`;
  if (pointAt >= digits.length) return `${sign}${digits}${'0'.repeat(pointAt - digits.length)}`;
  return `${sign}${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
}

/** Characters that make a spreadsheet read a cell for a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** A text cell, with a leading ' when a spreadsheet would otherwise run it like a formula. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'boolean') return cell ? '1' : '0';
  if (typeof cell === 'number') return plainDecimal(cell);
  return neutraliseFormula(cell);
}

export function renderEnrollmentsCsv(rows: readonly EnrollmentRow[]): string {
  const records = rows.map((row) => ENROLLMENT_CSV_COLUMNS.map((column) => cellText(column.value(row))));
  // Every cell is already a string: csv-stringify only quotes and joins. Its own
  // escape_formulas is off because it would also prefix our pre-formatted negative numbers.
  return stringify([[...ENROLLMENT_CSV_HEADERS], ...records], {
    bom: true,
    record_delimiter: 'windows',
    eof: true,
    // Quote any cell holding \r or \n (csv-stringify turns this off when record_delimiter is
    // set), so that a line break inside a text cell never splits a row.
    quote_record_delimiter: true,
  });
}
