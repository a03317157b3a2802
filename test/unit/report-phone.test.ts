import { parse as parseHtml } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { fmtDateTimeIn } from '../../shared/reports/html/format';
import { REPORT_CSS } from '../../shared/reports/html/style';
import { renderReportHtml } from '../../shared/reports/render-html';
import { fixtureRows, fixtureSummary, summaryFromRows } from './fixtures/report-fixture';

/**
 * report.html on a phone and on paper (issue 12): the layout only, not what the report says.
 * The browser test measures the same file at 360 px (test/browser/field.test.ts).
 */
const BY_MONTH = fixtureSummary().urineTests.byMonth;

describe('report.html on a phone', () => {
  it('puts every table and every chart in its own keyboard-reachable, named scroller', () => {
    const doc = parseHtml(renderReportHtml(fixtureSummary(), fixtureRows()));
    const tables = doc.querySelectorAll('table');
    const charts = doc.querySelectorAll('svg.chart');
    expect(tables.length).toBeGreaterThan(10);
    expect(charts.length).toBeGreaterThan(3);
    for (const el of [...tables, ...charts]) {
      const box = el.parentNode;
      if (!box) throw new Error('a table or chart without a parent');
      expect(box.classList.contains('table-scroll') || box.classList.contains('chart-scroll')).toBe(true);
      expect(box.getAttribute('tabindex')).toBe('0');
      expect(box.getAttribute('role')).toBe('region');
      expect(box.getAttribute('aria-label')?.length).toBeGreaterThan(3);
    }
    // A chart's scroller is named by the chart's title.
    const funnel = doc.querySelector('svg[data-chart="funnel"]');
    expect(funnel?.parentNode?.getAttribute('aria-label')).toBe(funnel?.querySelector('title')?.text);
  });

  it('keeps charts at their drawn size on a phone, with no chart text under 11 px', () => {
    const phone = /@media screen and \(max-width: 600px\) \{(.*)\}\s*$/m.exec(REPORT_CSS)?.[1] ?? '';
    expect(phone).toContain('.chart-scroll { overflow-x: auto; }');
    expect(phone).toContain('svg.chart { width: auto; max-width: none; height: auto; }');
    expect(phone).toContain('svg.chart .tick { font-size: 11px; }');
    // Every other chart text class is 11 px or more everywhere.
    const sizes = [...REPORT_CSS.matchAll(/svg\.chart [^{]*\{[^}]*font-size: (\d+)px/g)].map((m) =>
      Number(m[1]),
    );
    expect(sizes.filter((n) => n < 11)).toEqual([10]); // the ticks, raised to 11 on a phone
  });

  it('forces no page break and lets long tables continue, so no printed page is left mostly blank', () => {
    expect(REPORT_CSS).not.toMatch(/break-before:\s*page/);
    expect(REPORT_CSS).not.toMatch(/(^|\n)table \{[^}]*break-inside: avoid/);
    // Rows, figures and headings still keep together with what follows them.
    expect(REPORT_CSS).toMatch(/tr \{ break-inside: avoid; \}/);
    expect(REPORT_CSS).toMatch(/figure \{[^}]*break-inside: avoid/);
  });
});

describe('partial months', () => {
  it('marks the first and last month when the period or the data cover them only in part', () => {
    const summary = summaryFromRows(fixtureRows(), {
      period: { ...fixtureSummary().period, startDate: '2024-05-15' },
      asOf: '2024-10-20',
      byMonth: BY_MONTH,
    });
    const doc = parseHtml(renderReportHtml(summary, fixtureRows()));
    const months = doc.querySelectorAll('table[data-table="urine-by-month"] tbody th').map((th) => th.text);
    expect(months).toEqual([
      'Mei 2024 ° *',
      'Juni 2024',
      'Juli 2024',
      'Agustus 2024',
      'September 2024',
      'Oktober 2024 °',
    ]);
    const labels = doc.querySelectorAll('svg[data-chart="urine-by-month"] text.label').map((t) => t.text);
    expect(labels).toEqual(['Mei °', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt °']);
    expect(doc.querySelector('#urine')?.text).toContain('° Bulan tidak penuh');
  });

  it('marks nothing for a period of whole months reported after its end', () => {
    const doc = parseHtml(renderReportHtml(fixtureSummary(), fixtureRows()));
    expect(doc.querySelector('#urine')?.text).not.toContain('°');
  });
});

describe('times in the province time zone', () => {
  it('shows an instant in WIB, WITA or WIT, across midnight too', () => {
    expect(fmtDateTimeIn('2024-11-01T03:12:45.120Z', 'Asia/Jakarta')).toBe('1 November 2024 pukul 10.12 WIB');
    expect(fmtDateTimeIn('2024-11-01T03:12:45Z', 'Asia/Makassar')).toBe('1 November 2024 pukul 11.12 WITA');
    expect(fmtDateTimeIn('2024-11-30T20:00:00Z', 'Asia/Jayapura')).toBe('1 Desember 2024 pukul 05.00 WIT');
    // A calendar date stays a date; a zone outside Indonesia keeps the stated offset.
    expect(fmtDateTimeIn('2024-11-01', 'Asia/Jayapura')).toBe('1 November 2024');
    expect(fmtDateTimeIn('2024-11-01T03:12:00Z', 'Europe/Berlin')).toBe('1 November 2024 pukul 03.12 UTC');
  });

  it("prints an on-demand report's creation time in the province's zone", () => {
    const summary = summaryFromRows(fixtureRows(), {
      kind: 'on_demand',
      asOf: '2024-09-01',
      generatedAt: '2024-09-01T17:30:00.000Z',
    });
    const html = renderReportHtml(summary, fixtureRows(), { timeZone: 'Asia/Makassar' });
    expect(html).toContain('2 September 2024 pukul 01.30 WITA');
    expect(html).not.toContain('UTC');
  });
});
