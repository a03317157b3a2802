// Petugas (admin: the whole province; kasi: pk and kasi of their own office): list, invite,
// change role or office, disable and enable again. GET/POST /officers, PATCH /officers/{id}.

import { assignableRoles, canSeeOfficer } from '../../../shared/domain/officers';
import { ApiError, api } from '../api';
import { appConfig } from '../config';
import { field, formErrorBox, input, onSubmit, readForm, select, showErrors } from '../forms';
import { h, render } from '../lib/dom';
import { formatDate } from '../lib/format';
import { label, OFFICER_STATUS_LABELS, ROLE_LABELS, ROLE_SHORT_LABELS } from '../lib/labels';
import { newIdempotencyKey, officerChangePayload, officerPayload } from '../lib/payloads';
import { canManageOfficers } from '../lib/roles';
import type { Officer, OfficerCreated } from '../types';
import { backLink, errorBox, loading, setFlash, takeFlash, type ViewContext } from './common';

const officerCache = new Map<string, Officer>();

function notAllowed(main: HTMLElement) {
  render(main, backLink('#/', 'Periode'), errorBox({ message: 'Halaman ini untuk admin dan kasi.' }));
}

function statusText(o: Officer): string {
  if (!o.enabled) return OFFICER_STATUS_LABELS.disabled;
  return o.status === 'invited' ? OFFICER_STATUS_LABELS.invited : OFFICER_STATUS_LABELS.enabled;
}

/** The offices the actor may place an officer in: admin the province's, kasi their own. */
function officeChoices(ctx: ViewContext): Record<string, string> {
  const offices = ctx.session.role === 'admin' ? appConfig().offices : [ctx.session.office];
  return Object.fromEntries(offices.map((o) => [o, o]));
}

function roleChoices(ctx: ViewContext): Record<string, string> {
  return Object.fromEntries(assignableRoles(ctx.session).map((r) => [r, ROLE_LABELS[r]]));
}

async function loadOfficers(office?: string): Promise<Officer[]> {
  const { items } = await api<{ items: Officer[] }>('GET', '/officers', { query: { office } });
  for (const o of items) officerCache.set(o.id, o);
  return items;
}

export async function officersView(main: HTMLElement, _params: Record<string, string>, ctx: ViewContext) {
  if (!canManageOfficers(ctx.session.role)) return notAllowed(main);
  const flash = takeFlash();
  loading(main);
  let items: Officer[];
  try {
    items = await loadOfficers();
  } catch (e) {
    render(
      main,
      errorBox(e as Error, () => officersView(main, _params, ctx)),
    );
    return;
  }
  items.sort((a, b) => a.office.localeCompare(b.office) || a.name.localeCompare(b.name, 'id'));
  render(
    main,
    flash,
    h('h1', {}, 'Petugas'),
    h(
      'p',
      { class: 'muted' },
      ctx.session.role === 'admin'
        ? 'Semua petugas di provinsi ini.'
        : `PK dan Kasi di kantor ${ctx.session.office}.`,
    ),
    h('a', { class: 'button primary', href: '#/petugas/baru' }, '+ Undang petugas'),
    items.length === 0 ? h('p', { class: 'muted' }, 'Belum ada petugas.') : null,
    h(
      'ul',
      { class: 'list', 'aria-label': 'Daftar petugas' },
      items.map((o) =>
        h(
          'li',
          {},
          h(
            'a',
            { class: 'row', href: `#/petugas/${encodeURIComponent(o.id)}` },
            h('span', { class: 'row-title' }, o.name),
            h('span', { class: 'row-sub' }, o.email),
            h(
              'span',
              { class: 'row-meta' },
              `${label(ROLE_SHORT_LABELS, o.role)} · ${o.office} · `,
              h('span', { class: `officer-status${o.enabled ? '' : ' disabled'}` }, statusText(o)),
            ),
          ),
        ),
      ),
    ),
  );
}

export function officerFormView(main: HTMLElement, _params: Record<string, string>, ctx: ViewContext) {
  if (!canManageOfficers(ctx.session.role)) return notAllowed(main);
  const kasi = ctx.session.role === 'kasi';
  const form = h(
    'form',
    { novalidate: true },
    formErrorBox(),
    field(
      'email',
      'E-mail',
      input('email', {
        type: 'email',
        maxlength: 254,
        autocomplete: 'off',
        inputmode: 'email',
        autocapitalize: 'none',
      }),
      'Nama pengguna untuk masuk; undangan dikirim ke alamat ini.',
    ),
    field('name', 'Nama lengkap', input('name', { maxlength: 200, autocomplete: 'off' })),
    field(
      'role',
      'Peran',
      select('role', roleChoices(ctx), { placeholder: '— pilih —', value: kasi ? 'pk' : '' }),
    ),
    kasi
      ? [
          h('input', { type: 'hidden', name: 'office', value: ctx.session.office }),
          h(
            'div',
            { class: 'field', 'data-field': 'office' },
            h('p', { class: 'muted' }, `Kantor: ${ctx.session.office}`),
            h('p', { class: 'field-error', hidden: true }),
          ),
        ]
      : field('office', 'Kantor', select('office', officeChoices(ctx), { placeholder: '— pilih —' })),
    h('button', { type: 'submit', class: 'primary' }, 'Kirim undangan'),
  );
  onSubmit(form, {
    build: () => officerPayload(readForm(form)),
    // Accounts are made online only (the temporary password is shown once, in the answer).
    send: (payload, idempotencyKey) =>
      api<OfficerCreated>('POST', '/officers', { body: payload, idempotencyKey }),
    onDone: (created) => {
      officerCache.set(created.id, created);
      render(
        main,
        backLink('#/petugas', 'Petugas'),
        h(
          'section',
          { class: 'card', role: 'status' },
          h('h1', {}, 'Petugas diundang'),
          h('p', {}, h('strong', {}, created.name), ` (${created.email})`),
          h('p', { class: 'muted' }, `${label(ROLE_LABELS, created.role)} · ${created.office}`),
          created.temporaryPassword
            ? [
                h(
                  'p',
                  {},
                  'Lingkungan lokal: sampaikan kata sandi sementara ini kepada petugas. Ia wajib menggantinya saat masuk pertama kali.',
                ),
                h('p', { class: 'secret', 'data-testid': 'temporary-password' }, created.temporaryPassword),
              ]
            : h(
                'p',
                {},
                'E-mail berisi kata sandi sementara telah dikirim. Petugas wajib menggantinya saat masuk pertama kali.',
              ),
          h('a', { class: 'button primary', href: '#/petugas' }, 'Ke daftar petugas'),
          h(
            'button',
            { type: 'button', class: 'secondary', onclick: () => officerFormView(main, _params, ctx) },
            'Undang petugas lain',
          ),
        ),
      );
      window.scrollTo(0, 0);
    },
  });
  render(main, backLink('#/petugas', 'Petugas'), h('h1', {}, 'Undang petugas'), form);
}

