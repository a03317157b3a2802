// Daftar periode, and one period: jadwal jatuh tempo + daftar klien.

import { api, keepAsRead } from '../api';
import { h, render } from '../lib/dom';
import { dueStepLabel } from '../lib/due';
import { dueText, formatRange, formatShortDate } from '../lib/format';
import { ACTIVITY_LABELS, ENROLLMENT_STATUS_LABELS, label, PERIOD_STATUS_LABELS } from '../lib/labels';
import { canManageEnrollment, canReadReports, canRecordGroupMeeting, canRegisterClient } from '../lib/roles';
import type { DueList, EnrollmentListItem, Page, Period } from '../types';
import { backLink, clientName, errorBox, loading, names, takeFlash, type ViewContext } from './common';

/** Periods seen in lists, by id; each also kept as its own read for offline screens. */
class KeptPeriods extends Map<string, Period> {
  override set(id: string, period: Period): this {
    if (this.get(id) !== period) void keepAsRead(`/periods/${id}`, period);
    return super.set(id, period);
  }
}

export const periodCache = new KeptPeriods();

export async function periodsView(main: HTMLElement, _params: Record<string, string>, ctx: ViewContext) {
  const flash = takeFlash();
  loading(main);
  let items: Period[];
  try {
    items = (await api<Page<Period>>('GET', '/periods', { query: { limit: 100 } })).items;
  } catch (e) {
    render(
      main,
      errorBox(e as Error, () => periodsView(main, _params, ctx)),
    );
    return;
  }
  for (const p of items) periodCache.set(p.id, p);
  render(
    main,
    flash ?? '',
    h('h1', {}, 'Periode program'),
    canRegisterClient(ctx.session.role)
      ? h('a', { class: 'button secondary', href: '#/klien/baru' }, '+ Registrasi klien baru')
      : null,
    items.length === 0 ? h('p', { class: 'muted' }, 'Belum ada periode untuk kantor Anda.') : null,
    h(
      'ul',
      { class: 'list' },
      items.map((p) =>
        h(
          'li',
          {},
          h(
            'a',
            { class: 'row', href: `#/periode/${p.id}` },
            h('span', { class: 'row-title' }, p.name),
            h('span', { class: 'row-sub' }, formatRange(p.startDate, p.endDate)),
            h(
              'span',
              { class: 'row-meta' },
              h('span', { class: `badge ${p.status}` }, label(PERIOD_STATUS_LABELS, p.status)),
              ` ${p.enrolledCount} dari ${p.capacity} tempat terisi`,
            ),
          ),
        ),
      ),
    ),
  );
}

