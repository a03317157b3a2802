// "Tugas saya": the officer's worklist across every running period in their scope (GET /due),
// most overdue first, each step a link straight to the form that records it.

import { DUE_TYPES, type DueType } from '../../../shared/domain/vocabulary';
import { api } from '../api';
import { h, render } from '../lib/dom';
import { capitalize, dueFormHash, dueStepLabel } from '../lib/due';
import { dueText, formatShortDate } from '../lib/format';
import { ACTIVITY_LABELS } from '../lib/labels';
import { seesIdentities } from '../lib/roles';
import type { Page, Period, Worklist, WorklistItem } from '../types';
import { clientName, errorBox, loading, names, takeFlash, type ViewContext } from './common';
import { periodCache } from './periods';

const TYPE_CHOICES: Record<DueType, string> = {
  ...Object.fromEntries(Object.entries(ACTIVITY_LABELS).map(([k, v]) => [k, capitalize(v)])),
  assessment: 'Asesmen',
} as Record<DueType, string>;

export async function worklistView(main: HTMLElement, params: Record<string, string>, ctx: ViewContext) {
  const flash = takeFlash();
  const type = DUE_TYPES.find((t) => t === params.type);
  loading(main);
  let first: Worklist;
  try {
    const [due, periods] = await Promise.all([
      api<Worklist>('GET', '/due', { query: { limit: 50, type } }),
      periodCache.size
        ? null
        : api<Page<Period>>('GET', '/periods', { query: { limit: 100 } }).catch(() => null),
    ]);
    first = due;
    for (const p of periods?.items ?? []) periodCache.set(p.id, p);
  } catch (e) {
    render(
      main,
      h('h1', {}, 'Tugas saya'),
      errorBox(e as Error, () => worklistView(main, params, ctx)),
    );
    return;
  }

  const list = h('ul', { class: 'list', 'aria-label': 'Daftar tugas' });
  const add = (items: WorklistItem[]) => {
    for (const d of items) if (d.client) names.set(d.enrollmentId, d.client);
    list.append(
      ...items.map((d) =>
        h(
          'li',
          {},
          h(
            'a',
            { class: `row${d.overdue ? ' overdue' : ''}`, href: dueFormHash(d, ctx.session.role) },
            h(
              'span',
              { class: 'row-title' },
              seesIdentities(ctx.session.role) ? clientName(d.enrollmentId, d.client) : dueStepLabel(d),
            ),
            seesIdentities(ctx.session.role) ? h('span', { class: 'row-sub' }, dueStepLabel(d)) : null,
            h('span', { class: 'row-sub' }, periodCache.get(d.periodId)?.name ?? 'Periode'),
            h(
              'span',
              { class: 'row-meta' },
              d.overdue ? h('span', { class: 'badge overdue' }, 'Terlambat') : null,
              ` ${formatShortDate(d.dueDate)} (${dueText(d.dueDate, first.today)})`,
            ),
          ),
        ),
      ),
    );
  };
  add(first.items);
  let cursor = first.nextCursor;
  const more = h('button', { type: 'button', class: 'secondary', hidden: !cursor }, 'Muat lagi');
  more.addEventListener('click', async () => {
    more.disabled = true;
    more.textContent = 'Memuat…';
    try {
      const page = await api<Worklist>('GET', '/due', { query: { limit: 50, type, cursor } });
      add(page.items);
      cursor = page.nextCursor;
      more.hidden = !cursor;
    } catch (e) {
      more.after(errorBox(e as Error));
    } finally {
      more.disabled = false;
      more.textContent = 'Muat lagi';
    }
  });

  const filter = h(
    'select',
    { id: 'due-type', name: 'type' },
    h('option', { value: '' }, 'Semua jenis'),
    DUE_TYPES.map((t) => h('option', { value: t, selected: t === type }, TYPE_CHOICES[t])),
  );
  filter.addEventListener('change', () => ctx.go(filter.value ? `#/tugas/${filter.value}` : '#/tugas'));
  const overdue = first.items.filter((d) => d.overdue).length;

  render(
    main,
    flash ?? '',
    h('h1', {}, 'Tugas saya'),
    h(
      'p',
      { class: 'muted' },
      `Jatuh tempo sampai ${formatShortDate(first.today)}, yang paling terlambat di atas`,
      first.items.length ? ` (${overdue} terlambat${cursor ? ' di halaman ini' : ''}).` : '.',
    ),
    h('div', { class: 'field' }, h('label', { for: 'due-type' }, 'Jenis kegiatan'), filter),
    first.items.length === 0
      ? h('p', { class: 'muted' }, type ? 'Tidak ada tugas jenis ini.' : 'Tidak ada tugas yang jatuh tempo.')
      : null,
    list,
    more,
  );
}
