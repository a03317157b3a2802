// Registrasi klien (pk, kasi: own office; admin: any Bapas of the province): POST /clients.

import { BAPAS_CODE } from '../../../shared/domain/actor';
import { appConfig } from '../config';
import { choiceGroup, field, formErrorBox, input, onSubmit, readForm, select } from '../forms';
import { type Child, h, render } from '../lib/dom';
import { formatDate } from '../lib/format';
import { LEGAL_STATUS_LABELS, SEX_LABELS } from '../lib/labels';
import { clientPayload } from '../lib/payloads';
import { canRegisterClient } from '../lib/roles';
import type { Client } from '../types';
import { backLink, errorBox, type ViewContext } from './common';

/** The client's fields (registration and change), filled from `c` when given. */
export function clientFields(ctx: ViewContext, c?: Client): Child[] {
  const today = ctx.today();
  const sex = choiceGroup('sex', 'Jenis kelamin', SEX_LABELS, {
    type: 'radio',
    checked: c ? [c.sex] : [],
  });
  return [
    field(
      'registrationNumber',
      'Nomor registrasi',
      input('registrationNumber', {
        maxlength: 64,
        autocapitalize: 'characters',
        value: c?.registrationNumber,
      }),
      'Mis. PAS-001/2025',
    ),
    field(
      'fullName',
      'Nama lengkap',
      input('fullName', { maxlength: 200, autocomplete: 'off', value: c?.fullName }),
    ),
    sex,
    field(
      'birthDate',
      'Tanggal lahir',
      input('birthDate', { type: 'date', max: today, value: c?.birthDate }),
    ),
    field(
      'nik',
      c ? 'NIK baru (opsional)' : 'NIK (opsional)',
      input('nik', { inputmode: 'numeric', maxlength: 20, autocomplete: 'off' }),
      c
        ? `Tersimpan: ${c.nik ?? 'belum ada'}. Kosongkan agar tidak berubah; isi 16 angka untuk mengganti.`
        : '16 angka. Data pribadi: isi hanya bila perlu.',
    ),
    field(
      'phone',
      'Nomor telepon (opsional)',
      input('phone', { type: 'tel', maxlength: 20, autocomplete: 'off', value: c?.phone }),
    ),
    h(
      'fieldset',
      { class: 'field', 'data-field': 'address' },
      h('legend', {}, 'Alamat (opsional)'),
      field(
        'address.street',
        'Jalan / RT RW',
        input('address.street', { maxlength: 200, value: c?.address?.street }),
      ),
      field(
        'address.village',
        'Kelurahan / desa',
        input('address.village', { maxlength: 100, value: c?.address?.village }),
      ),
      field(
        'address.district',
        'Kecamatan',
        input('address.district', { maxlength: 100, value: c?.address?.district }),
      ),
      field(
        'address.city',
        'Kota / kabupaten',
        input('address.city', { maxlength: 100, value: c?.address?.city }),
      ),
      h('p', { class: 'field-error', hidden: true }),
    ),
    field(
      'legalStatus',
      'Status hukum (opsional)',
      select('legalStatus', LEGAL_STATUS_LABELS, { placeholder: '— pilih —', value: c?.legalStatus ?? '' }),
    ),
    field(
      'caseArticle',
      'Pasal (opsional)',
      input('caseArticle', { maxlength: 200, value: c?.caseArticle }),
      'Mis. Pasal 112 UU 35/2009',
    ),
    field(
      'supervisionStart',
      'Awal pengawasan (opsional)',
      input('supervisionStart', { type: 'date', value: c?.supervisionStart }),
    ),
    field(
      'supervisionEnd',
      'Akhir pengawasan (opsional)',
      input('supervisionEnd', { type: 'date', value: c?.supervisionEnd }),
    ),
  ];
}

export function clientFormView(main: HTMLElement, _params: Record<string, string>, ctx: ViewContext) {
  if (!canRegisterClient(ctx.session.role)) {
    render(
      main,
      backLink('#/', 'Periode'),
      errorBox({ message: 'Peran Anda tidak dapat meregistrasi klien.' }),
    );
    return;
  }
  // pk and kasi register for their own Bapas; a province-wide admin picks one.
  const ownOffice = BAPAS_CODE.test(ctx.session.office) && ctx.session.role !== 'admin';
  const bapasOffices = appConfig().offices.filter((o) => BAPAS_CODE.test(o));
  const officeField = ownOffice
    ? [
        h('input', { type: 'hidden', name: 'office', value: ctx.session.office }),
        h(
          'div',
          { class: 'field', 'data-field': 'office' },
          h('p', { class: 'muted' }, `Kantor: ${ctx.session.office}`),
          h('p', { class: 'field-error', hidden: true }),
        ),
      ]
    : field(
        'office',
        'Kantor (Bapas)',
        select('office', Object.fromEntries(bapasOffices.map((o) => [o, o])), { placeholder: '— pilih —' }),
      );
  const form = h(
    'form',
    { novalidate: true },
    formErrorBox(),
    officeField,
    clientFields(ctx),
    h('button', { type: 'submit', class: 'primary' }, 'Daftarkan klien'),
  );
  onSubmit(form, {
    build: () => clientPayload(readForm(form)),
    write: (payload) => ({
      method: 'POST',
      path: '/clients',
      label: `Registrasi klien · ${payload.fullName} (${payload.registrationNumber})`,
    }),
    back: '#/klien',
    onDone: (client: Client) => {
      render(
        main,
        backLink('#/', 'Periode'),
        h(
          'section',
          { class: 'card', role: 'status' },
          h('h1', {}, 'Klien terdaftar'),
          h('p', {}, h('strong', {}, client.fullName), ` (${client.registrationNumber})`),
          h(
            'p',
            { class: 'muted' },
            `Lahir ${formatDate(client.birthDate)}${client.nik ? ` · NIK ${client.nik}` : ''}`,
          ),
          h('p', { class: 'muted' }, `ID klien: ${client.id}`),
          h('a', { class: 'button primary', href: `#/klien/${client.id}/daftarkan` }, 'Daftarkan ke periode'),
          h('a', { class: 'button secondary', href: `#/klien/${client.id}` }, 'Lihat profil klien'),
          h('a', { class: 'button secondary', href: '#/' }, 'Ke daftar periode'),
          h(
            'button',
            { type: 'button', class: 'secondary', onclick: () => clientFormView(main, _params, ctx) },
            'Registrasi klien lain',
          ),
        ),
      );
      window.scrollTo(0, 0);
    },
  });
  render(main, backLink('#/klien', 'Klien'), h('h1', {}, 'Registrasi klien'), form);
}