export async function officerView(main: HTMLElement, params: Record<string, string>, ctx: ViewContext) {
  if (!canManageOfficers(ctx.session.role)) return notAllowed(main);
  const id = params.id!;
  let officer = officerCache.get(id);
  if (!officer) {
    loading(main);
    try {
      officer = (await loadOfficers()).find((o) => o.id === id);
    } catch (e) {
      render(
        main,
        backLink('#/petugas', 'Petugas'),
        errorBox(e as Error, () => officerView(main, params, ctx)),
      );
      return;
    }
  }
  if (!officer || !canSeeOfficer(ctx.session, officer)) {
    render(main, backLink('#/petugas', 'Petugas'), errorBox({ message: 'Petugas tidak ditemukan.' }));
    return;
  }
  const o = officer;
  const self = o.id === ctx.session.sub;
  const head = [
    backLink('#/petugas', 'Petugas'),
    takeFlash(),
    h('h1', {}, o.name),
    h('p', { class: 'muted' }, o.email),
    h(
      'p',
      {},
      `${label(ROLE_LABELS, o.role)} · ${o.office} · `,
      h('span', { class: `officer-status${o.enabled ? '' : ' disabled'}` }, statusText(o)),
    ),
    h('p', { class: 'muted' }, `Diundang ${formatDate(o.createdAt.slice(0, 10))}`),
  ];
  if (self) {
    render(
      main,
      ...head,
      h('p', { class: 'warn' }, 'Ini akun Anda sendiri; perubahan dilakukan oleh admin lain.'),
    );
    return;
  }
  const change = h(
    'form',
    { novalidate: true },
    formErrorBox(),
    h('h2', {}, 'Ubah peran atau kantor'),
    field('role', 'Peran', select('role', roleChoices(ctx), { value: o.role })),
    field(
      'office',
      'Kantor',
      select('office', { [o.office]: o.office, ...officeChoices(ctx) }, { value: o.office }),
    ),
    h('button', { type: 'submit', class: 'primary' }, 'Simpan perubahan'),
  );
  onSubmit(change, {
    build: () => officerChangePayload(readForm(change), o),
    send: (payload, idempotencyKey) =>
      api<Officer>('PATCH', `/officers/${encodeURIComponent(o.id)}`, { body: payload, idempotencyKey }),
    onDone: (updated) => {
      officerCache.set(updated.id, updated);
      setFlash('Perubahan tersimpan. Berlaku saat petugas memperbarui sesinya (paling lama 1 jam).');
      void officerView(main, params, ctx);
    },
  });
  const toggleForm = h('form', { novalidate: true }, formErrorBox());
  const toggle = h(
    'button',
    { type: 'button', class: o.enabled ? 'secondary danger' : 'secondary' },
    o.enabled ? 'Nonaktifkan akun' : 'Aktifkan kembali',
  );
  toggle.addEventListener('click', async () => {
    toggle.disabled = true;
    try {
      const updated = await api<Officer>('PATCH', `/officers/${encodeURIComponent(o.id)}`, {
        body: { enabled: !o.enabled },
        idempotencyKey: newIdempotencyKey(),
      });
      officerCache.set(updated.id, updated);
      setFlash(
        updated.enabled ? 'Akun diaktifkan kembali.' : 'Akun dinonaktifkan; sesi petugas ini diakhiri.',
      );
      void officerView(main, params, ctx);
    } catch (e) {
      showErrors(toggleForm, e instanceof ApiError ? e.message : 'Terjadi kesalahan. Coba lagi.');
      toggle.disabled = false;
    }
  });
  toggleForm.append(
    h('h2', {}, o.enabled ? 'Nonaktifkan' : 'Aktifkan'),
    h(
      'p',
      { class: 'hint' },
      o.enabled
        ? 'Petugas yang dinonaktifkan tidak dapat masuk, dan sesinya tidak dapat diperbarui.'
        : 'Petugas dapat masuk lagi dengan kata sandinya.',
    ),
    toggle,
  );
  render(main, ...head, change, toggleForm);
}
