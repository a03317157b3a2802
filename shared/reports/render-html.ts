/**
 * report.html: the period report for officials, in Indonesian (docs/reports.md).
 *
 * - Self-contained: one file, inline CSS (shared/reports/html/style.ts), inline SVG charts drawn
 *   by hand (html/charts.ts); no scripts, no external fonts or images, so it opens offline and
 *   can be mailed or archived unchanged.
 * - Printable on A4 in black and white (@page size A4, page-break rules, greys and patterns).
 * - Deterministic: the output depends only on the arguments. No clock, no random ids, no
 *   locale-dependent formatting (html/format.ts); the only times shown are the summary's asOf
 *   and generatedAt (in the province's time zone, a fixed offset). Same summary, rows and
 *   time zone -> byte-identical file.
 * - Reads on a phone: at 360 px nothing scrolls sideways but the tables and charts themselves
 *   (each in its own keyboard-reachable scroller), and chart text stays at 11 px or more.
 * - Safe: every text that comes from data is HTML-escaped (html/format.ts `escapeHtml`).
 * - De-identified: rows carry pseudonyms only; they appear only in the tooltip titles of the
 *   per-client lines in the slope charts. Rows are read field by field, never dumped.
 */

import { caveats, type Finding, headlineFindings, interimNotice, licenceText } from './html/findings';
import { escapeHtml, fmtDate, fmtDateTimeIn, fmtInt } from './html/format';
import { KIND_TITLE } from './html/labels';
import { methodSection } from './html/method';
import {
  enrollmentSection,
  officeSection,
  outcomesSection,
  protocolSection,
  uricaSection,
  urineSection,
  whoqolSection,
} from './html/sections';
import { REPORT_CSS } from './html/style';
import type { EnrollmentRow, ReportSummary } from './types';

export { escapeHtml } from './html/format';

const INSTRUMENT_LABEL: ReadonlyMap<string, string> = new Map([
  ['whoqol_bref', 'WHOQOL-BREF'],
  ['whoqol-bref', 'WHOQOL-BREF'],
  ['urica', 'URICA'],
]);

function instrumentLabel(code: string): string {
  return INSTRUMENT_LABEL.get(code) ?? code;
}

function findingHtml(f: Finding): string {
  const body = f.parts
    .map((part) =>
      typeof part === 'string'
        ? escapeHtml(part)
        : `<strong class="verdict" data-verdict="${part.status}">${escapeHtml(part.verdict)}</strong>`,
    )
    .join('');
  return `<li data-finding="${escapeHtml(f.key)}">${body}</li>`;
}

/** How the file is rendered, beyond its data. */
export interface RenderOptions {
  /**
   * The province's IANA time zone: an on-demand report's creation time is shown in it ("pukul
   * 10.12 WIB"), not in UTC. Default Asia/Jakarta (WIB).
   */
  timeZone?: string;
}

function header(s: ReportSummary, timeZone: string): string {
  const kind = KIND_TITLE[s.kind];
  const made: Array<[string, string]> =
    s.generatedAt === s.asOf ? [] : [['Dibuat', fmtDateTimeIn(s.generatedAt, timeZone)]];
  const meta: Array<[string, string]> = [
    ['Jenis laporan', kind],
    ['Periode program', `${fmtDate(s.period.startDate)} - ${fmtDate(s.period.endDate)}`],
    ['Data per tanggal', fmtDate(s.asOf)],
    // A scheduled or closing report is dated by its data (generatedAt = asOf, so a rerun gives
    // the same bytes); saying it was "made" on that day would be wrong (the job runs after it,
    // an imported period's report is made when it is closed). Only a report with a real
    // creation time (on demand) says when it was made.
    ...made,
    ['Kapasitas', `${fmtInt(s.period.capacity)} klien`],
    ['Kantor (Bapas)', s.period.offices.length === 0 ? '–' : s.period.offices.join(', ')],
    [
      'Instrumen',
      s.period.instruments.length === 0 ? '–' : s.period.instruments.map(instrumentLabel).join(', '),
    ],
    ['ID periode', s.period.id],
    ['Izin WHOQOL-BREF', s.licence.whoqolPermissionRef ?? 'belum dicatat'],
  ];
  return (
    `<header><p class="kicker">Program pascarehabilitasi klien narkotika · Bapas dan BNNP</p>` +
    `<h1>${escapeHtml(kind)}</h1>` +
    (s.interim ? `<p class="interim" data-interim>${escapeHtml(interimNotice(s))}</p>` : '') +
    `<p class="period-name" data-period-name>${escapeHtml(s.period.name)}</p>` +
    `<dl class="meta">${meta.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>` +
    `<p class="notice">Dokumen ini tidak memuat identitas klien. Klien hanya ditampilkan dengan pseudonim yang berlaku di dalam laporan ini.</p>` +
    `<p class="notice" data-licence>${escapeHtml(licenceText(s))}</p>` +
    `</header>`
  );
}

export function renderReportHtml(
  summary: ReportSummary,
  rows: readonly EnrollmentRow[],
  options: RenderOptions = {},
): string {
  const timeZone = options.timeZone ?? 'Asia/Jakarta';
  const kind = KIND_TITLE[summary.kind];
  const findings =
    `<section id="temuan"><h2>1. Temuan utama</h2>` +
    (summary.interim ? `<p class="interim">${escapeHtml(interimNotice(summary))}</p>` : '') +
    `<ul class="findings">${headlineFindings(summary).map(findingHtml).join('')}</ul>` +
    `<h3>Yang perlu diingat saat membaca angka ini</h3>` +
    `<ul class="findings caveats">${caveats(summary).map(findingHtml).join('')}</ul></section>`;
  return (
    `<!DOCTYPE html>\n` +
    `<html lang="id">\n<head>\n<meta charset="utf-8">\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
    `<title>${escapeHtml(`${kind}: ${summary.period.name} (per ${fmtDate(summary.asOf)})`)}</title>\n` +
    `<style>${REPORT_CSS}</style>\n</head>\n<body>\n<main>\n` +
    [
      header(summary, timeZone),
      findings,
      enrollmentSection(summary),
      whoqolSection(summary, rows),
      uricaSection(summary, rows),
      urineSection(summary),
      protocolSection(summary),
      outcomesSection(summary),
      officeSection(summary),
      methodSection(summary),
    ].join('\n') +
    `\n<footer>${escapeHtml(
      `${kind} · ${summary.period.name} · data per ${fmtDate(summary.asOf)} · dibuat ${fmtDateTimeIn(summary.generatedAt, timeZone)} oleh Pascarehab. ` +
        'Tanpa identitas klien.',
    )}</footer>\n</main>\n</body>\n</html>\n`
  );
}
