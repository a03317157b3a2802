import { parse as parseCsv } from 'csv-parse/sync';
import { type HTMLElement, parse as parseHtml } from 'node-html-parser';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fmtDate, fmtNumber, fmtP, fmtPercent, fmtSigned } from '../../shared/reports/html/format';
import { renderEnrollmentsCsv } from '../../shared/reports/render-csv';
import { escapeHtml, renderReportHtml } from '../../shared/reports/render-html';
import { pairedBlockOf, sensitivityOf } from '../../shared/reports/summary';
import {
  type DomainBlock,
  type EnrollmentRow,
  type PairedBlock,
  type ReportSummary,
  URICA_STAGES,
  WHOQOL_DOMAINS,
} from '../../shared/reports/types';
import { fixtureRows, fixtureSummary, summaryFromRows } from './fixtures/report-fixture';

// Written out here (not imported from render-csv.ts) so that a change of the file's columns
// fails this test and is a deliberate, documented change.
const CSV_HEADER = [
  'pseudonym',
  'office',
  'status',
  'enrolled_on',
  'status_date',
  'opening_complete',
  'home_visits',
  'urine_tests',
  'group_meetings',
  'counseling',
  'urine_positive',
  'whoqol_physical_pre',
  'whoqol_physical_post',
  'whoqol_psychological_pre',
  'whoqol_psychological_post',
  'whoqol_social_pre',
  'whoqol_social_post',
  'whoqol_environment_pre',
  'whoqol_environment_post',
  'urica_readiness_pre',
  'urica_readiness_post',
  'urica_stage_pre',
  'urica_stage_post',
  'whoqol_pre_day',
  'whoqol_post_day',
  'urica_pre_day',
  'urica_post_day',
  'relapses',
  'recidivism_events',
];

const CHARTS = [
  'funnel',
  'whoqol-physical',
  'whoqol-psychological',
  'whoqol-social',
  'whoqol-environment',
  'urica-readiness',
  'urica-transitions',
  'urine-by-month',
];

type CsvRecord = Record<string, string>;

function readCsv(csv: string): { header: string[]; records: CsvRecord[] } {
  const all = parseCsv(csv, { bom: true }) as string[][];
  const [header = [], ...data] = all;
  const records = data.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] as string])));
  return { header, records };
}

function row(pseudonym: string, rows: EnrollmentRow[] = fixtureRows()): EnrollmentRow {
  const r = rows.find((x) => x.pseudonym === pseudonym);
  if (!r) throw new Error(`no row ${pseudonym}`);
  return r;
}

/** A row carrying identity fields that are not in the contract (as a careless caller might). */
function rowWithIdentity(): EnrollmentRow {
  return {
    ...row('K001'),
    name: 'Budi Santoso',
    nik: '3374012345678901',
    registrationNumber: 'REG-SMG-2024-0042',
    address: 'Jl. Pemuda No. 17, Semarang',
    phone: '081234567890',
  } as EnrollmentRow;
}

function render(summary = fixtureSummary(), rows = fixtureRows()): { html: string; doc: HTMLElement } {
  const html = renderReportHtml(summary, rows);
  return { html, doc: parseHtml(html) };
}

function finding(doc: HTMLElement, key: string): string {
  const li = doc.querySelector(`li[data-finding="${key}"]`);
  if (!li) throw new Error(`no finding ${key}`);
  return li.text;
}

