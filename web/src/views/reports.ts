// Laporan: the periods, and one period's reports (final, monthly, on demand) with their date,
// opened as HTML, CSV or JSON (short-lived download links); kasi and admin make one now;
// kasi, admin and viewer compare the period with others (POST/GET /comparisons).

import { createComparisonBody } from '../../../shared/api/schemas/comparisons';
import { KIND_TITLE } from '../../../shared/reports/html/labels';
import { api } from '../api';
import { h, render } from '../lib/dom';
import { formatDate, formatDateTime, formatRange } from '../lib/format';
import { label, PERIOD_STATUS_LABELS } from '../lib/labels';
import { check, newIdempotencyKey } from '../lib/payloads';
import { canCompareReports, canMakeReport, canReadReports } from '../lib/roles';
import type { Comparison, Page, Period } from '../types';
import { backLink, errorBox, loading, setFlash, takeFlash, type ViewContext } from './common';
import { periodCache } from './periods';

interface ReportItem {
  id: string;
  kind: 'final' | 'monthly' | 'on_demand';
  asOf: string;
  generatedAt: string;
  files: { json: string; csv: string; html: string };
}

function notAllowed(main: HTMLElement) {
  render(main, backLink('#/', 'Periode'), errorBox({ message: 'Laporan tidak tersedia untuk peran Anda.' }));
}

export async function reportsHomeView(main: HTMLElement, _params: Record<string, string>, ctx: ViewContext) {
  if (!canReadReports(ctx.session.role)) return notAllowed(main);
  loading(main);
  let periods: Period[];
  try {
    periods = (await api<Page<Period>>('GET', '/periods', { query: { limit: 100 } })).items;
  } catch (e) {
    render(
      main,
      h('h1', {}, 'Laporan'),
      errorBox(e as Error, () => reportsHomeView(main, _params, ctx)),
    );
    return;
  }
  for (const p of periods) periodCache.set(p.id, p);
  render(
    main,
    h('h1', {}, 'Laporan'),
    h('p', { class: 'muted' }, 'Pilih periode untuk melihat laporannya.'),
    periods.length === 0 ? h('p', { class: 'muted' }, 'Belum ada periode.') : null,
    h(
      'ul',
      { class: 'list' },
      periods.map((p) =>
        h(
          'li',
          {},
          h(
            'a',
            { class: 'row', href: `#/periode/${p.id}/laporan` },
            h('span', { class: 'row-title' }, p.name),
            h('span', { class: 'row-sub' }, formatRange(p.startDate, p.endDate)),
            h('span', { class: 'row-meta' }, label(PERIOD_STATUS_LABELS, p.status)),
          ),
        ),
      ),
    ),
  );
}

function fileLinks(files: Partial<Record<'html' | 'csv' | 'json', string>>, what: string) {
  const link = (href: string | undefined, text: string, kind: string) =>
    href
      ? h(
          'a',
          {
            class: 'button secondary small-link',
            href,
            target: '_blank',
            rel: 'noopener noreferrer',
            'aria-label': `${text} ${what}`,
          },
          text,
        )
      : h('span', { class: 'muted' }, `${kind} belum ada`);
  return h(
    'p',
    { class: 'files' },
    link(files.html, 'Buka HTML', 'HTML'),
    files.csv !== undefined ? link(files.csv, 'CSV', 'CSV') : null,
    link(files.json, 'JSON', 'JSON'),
  );
}

export async function periodReportsView(main: HTMLElement, params: Record<string, string>, ctx: ViewContext) {
  const id = params.id!;
  if (!canReadReports(ctx.session.role)) return notAllowed(main);
  const flash = takeFlash();
  loading(main);
  let period: Period;
  let reports: ReportItem[];
  let periods: Period[] = [];
  try {
    [period, { items: reports }] = await Promise.all([
      api<Period>('GET', `/periods/${id}`),
      api<{ items: ReportItem[] }>('GET', `/periods/${id}/reports`),
    ]);
    // The other periods: to compare with, and to name those of earlier comparisons.
    periods = (await api<Page<Period>>('GET', '/periods', { query: { limit: 100 } })).items;
    for (const p of periods) periodCache.set(p.id, p);
  } catch (e) {
    render(
      main,
      backLink('#/laporan', 'Laporan'),
      errorBox(e as Error, () => periodReportsView(main, params, ctx)),
    );
    return;
  }
  periodCache.set(id, period);

  const make = canMakeReport(ctx.session.role)
    ? h('button', { type: 'button', class: 'primary' }, 'Buat laporan sekarang')
    : null;
  const makeStatus = h('div', { role: 'status' });
  make?.addEventListener('click', async () => {
    make.disabled = true;
    make.textContent = 'Membuat laporan…';
    makeStatus.replaceChildren();
    try {
      await api('POST', `/periods/${id}/reports`, { idempotencyKey: newIdempotencyKey() });
      setFlash('Laporan sewaktu dibuat.');
      await periodReportsView(main, params, ctx);
    } catch (e) {
      makeStatus.replaceChildren(errorBox(e as Error));
      make.disabled = false;
      make.textContent = 'Buat laporan sekarang';
    }
  });

  const list = h(
    'ul',
    { class: 'list', 'aria-label': 'Daftar laporan' },
    reports.map((r) =>
      h(
        'li',
        { class: 'row report' },
        h('span', { class: 'row-title' }, KIND_TITLE[r.kind] ?? r.kind),
        h('span', { class: 'row-sub' }, `Data per ${formatDate(r.asOf)}`),
        h(
          'span',
          { class: 'row-meta' },
          `Dibuat ${r.generatedAt.includes('T') ? formatDateTime(r.generatedAt, ctx.timeZone) : formatDate(r.generatedAt)}`,
        ),
        fileLinks(r.files, `${KIND_TITLE[r.kind] ?? r.kind} per ${formatDate(r.asOf)}`),
      ),
    ),
  );

  render(
    main,
    backLink(`#/periode/${id}`, period.name),
    flash ?? '',
    h('h1', {}, `Laporan: ${period.name}`),
    h('p', { class: 'muted' }, formatRange(period.startDate, period.endDate)),
    make,
    makeStatus,
    reports.length === 0
      ? h('p', { class: 'muted' }, 'Belum ada laporan. Laporan bulanan dan akhir dibuat otomatis.')
      : h(
          'p',
          { class: 'hint' },
          'Tautan unduhan berlaku 15 menit; muat ulang halaman ini bila kedaluwarsa.',
        ),
    list,
    await comparisonSection(period, periods, ctx),
  );
}

