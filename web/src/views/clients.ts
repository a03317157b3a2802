// Klien: search (GET /clients?q=), the client's profile (details with the NIK masked, their
// enrollments with status) and changing the details (PATCH /clients/{id}: pk, kasi, admin).

import { BAPAS_CODE } from '../../../shared/domain/actor';
import { api } from '../api';
import { appConfig } from '../config';
import { formErrorBox, onSubmit, readForm } from '../forms';
import { h, render } from '../lib/dom';
import { formatDate, formatRange } from '../lib/format';
import { ENROLLMENT_STATUS_LABELS, LEGAL_STATUS_LABELS, label, SEX_LABELS } from '../lib/labels';
import { clientPatchPayload } from '../lib/payloads';
import { canManageEnrollment, canRegisterClient } from '../lib/roles';
import type { Client, Page } from '../types';
import { clientFields } from './client-form';
import { backLink, errorBox, loading, names, setFlash, takeFlash, type ViewContext } from './common';

interface ClientEnrollment {
  id: string;
  periodId: string;
  status: string;
  enrolledOn: string;
  statusDate?: string;
  client?: unknown;
  period: { name: string; startDate: string; endDate: string };
}

/** pk and kasi search their own office; the province roles choose a Bapas. */
function searchOffices(ctx: ViewContext): string[] | null {
  if (BAPAS_CODE.test(ctx.session.office) && ctx.session.role !== 'admin' && ctx.session.role !== 'konselor')
    return null;
  return appConfig().offices.filter((o) => BAPAS_CODE.test(o));
}

const OFFICE_KEY = 'pascarehab.searchOffice';

export async function clientsView(main: HTMLElement, _params: Record<string, string>, ctx: ViewContext) {
  const flash = takeFlash();
  const offices = searchOffices(ctx);
  let office = offices ? (sessionStorage.getItem(OFFICE_KEY) ?? offices[0]) : undefined;
  if (offices && office && !offices.includes(office)) office = offices[0];

  const q = h('input', {
    id: 'client-q',
    type: 'search',
    name: 'q',
    enterkeyhint: 'search',
    autocomplete: 'off',
    maxlength: 100,
    placeholder: 'Mis. budi, santoso atau PAS-001',
  });
  const status = h('p', { class: 'hint', role: 'status', 'aria-live': 'polite' });
  const list = h('ul', { class: 'list', 'aria-label': 'Hasil pencarian klien' });
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Muat lagi');
  let cursor: string | null = null;
  let turn = 0;

  const row = (c: Client) =>
    h(
      'li',
      {},
      h(
        'a',
        { class: 'row', href: `#/klien/${c.id}` },
        h('span', { class: 'row-title' }, c.fullName),
        h('span', { class: 'row-sub' }, c.registrationNumber),
        h(
          'span',
          { class: 'row-meta' },
          `${label(SEX_LABELS, c.sex)} · lahir ${formatDate(c.birthDate)}`,
          c.enrolled ? ' · pernah ikut program' : '',
        ),
      ),
    );

  const load = async (append: boolean) => {
    const mine = ++turn;
    const text = q.value.trim();
    status.textContent = 'Mencari…';
    try {
      const page = await api<Page<Client>>('GET', '/clients', {
        query: { q: text || undefined, office, limit: 25, cursor: append ? cursor : undefined },
      });
      if (mine !== turn) return; // a newer search took over
      if (!append) list.replaceChildren();
      list.append(...page.items.map(row));
      cursor = page.nextCursor;
      more.hidden = !cursor;
      const shown = list.children.length;
      status.textContent =
        shown === 0
          ? text
            ? 'Tidak ada klien yang cocok.'
            : 'Belum ada klien.'
          : `${shown} klien${cursor ? ' (ada lagi)' : ''}.`;
    } catch (e) {
      if (mine !== turn) return;
      status.textContent = (e as Error).message;
    }
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  q.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void load(false), 300);
  });
  more.addEventListener('click', () => void load(true));

  const officeSelect = offices
    ? h(
        'select',
        { id: 'client-office', name: 'office' },
        offices.map((o) => h('option', { value: o, selected: o === office }, o)),
      )
    : null;
  officeSelect?.addEventListener('change', () => {
    office = officeSelect.value;
    sessionStorage.setItem(OFFICE_KEY, office);
    void load(false);
  });

  render(
    main,
    flash ?? '',
    h('h1', {}, 'Klien'),
    canRegisterClient(ctx.session.role)
      ? h('a', { class: 'button secondary', href: '#/klien/baru' }, '+ Registrasi klien baru')
      : null,
    h(
      'form',
      { role: 'search', class: 'search', 'data-draft': 'off', onsubmit: (ev: Event) => ev.preventDefault() },
      officeSelect
        ? h('div', { class: 'field' }, h('label', { for: 'client-office' }, 'Kantor (Bapas)'), officeSelect)
        : null,
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'client-q' }, 'Cari nama atau nomor registrasi'),
        h(
          'p',
          { class: 'hint' },
          'Awal kata mana pun dari nama atau nomor; huruf besar dan aksen diabaikan.',
        ),
        q,
      ),
    ),
    status,
    list,
    more,
  );
  await load(false);
}