export async function periodView(
  main: HTMLElement,
  { id }: Record<string, string>,
  ctx: ViewContext,
  tab: 'due' | 'clients' = 'due',
) {
  const flash = takeFlash();
  loading(main);
  let period: Period;
  let enrollments: Page<EnrollmentListItem>;
  let due: DueList;
  try {
    [period, enrollments, due] = await Promise.all([
      api<Period>('GET', `/periods/${id}`),
      api<Page<EnrollmentListItem>>('GET', `/periods/${id}/enrollments`, { query: { limit: 100 } }),
      api<DueList>('GET', `/periods/${id}/due`),
    ]);
  } catch (e) {
    render(
      main,
      backLink('#/', 'Periode'),
      errorBox(e as Error, () => periodView(main, { id: id! }, ctx, tab)),
    );
    return;
  }
  periodCache.set(id!, period);
  for (const e of enrollments.items) if (e.client) names.set(e.id, e.client);
  for (const d of due.items) if (d.client) names.set(d.enrollmentId, d.client);

  const dueItems = [...due.items].sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  const overdueCount = dueItems.filter((d) => d.overdue).length;

  const dueList = h(
    'section',
    { id: 'tab-due', hidden: tab !== 'due' },
    h('p', { class: 'muted' }, `Jatuh tempo sampai ${formatShortDate(due.today)}.`),
    dueItems.length === 0 ? h('p', { class: 'muted' }, 'Tidak ada kegiatan yang jatuh tempo.') : null,
    h(
      'ul',
      { class: 'list' },
      dueItems.map((d) =>
        h(
          'li',
          {},
          h(
            'a',
            { class: `row${d.overdue ? ' overdue' : ''}`, href: `#/keikutsertaan/${d.enrollmentId}` },
            h('span', { class: 'row-title' }, clientName(d.enrollmentId, d.client)),
            h('span', { class: 'row-sub' }, dueStepLabel(d)),
            h(
              'span',
              { class: 'row-meta' },
              d.overdue ? h('span', { class: 'badge overdue' }, 'Terlambat') : null,
              ` ${formatShortDate(d.dueDate)} (${dueText(d.dueDate, due.today)})`,
            ),
          ),
        ),
      ),
    ),
  );

  const list = h('ul', { class: 'list' });
  const addEnrollments = (items: EnrollmentListItem[]) =>
    list.append(
      ...items.map((e) =>
        h(
          'li',
          {},
          h(
            'a',
            { class: 'row', href: `#/keikutsertaan/${e.id}` },
            h('span', { class: 'row-title' }, clientName(e.id, e.client)),
            e.client ? h('span', { class: 'row-sub' }, e.client.registrationNumber) : null,
            h(
              'span',
              { class: 'row-meta' },
              h('span', { class: `badge ${e.status}` }, label(ENROLLMENT_STATUS_LABELS, e.status)),
              ` sejak ${formatShortDate(e.enrolledOn)}`,
            ),
          ),
        ),
      ),
    );
  addEnrollments(enrollments.items);
  let cursor = enrollments.nextCursor;
  const more = h('button', { type: 'button', class: 'secondary', hidden: !cursor }, 'Muat lagi');
  more.addEventListener('click', async () => {
    more.disabled = true;
    more.textContent = 'Memuat…';
    try {
      const page = await api<Page<EnrollmentListItem>>('GET', `/periods/${id}/enrollments`, {
        query: { limit: 100, cursor },
      });
      for (const e of page.items) if (e.client) names.set(e.id, e.client);
      addEnrollments(page.items);
      cursor = page.nextCursor;
      more.hidden = !cursor;
    } catch (e) {
      more.after(errorBox(e as Error));
    } finally {
      more.disabled = false;
      more.textContent = 'Muat lagi';
    }
  });
  const clients = h(
    'section',
    { id: 'tab-clients', hidden: tab !== 'clients' },
    enrollments.items.length === 0 ? h('p', { class: 'muted' }, 'Belum ada klien di periode ini.') : null,
    list,
    more,
  );

  const tabButton = (name: 'due' | 'clients', text: string) =>
    h(
      'button',
      {
        type: 'button',
        role: 'tab',
        class: 'tab',
        'aria-selected': String(tab === name),
        onclick: (ev: Event) => {
          tab = name;
          dueList.hidden = name !== 'due';
          clients.hidden = name !== 'clients';
          for (const b of main.querySelectorAll('.tab'))
            b.setAttribute('aria-selected', String(b === ev.currentTarget));
        },
      },
      text,
    );

  render(
    main,
    backLink('#/', 'Periode'),
    flash ?? '',
    h('h1', {}, period.name),
    h(
      'p',
      { class: 'muted' },
      `${formatRange(period.startDate, period.endDate)} · ${label(PERIOD_STATUS_LABELS, period.status)} · ${period.enrolledCount}/${period.capacity} tempat`,
    ),
    h(
      'p',
      { class: 'muted' },
      'Urutan pembukaan: ',
      period.protocol.opening.map((t) => label(ACTIVITY_LABELS, t)).join(' → ') || '–',
    ),
    canRecordGroupMeeting(ctx.session.role)
      ? h('a', { class: 'button primary', href: `#/periode/${id}/pertemuan` }, 'Catat pertemuan kelompok')
      : null,
    // Enrolling is offered only where the API would accept it: open, with a place left.
    canManageEnrollment(ctx.session.role) &&
      period.status === 'open' &&
      period.enrolledCount < period.capacity
      ? h('a', { class: 'button secondary', href: `#/periode/${id}/daftarkan` }, '+ Daftarkan klien')
      : null,
    canManageEnrollment(ctx.session.role) &&
      period.status === 'open' &&
      period.enrolledCount >= period.capacity
      ? h(
          'p',
          { class: 'muted' },
          `Kuota penuh (${period.capacity} klien): tidak dapat mendaftarkan klien baru.`,
        )
      : null,
    canReadReports(ctx.session.role)
      ? h('a', { class: 'button secondary', href: `#/periode/${id}/laporan` }, 'Laporan periode')
      : null,
    h(
      'div',
      { class: 'tabs', role: 'tablist' },
      tabButton(
        'due',
        `Jatuh tempo (${dueItems.length}${overdueCount ? `, ${overdueCount} terlambat` : ''})`,
      ),
      tabButton('clients', `Klien (${enrollments.items.length}${enrollments.nextCursor ? '+' : ''})`),
    ),
    dueList,
    clients,
  );
}