/**
 * "Bandingkan periode": the comparisons this period is part of (every report reader), and for
 * kasi, admin and viewer a form to compare it with other periods (POST /comparisons: the
 * period as the reference, 1 to 5 others, checked with the server's own schema first).
 */
async function comparisonSection(period: Period, periods: Period[], ctx: ViewContext): Promise<HTMLElement> {
  const section = h('section', { class: 'card', 'aria-labelledby': 'compare-title' });
  const title = h('h2', { id: 'compare-title' }, 'Bandingkan periode');
  let existing: Comparison[] = [];
  let listError: Error | null = null;
  try {
    existing = (await api<{ items: Comparison[] }>('GET', '/comparisons', { query: { period: period.id } }))
      .items;
  } catch (e) {
    listError = e as Error;
  }
  const nameOf = (id: string) => periodCache.get(id)?.name ?? 'periode lain';
  const others = periods.filter((p) => p.id !== period.id);
  const result = h('div', { role: 'status' });
  section.append(title);

  if (canCompareReports(ctx.session.role)) {
    const submit = h('button', { type: 'submit', class: 'primary' }, 'Bandingkan');
    const form = h(
      'form',
      { novalidate: true, 'data-draft': 'off' },
      h(
        'fieldset',
        { class: 'field choices', 'data-field': 'compared' },
        h('legend', {}, `Bandingkan ${period.name} (acuan) dengan`),
        h('p', { class: 'hint' }, 'Pilih 1 sampai 5 periode.'),
        others.length
          ? others.map((p) =>
              h(
                'label',
                { class: 'choice' },
                h('input', { type: 'checkbox', name: 'compared', value: p.id }),
                h('span', {}, `${p.name} (${formatRange(p.startDate, p.endDate)})`),
              ),
            )
          : h('p', { class: 'muted' }, 'Tidak ada periode lain.'),
        h('p', { class: 'field-error', hidden: true }),
      ),
      others.length ? submit : null,
    );
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const compared = [...form.querySelectorAll<HTMLInputElement>('input[name="compared"]:checked')].map(
        (b) => b.value,
      );
      const errors = check(
        createComparisonBody,
        { reference: period.id, compared },
        { compared: 'Pilih minimal satu periode pembanding.' },
      );
      if (errors.length) {
        result.replaceChildren(h('p', { class: 'form-error' }, errors.map((e) => e.message).join(' ')));
        return;
      }
      submit.disabled = true;
      submit.textContent = 'Membandingkan…';
      try {
        const made = await api<Comparison>('POST', '/comparisons', {
          body: { reference: period.id, compared },
          idempotencyKey: newIdempotencyKey(),
        });
        result.replaceChildren(
          h('p', { class: 'ok' }, `Perbandingan dengan ${made.compared.map(nameOf).join(', ')} dibuat.`),
          fileLinks(made.files, 'perbandingan'),
        );
      } catch (e) {
        result.replaceChildren(errorBox(e as Error));
      } finally {
        submit.disabled = false;
        submit.textContent = 'Bandingkan';
      }
    });
    section.append(form, result);
  }

  section.append(
    h('h3', {}, 'Perbandingan yang ada'),
    listError
      ? errorBox(listError)
      : existing.length === 0
        ? h('p', { class: 'muted' }, 'Belum ada perbandingan untuk periode ini.')
        : h(
            'ul',
            { class: 'list', 'aria-label': 'Daftar perbandingan' },
            existing.map((c) =>
              h(
                'li',
                { class: 'row report' },
                h(
                  'span',
                  { class: 'row-title' },
                  `${nameOf(c.reference)} dibanding ${c.compared.map(nameOf).join(', ')}`,
                ),
                h('span', { class: 'row-sub' }, `Dibuat ${formatDate(c.generatedAt)}`),
                fileLinks(c.files, `perbandingan ${nameOf(c.reference)}`),
              ),
            ),
          ),
  );
  return section;
}