async function loadClient(id: string): Promise<Client> {
  const c = await api<Client>('GET', `/clients/${id}`);
  return c;
}

export async function clientView(main: HTMLElement, params: Record<string, string>, ctx: ViewContext) {
  const id = params.clientId!;
  const flash = takeFlash();
  loading(main);
  let c: Client;
  let enrollments: ClientEnrollment[];
  try {
    [c, { items: enrollments }] = await Promise.all([
      loadClient(id),
      api<{ items: ClientEnrollment[] }>('GET', `/clients/${id}/enrollments`),
    ]);
  } catch (e) {
    render(
      main,
      backLink('#/klien', 'Klien'),
      errorBox(e as Error, () => clientView(main, params, ctx)),
    );
    return;
  }
  for (const e of enrollments)
    names.set(e.id, { fullName: c.fullName, registrationNumber: c.registrationNumber });
  const address = c.address ? [c.address.street, c.address.village, c.address.district, c.address.city] : [];
  const rows: Array<[string, string | undefined]> = [
    ['Nomor registrasi', c.registrationNumber],
    ['Kantor', c.office],
    ['Jenis kelamin', label(SEX_LABELS, c.sex)],
    ['Tanggal lahir', formatDate(c.birthDate)],
    ['NIK', c.nik],
    ['Telepon', c.phone],
    ['Alamat', address.filter(Boolean).join(', ') || undefined],
    ['Status hukum', c.legalStatus ? label(LEGAL_STATUS_LABELS, c.legalStatus) : undefined],
    ['Pasal', c.caseArticle],
    [
      'Masa pengawasan',
      c.supervisionStart || c.supervisionEnd
        ? `${c.supervisionStart ? formatDate(c.supervisionStart) : '…'} – ${c.supervisionEnd ? formatDate(c.supervisionEnd) : '…'}`
        : undefined,
    ],
  ];
  render(
    main,
    backLink('#/klien', 'Klien'),
    flash ?? '',
    h('h1', {}, c.fullName),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, 'Data klien'),
      h(
        'dl',
        { class: 'details' },
        rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v ?? '–')]),
      ),
    ),
    canRegisterClient(ctx.session.role)
      ? h('a', { class: 'button secondary', href: `#/klien/${id}/ubah` }, 'Ubah data klien')
      : null,
    canManageEnrollment(ctx.session.role)
      ? h('a', { class: 'button secondary', href: `#/klien/${id}/daftarkan` }, 'Daftarkan ke periode')
      : null,
    h(
      'section',
      {},
      h('h2', {}, 'Keikutsertaan'),
      enrollments.length === 0 ? h('p', { class: 'muted' }, 'Belum pernah didaftarkan ke periode.') : null,
      h(
        'ul',
        { class: 'list' },
        enrollments.map((e) =>
          h(
            'li',
            {},
            h(
              'a',
              { class: 'row', href: `#/keikutsertaan/${e.id}` },
              h('span', { class: 'row-title' }, e.period.name || 'Periode'),
              h('span', { class: 'row-sub' }, formatRange(e.period.startDate, e.period.endDate)),
              h(
                'span',
                { class: 'row-meta' },
                h('span', { class: `badge ${e.status}` }, label(ENROLLMENT_STATUS_LABELS, e.status)),
                ` sejak ${formatDate(e.statusDate ?? e.enrolledOn)}`,
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

export async function clientEditView(main: HTMLElement, params: Record<string, string>, ctx: ViewContext) {
  const id = params.clientId!;
  const back = `#/klien/${id}`;
  if (!canRegisterClient(ctx.session.role)) {
    render(
      main,
      backLink(back, 'Kembali'),
      errorBox({ message: 'Peran Anda tidak dapat mengubah data klien.' }),
    );
    return;
  }
  loading(main);
  let c: Client;
  try {
    c = await loadClient(id);
  } catch (e) {
    render(
      main,
      backLink(back, 'Klien'),
      errorBox(e as Error, () => clientEditView(main, params, ctx)),
    );
    return;
  }
  const form = h(
    'form',
    { novalidate: true },
    formErrorBox(),
    h(
      'p',
      { class: 'muted' },
      `Kantor: ${c.office} (pindah kantor adalah pemindahan, bukan perubahan data).`,
    ),
    clientFields(ctx, c),
    h('button', { type: 'submit', class: 'primary' }, 'Simpan perubahan'),
  );
  onSubmit(form, {
    build: () => clientPatchPayload(readForm(form), c),
    write: () => ({ method: 'PATCH', path: `/clients/${id}`, label: `Ubah data klien · ${c.fullName}` }),
    back,
    onDone: () => {
      setFlash('Data klien tersimpan.');
      ctx.go(back);
    },
  });
  render(main, backLink(back, c.fullName), h('h1', {}, 'Ubah data klien'), form);
}