/** What a broken number would print. */
const BROKEN_VALUE = /NaN|undefined|null|Infinity|\[object/;

function emptyBlock(): PairedBlock {
  return pairedBlockOf([]);
}

function emptyDomain(): DomainBlock {
  return { ...pairedBlockOf([]), pHolm: { tTest: null, wilcoxon: null }, sensitivity: sensitivityOf([]) };
}

/** A block over the given pairs (every enrollment has both scores). */
function blockOf(pairs: Array<{ pre: number; post: number }>): PairedBlock {
  return pairedBlockOf(pairs);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('enrollments.csv', () => {
  it('starts with a UTF-8 byte order mark and ends every line with CRLF', () => {
    const csv = renderEnrollmentsCsv(fixtureRows());
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    // No bare LF or CR anywhere: every line break is a CRLF.
    expect(csv.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
  });

  it('has the documented header and one row per enrollment in the given order', () => {
    const rows = fixtureRows();
    const { header, records } = readCsv(renderEnrollmentsCsv(rows));
    expect(header).toEqual(CSV_HEADER);
    expect(records.map((r) => r.pseudonym)).toEqual(rows.map((r) => r.pseudonym));
    expect(records).toHaveLength(16);

    const reversed = readCsv(renderEnrollmentsCsv([...rows].reverse())).records;
    expect(reversed.map((r) => r.pseudonym)).toEqual(rows.map((r) => r.pseudonym).reverse());
  });

  it('maps each field to its column (K007, the dropout)', () => {
    const { records } = readCsv(renderEnrollmentsCsv(fixtureRows()));
    expect(records[6]).toEqual({
      pseudonym: 'K007',
      office: 'bapas-semarang',
      status: 'dropped_out',
      enrolled_on: '2024-05-07',
      status_date: '2024-07-15',
      opening_complete: '1',
      home_visits: '3',
      urine_tests: '3',
      group_meetings: '6',
      counseling: '2',
      urine_positive: '2',
      whoqol_physical_pre: '42.857143',
      whoqol_physical_post: '',
      whoqol_psychological_pre: '33.333333',
      whoqol_psychological_post: '',
      whoqol_social_pre: '41.666667',
      whoqol_social_post: '',
      whoqol_environment_pre: '40.625',
      whoqol_environment_post: '',
      urica_readiness_pre: '6.428571',
      urica_readiness_post: '',
      urica_stage_pre: 'precontemplation',
      urica_stage_post: '',
      whoqol_pre_day: '1',
      whoqol_post_day: '',
      urica_pre_day: '1',
      urica_post_day: '',
      relapses: '1',
      recidivism_events: '1',
    });
  });

  it('writes null as an empty cell, never as "null"', () => {
    const csv = renderEnrollmentsCsv(fixtureRows());
    const { records } = readCsv(csv);
    const byPseudonym = new Map(records.map((r) => [r.pseudonym, r]));
    expect(byPseudonym.get('K016')?.status_date).toBe(''); // still active
    expect(byPseudonym.get('K005')?.whoqol_social_post).toBe(''); // domain below the item minimum
    expect(byPseudonym.get('K009')?.whoqol_environment_pre).toBe('');
    expect(byPseudonym.get('K012')?.urica_readiness_pre).toBe('');
    expect(byPseudonym.get('K012')?.urica_stage_pre).toBe('');
    expect(csv).not.toMatch(/null|undefined|NaN/);
  });

  it('writes booleans as 1 and 0', () => {
    const { records } = readCsv(renderEnrollmentsCsv(fixtureRows()));
    expect(records.find((r) => r.pseudonym === 'K012')?.opening_complete).toBe('0');
    expect(records.find((r) => r.pseudonym === 'K001')?.opening_complete).toBe('1');
  });

  it('writes every number as a plain decimal that reads back as the same value', () => {
    const rows = fixtureRows();
    const { records } = readCsv(renderEnrollmentsCsv(rows));
    records.forEach((rec, i) => {
      const r = rows[i] as EnrollmentRow;
      for (const d of WHOQOL_DOMAINS) {
        for (const phase of ['pre', 'post'] as const) {
          const v = r.whoqol[d][phase];
          const cell = rec[`whoqol_${d}_${phase}`] as string;
          if (v === null) expect(cell).toBe('');
          else expect(Number(cell)).toBe(v);
        }
      }
      expect(rec.urica_readiness_pre === '' ? null : Number(rec.urica_readiness_pre)).toBe(
        r.uricaReadiness.pre,
      );
      expect(Number(rec.group_meetings)).toBe(r.counts.group_meeting);
    });
    // A negative readiness stays a negative number (K006), without a formula-guard quote.
    expect(records.find((r) => r.pseudonym === 'K006')?.urica_readiness_pre).toBe('-0.571429');
  });

  it('never uses exponent notation or locale separators', () => {
    const r = row('K001');
    r.whoqol.physical.pre = 1e-7;
    r.whoqol.physical.post = 2.5e21;
    r.uricaReadiness.pre = -1.5e-9;
    r.counts.group_meeting = 12345;
    const rec = readCsv(renderEnrollmentsCsv([r])).records[0] as CsvRecord;
    expect(rec.whoqol_physical_pre).toBe('0.0000001');
    expect(rec.whoqol_physical_post).toBe('2500000000000000000000');
    expect(rec.urica_readiness_pre).toBe('-0.0000000015');
    expect(rec.group_meetings).toBe('12345');
    expect(Number(rec.urica_readiness_pre)).toBe(-1.5e-9);
  });

  it('refuses a non-finite number instead of writing NaN', () => {
    const r = row('K001');
    r.whoqol.social.pre = Number.NaN;
    expect(() => renderEnrollmentsCsv([r])).toThrow(RangeError);
  });

  it('neutralises formula injection in text cells but keeps negative numbers as numbers', () => {
    const r = row('K006');
    r.pseudonym = '=HYPERLINK("http://evil.example","klik")';
    r.office = '+62 812';
    r.status = '-2+3';
    r.enrolledOn = '@SUM(A1:A9)';
    r.statusDate = '\t=1+1';
    r.uricaStage = { pre: '\r=cmd' as 'contemplation', post: '\uFF1D1+1' as 'contemplation' };
    r.uricaReadiness = { pre: -2.5, post: -0.571429 };
    const { records } = readCsv(renderEnrollmentsCsv([r]));
    const rec = records[0] as CsvRecord;
    expect(records).toHaveLength(1);
    expect(rec.pseudonym).toBe(`'=HYPERLINK("http://evil.example","klik")`);
    expect(rec.office).toBe(`'+62 812`);
    expect(rec.status).toBe(`'-2+3`);
    expect(rec.enrolled_on).toBe(`'@SUM(A1:A9)`);
    expect(rec.status_date).toBe(`'\t=1+1`);
    expect(rec.urica_stage_pre).toBe(`'\r=cmd`);
    expect(rec.urica_stage_post).toBe(`'\uFF1D1+1`);
    expect(rec.urica_readiness_pre).toBe('-2.5');
    expect(rec.urica_readiness_post).toBe('-0.571429');
  });

  it('quotes commas, quotes and line breaks so that a text cell never splits a row', () => {
    const r = row('K001');
    r.office = 'Bapas "Kelas I",\nSemarang\rJawa Tengah';
    const { records } = readCsv(renderEnrollmentsCsv([r, row('K002')]));
    expect(records).toHaveLength(2);
    expect(records[0]?.office).toBe('Bapas "Kelas I",\nSemarang\rJawa Tengah');
    expect(records[1]?.pseudonym).toBe('K002');
  });

  it('writes only the contract columns: identity fields on a row never reach the file', () => {
    const csv = renderEnrollmentsCsv([rowWithIdentity()]);
    for (const leaked of ['Budi', '3374012345678901', 'REG-SMG', 'Pemuda', '081234567890']) {
      expect(csv).not.toContain(leaked);
    }
    expect(readCsv(csv).header).toEqual(CSV_HEADER);
  });

  it('writes the header row alone for a period without enrollments', () => {
    const csv = renderEnrollmentsCsv([]);
    expect(csv).toBe(`\uFEFF${CSV_HEADER.join(',')}\r\n`);
  });
});

describe('report.html helpers', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<script>alert(1)</script>"&'`)).toBe(
      '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;&#39;',
    );
    expect(escapeHtml('Bapas Semarang')).toBe('Bapas Semarang');
  });

  it('formats numbers, percentages, p-values and dates the Indonesian way', () => {
    expect(fmtNumber(8.333333, 1)).toBe('8,3');
    expect(fmtNumber(10000, 0)).toBe('10.000');
    expect(fmtNumber(-1234.567, 2)).toBe('-1.234,57');
    expect(fmtNumber(-0.04, 1)).toBe('0,0');
    expect(fmtNumber(null)).toBe('–');
    expect(fmtNumber(Number.NaN)).toBe('–');
    expect(fmtSigned(2.56, 1)).toBe('+2,6');
    expect(fmtSigned(-0.78125, 1)).toBe('-0,8');
    expect(fmtPercent(0.625)).toBe('62,5%');
    expect(fmtPercent(null)).toBe('–');
    expect(fmtP(0.004)).toBe('0,004');
    expect(fmtP(0.0004)).toBe('< 0,001');
    expect(fmtP(1)).toBe('1,000');
    expect(fmtDate('2024-05-01')).toBe('1 Mei 2024');
    expect(fmtDate('2024-11-01T03:12:45.120Z')).toBe('1 November 2024 pukul 03.12 UTC');
    expect(fmtDate('2024-11-01T10:12:45+07:00')).toBe('1 November 2024 pukul 10.12 UTC+07:00');
  });
});

describe('report.html', () => {
  it('is a self-contained HTML5 document in Indonesian, printable on A4', () => {
    const { html, doc } = render();
    expect(html.startsWith('<!DOCTYPE html>\n')).toBe(true);
    expect(doc.querySelector('html')?.getAttribute('lang')).toBe('id');
    expect(doc.querySelector('meta[charset]')?.getAttribute('charset')).toBe('utf-8');
    expect(doc.querySelectorAll('style')).toHaveLength(1);
    const css = doc.querySelector('style')?.text ?? '';
    expect(css).toMatch(/@page\s*\{\s*size:\s*A4/);
    expect(css).toContain('break-inside: avoid');
    // Nothing fetched from outside: no scripts, links, images, frames, CSS urls or imports.
    for (const tag of ['script', 'link', 'img', 'iframe', 'object', 'embed']) {
      expect(doc.querySelectorAll(tag)).toHaveLength(0);
    }
    expect(css).not.toMatch(/url\(|@import/);
    const urls = html.match(/https?:\/\/[^\s"'<)]+/g) ?? [];
    expect(new Set(urls)).toEqual(new Set(['http://www.w3.org/2000/svg']));
  });

  it('titles the document with the kind of report, period name and as-of date', () => {
    for (const [kind, title] of [
      ['final', 'Laporan Akhir Periode'],
      ['monthly', 'Laporan Bulanan'],
      ['on_demand', 'Laporan Sewaktu'],
    ] as const) {
      const summary = { ...fixtureSummary(), kind };
      const { doc } = render(summary);
      expect(doc.querySelector('h1')?.text).toBe(title);
      expect(doc.querySelector('title')?.text).toBe(
        `${title}: Pascarehabilitasi Klien Narkotika Bapas Semarang 2024 (per 1 November 2024)`,
      );
    }
  });

  it('says when it was made only when it has a real creation time (on demand), never the data date', () => {
    const meta = (summary: ReportSummary) =>
      render(summary)
        .doc.querySelectorAll('header dt')
        .map((dt) => dt.text);
    // Scheduled, or made when a past period was closed: dated by its data, no "Dibuat".
    const scheduled = fixtureSummary();
    expect(scheduled.generatedAt).toBe(scheduled.asOf);
    expect(meta(scheduled)).toContain('Data per tanggal');
    expect(meta(scheduled)).not.toContain('Dibuat');
    const onDemand = {
      ...fixtureSummary(),
      kind: 'on_demand' as const,
      generatedAt: '2024-11-01T03:12:00.000Z',
    };
    expect(meta(onDemand)).toContain('Dibuat');
    expect(render(onDemand).doc.querySelector('header')?.text).toContain('pukul 10.12 WIB');
  });

  it('contains every chart once, each an SVG whose first child is a non-empty <title>', () => {
    const { doc } = render();
    for (const chart of CHARTS) {
      const found = doc.querySelectorAll(`svg[data-chart="${chart}"]`);
      expect(found, chart).toHaveLength(1);
    }
    const svgs = doc.querySelectorAll('svg');
    expect(svgs.map((s) => s.getAttribute('data-chart')).sort()).toEqual([...CHARTS].sort());
    for (const svg of svgs) {
      const first = svg.childNodes.find((n) => n.nodeType === 1) as HTMLElement | undefined;
      expect(first?.tagName, svg.getAttribute('data-chart')).toBe('TITLE');
      expect(first?.text.trim().length).toBeGreaterThan(10);
      expect(svg.getAttribute('role')).toBe('img');
    }
  });

  it('draws one line per client with both a pre and a post score in each slope chart', () => {
    const rows = fixtureRows();
    const { doc } = render(fixtureSummary(rows), rows);
    for (const d of WHOQOL_DOMAINS) {
      const expected = rows.filter((r) => r.whoqol[d].pre !== null && r.whoqol[d].post !== null).length;
      expect(doc.querySelectorAll(`svg[data-chart="whoqol-${d}"] g.clients line`), d).toHaveLength(expected);
    }
    expect(doc.querySelectorAll('svg[data-chart="whoqol-physical"] g.clients line')).toHaveLength(14);
    expect(doc.querySelectorAll('svg[data-chart="whoqol-social"] g.clients line')).toHaveLength(13);
    expect(doc.querySelectorAll('svg[data-chart="urica-readiness"] g.clients line')).toHaveLength(9);
    // K004's physical score went down: its line is the dashed kind.
    const k004 = doc
      .querySelectorAll('svg[data-chart="whoqol-physical"] g.clients line')
      .find((l) => l.text.startsWith('K004'));
    expect(k004?.getAttribute('class')).toBe('client down');
  });

  it('shows pseudonyms only in the titles of the per-client lines of the slope charts', () => {
    const { doc } = render();
    const lineTitles = doc.querySelectorAll('svg[data-chart] g.clients line > title');
    expect(lineTitles.length).toBeGreaterThan(0);
    expect(lineTitles.some((t) => t.text.startsWith('K001: '))).toBe(true);
    for (const t of lineTitles) t.remove();
    expect(doc.toString()).not.toMatch(/\bK\d{3}\b/);
  });

  it('never shows identity fields that a row should not carry', () => {
    const rows = [rowWithIdentity(), ...fixtureRows().slice(1)];
    const { html } = render(fixtureSummary(rows), rows);
    for (const leaked of ['Budi', '3374012345678901', 'REG-SMG', 'Pemuda', '081234567890']) {
      expect(html).not.toContain(leaked);
    }
  });

  it('escapes a hostile period name, office code and substance: no element is injected', () => {
    const hostileName = `<script>alert(1)</script> "&'`;
    const hostileOffice = '<img src=x onerror=alert(1)>';
    const summary = fixtureSummary();
    summary.period.name = hostileName;
    summary.period.offices = [hostileOffice];
    summary.byOffice[0] = {
      ...(summary.byOffice[0] as ReportSummary['byOffice'][number]),
      office: hostileOffice,
    };
    summary.urineTests.positivesBySubstance = { '<b onmouseover=alert(1)>x</b>': 2 };
    summary.protocol.opening = ['<i>x</i>' as 'home_visit'];
    const { html, doc } = render(summary);
    expect(doc.querySelectorAll('script')).toHaveLength(0);
    expect(doc.querySelectorAll('img')).toHaveLength(0);
    expect(doc.querySelectorAll('b')).toHaveLength(0);
    expect(doc.querySelectorAll('i')).toHaveLength(0);
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &quot;&amp;&#39;');
    // The escaped text reads back as the original name.
    expect(doc.querySelector('[data-period-name]')?.text).toBe(hostileName);
    expect(doc.querySelector('title')?.text).toContain(hostileName);
    expect(doc.querySelector('table[data-table="office-status"] tbody th')?.text).toBe(hostileOffice);
  });

  it('is byte-identical on two renders, whatever the clock says', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2031-02-03T04:05:06Z'));
    const first = renderReportHtml(fixtureSummary(), fixtureRows());
    vi.setSystemTime(new Date('2024-11-01T00:00:00Z'));
    const second = renderReportHtml(fixtureSummary(), fixtureRows());
    expect(second).toBe(first);
    expect(first).not.toContain('2031');
  });

  it('writes numbers the Indonesian way and never prints a broken value', () => {
    const summary = fixtureSummary();
    const { doc } = render(summary);
    const psych = summary.whoqol.domains.psychological;
    expect(finding(doc, 'whoqol-psychological')).toContain(
      `skor rata-rata naik sekitar ${(psych.meanDiff as number).toFixed(0)} poin`,
    );
    expect(finding(doc, 'enrollment')).toContain('Tingkat penyelesaian 86,7%');
    expect(finding(doc, 'urine')).toContain('Pada 93,8% klien yang dites');
    expect(doc.text).not.toMatch(BROKEN_VALUE);
  });

  it('calls the evidence for each WHOQOL domain as its Holm-adjusted p values say', () => {
    const summary = fixtureSummary();
    const { doc } = render(summary);
    const expectations = WHOQOL_DOMAINS.map((d) => {
      const b = summary.whoqol.domains[d];
      const both = (b.pHolm?.tTest ?? 1) < 0.05 && (b.pHolm?.wilcoxon ?? 1) < 0.05;
      return { d, strong: both };
    });
    // The fixture has both kinds, so this test can tell them apart.
    expect(new Set(expectations.map((e) => e.strong))).toEqual(new Set([true, false]));
    for (const { d, strong } of expectations) {
      const text = finding(doc, `whoqol-${d}`);
      expect(text.includes('Buktinya kuat'), d).toBe(strong);
      // A final report names the significant ones.
      expect(text.includes('signifikan secara statistik'), d).toBe(true);
      expect(text.includes('tidak signifikan'), d).toBe(!strong);
      const verdict = doc.querySelector(`li[data-finding="whoqol-${d}"] .verdict`);
      expect(verdict?.getAttribute('data-verdict')).not.toBe('not_computed');
    }
    expect(finding(doc, 'whoqol-psychological')).toContain('uji t: p Holm < 0,001');
  });

  it('judges a domain on its Holm-adjusted p, not its raw p', () => {
    const summary = fixtureSummary();
    const env = summary.whoqol.domains.environment;
    expect(env.tTest?.p).toBeLessThan(0.05);
    expect(env.pHolm?.tTest).toBeGreaterThanOrEqual(0.05);
    const text = finding(render(summary).doc, 'whoqol-environment');
    expect(text).not.toContain('Buktinya kuat');
    expect(text).toContain(`uji t: p Holm = ${fmtP(env.pHolm?.tTest)}`);
    expect(text).toContain('koreksi Holm karena empat domain diuji bersama');
  });

  it('decides URICA readiness on its own p and explains its small sample', () => {
    const summary = fixtureSummary();
    expect(summary.urica.readiness.warnings).toContain('small_sample');
    const text = finding(render(summary).doc, 'urica-readiness');
    expect(text).toContain('uji t: p = 0,012');
    expect(text).not.toContain('Holm');
    expect(text).toContain('Jumlah klien kurang dari 10');
  });

  it('explains in words why a test could not be computed', () => {
    const summary = fixtureSummary();
    // One pair: no test.
    summary.urica.readiness = blockOf([{ pre: 7, post: 9 }]);
    // No change at all: no test.
    summary.whoqol.domains.social = {
      ...blockOf([
        { pre: 50, post: 50 },
        { pre: 41.666667, post: 41.666667 },
        { pre: 58.333333, post: 58.333333 },
      ]),
      pHolm: { tTest: null, wilcoxon: null },
      sensitivity: sensitivityOf([]),
    };
    // Everyone +12.5: no t-test, the Wilcoxon test alone.
    const equalDiffs = blockOf(
      [10, 20, 30, 40, 50, 60, 70, 80, 90, 95].map((x) => ({ pre: x - 12.5, post: x })),
    );
    summary.whoqol.domains.environment = {
      ...equalDiffs,
      pHolm: { tTest: null, wilcoxon: 0.02 },
      sensitivity: sensitivityOf([]),
    };
    const { doc } = render(summary);

    const readiness = finding(doc, 'urica-readiness');
    expect(readiness).toContain('Uji statistik tidak dapat dihitung karena kurang dari 2 klien');
    expect(readiness).not.toContain('signifikan');

    expect(finding(doc, 'whoqol-social')).toContain(
      '0 naik, 3 tetap, 0 turun; skor rata-rata hampir tidak berubah',
    );
    expect(finding(doc, 'whoqol-social')).toContain('karena skor tidak berubah pada satu pun klien');

    const env = finding(doc, 'whoqol-environment');
    expect(equalDiffs.warnings).toContain('zero_variance');
    expect(env).toContain('Buktinya lemah: hanya satu uji dapat dihitung (uji Wilcoxon: p Holm = 0,020)');
  });

  it('renders when every statistic is null (no client has both a pre and a post score)', () => {
    const summary = fixtureSummary();
    for (const d of WHOQOL_DOMAINS) summary.whoqol.domains[d] = emptyDomain();
    summary.urica.readiness = emptyBlock();
    for (const from of URICA_STAGES)
      for (const to of URICA_STAGES) summary.urica.stages.transitions[from][to] = 0;
    const rows = fixtureRows().map((r) => ({
      ...r,
      whoqol: Object.fromEntries(
        WHOQOL_DOMAINS.map((d) => [d, { pre: r.whoqol[d].pre, post: null }]),
      ) as EnrollmentRow['whoqol'],
      uricaReadiness: { pre: r.uricaReadiness.pre, post: null },
    }));
    const { doc } = render(summary, rows);
    for (const chart of CHARTS) expect(doc.querySelector(`svg[data-chart="${chart}"]`), chart).not.toBeNull();
    expect(finding(doc, 'whoqol-physical')).toContain(
      'belum dapat dinilai: belum ada klien dengan data pra dan pasca',
    );
    expect(doc.querySelectorAll('g.clients line')).toHaveLength(0);
    expect(doc.querySelector('svg[data-chart="whoqol-social"]')?.text).toContain(
      'Belum ada data pra dan pasca',
    );
    expect(doc.text).not.toMatch(BROKEN_VALUE);
  });

  it('renders a period without enrollments', () => {
    const summary = summaryFromRows([], { kind: 'monthly', asOf: '2025-02-01' });
    const { doc } = render(summary, []);
    for (const chart of CHARTS) expect(doc.querySelector(`svg[data-chart="${chart}"]`), chart).not.toBeNull();
    expect(finding(doc, 'enrollment')).toBe(
      'Belum ada klien terdaftar per 1 Februari 2025 (kapasitas 16 klien).',
    );
    expect(finding(doc, 'urine')).toBe('Belum ada tes urine per 1 Februari 2025.');
    expect(doc.querySelector('svg[data-chart="urine-by-month"]')?.text).toContain('Belum ada tes urine');
    expect(doc.text).not.toMatch(BROKEN_VALUE);
  });

  it('shows the URICA transition matrix as in the summary, pre stages as rows', () => {
    const summary = fixtureSummary();
    const { doc } = render(summary);
    const bodyRows = doc.querySelectorAll('table[data-table="urica-transitions"] tbody tr');
    expect(bodyRows).toHaveLength(URICA_STAGES.length + 1);
    URICA_STAGES.forEach((from, i) => {
      const cells = (bodyRows[i] as HTMLElement).querySelectorAll('td').map((c) => Number(c.text));
      const expected = URICA_STAGES.map((to) => summary.urica.stages.transitions[from][to]);
      expect(cells, from).toEqual([...expected, expected.reduce((a, b) => a + b, 0)]);
    });
    // The fixture: contemplation -> precontemplation (K004) is the one move down.
    expect(summary.urica.stages.transitions.contemplation.precontemplation).toBe(1);
    expect(doc.querySelector('svg[data-chart="urica-transitions"] desc')?.text).toBe(
      '9 klien dengan tahap pra dan pasca: 4 naik tahap, 4 tetap, 1 turun tahap.',
    );
  });

  it('draws a pair of bars per month in the urine chart and lists each month', () => {
    const summary = fixtureSummary();
    const { doc } = render(summary);
    const bars = doc
      .querySelectorAll('svg[data-chart="urine-by-month"] rect')
      .filter((r) => r.querySelector('title'));
    expect(bars).toHaveLength(summary.urineTests.byMonth.length * 2);
    const months = doc.querySelectorAll('table[data-table="urine-by-month"] tbody th').map((th) => th.text);
    // May 2024, the month of intake, is marked.
    expect(months).toEqual([
      'Mei 2024 *',
      'Juni 2024',
      'Juli 2024',
      'Agustus 2024',
      'September 2024',
      'Oktober 2024',
    ]);
  });

  it('lists every office with its headline figures, a missing value as "–"', () => {
    const summary = fixtureSummary();
    const { doc } = render(summary);
    const rows = doc.querySelectorAll('table[data-table="office-outcomes"] tbody tr');
    expect(rows.map((r) => r.querySelector('th')?.text)).toEqual(['bapas-semarang', 'bapas-pati']);
    // bapas-pati has no URICA post assessment: its readiness change is null.
    expect(summary.byOffice[1]?.uricaReadinessMeanDiff).toBeNull();
    const pati = (rows[1] as HTMLElement).querySelectorAll('td').map((c) => c.text);
    expect(pati[6]).toBe('–');
    // Pairs per domain (physical/psychological/social/environment) and URICA pairs.
    expect(pati[0]).toBe('4/4/4/4');
    expect(pati[1]).toBe('0');
  });

  it('explains the method: tests, Holm, effect sizes, pairs, instruments and privacy', () => {
    const text = render().doc.querySelector('section#metode')?.text ?? '';
    for (const phrase of [
      'Uji t berpasangan',
      'Uji Wilcoxon peringkat bertanda',
      'koreksi kontinuitas',
      'Koreksi Holm',
      'd_z',
      'r rank-biserial',
      'Kurang dari 10 pasangan',
      'penilaian pra yang pertama (skor awal) dipasangkan dengan penilaian pasca yang terakhir',
      'dianggap sama (kembar)',
      'bulan-orang',
      'WHOQOL-BREF (WHO, 1996',
      'URICA',
      'tidak memuat identitas klien',
    ]) {
      expect(text, phrase).toContain(phrase);
    }
  });
});

describe('slope charts of a large period', () => {
  it('draw a systematic sample of client lines but say how many clients there are', async () => {
    const { slopeChart, MAX_CLIENT_LINES } = await import('../../shared/reports/html/charts');
    const points = Array.from({ length: 2500 }, (_, i) => ({
      label: `K${i}`,
      pre: 40 + (i % 20),
      post: 50 + (i % 25),
    }));
    const svgText = slopeChart({
      chart: 'whoqol-physical',
      title: 'Fisik',
      min: 0,
      max: 100,
      ticks: [0, 50, 100],
      points,
      meanPre: 50,
      meanPost: 60,
      decimals: 1,
      unit: 'skala 0-100',
    });
    const lines = (svgText.match(/<line [^>]*class="client/g) ?? []).length;
    expect(lines).toBeLessThanOrEqual(MAX_CLIENT_LINES);
    expect(lines).toBeGreaterThan(MAX_CLIENT_LINES / 2);
    expect(svgText).toContain('n = 2.500 klien');
  });
});
