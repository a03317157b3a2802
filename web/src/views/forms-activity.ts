// Catat kegiatan (home visit, urine test, counselling) and Pertemuan kelompok.

import { api, listAll } from '../api';
import { choiceGroup, field, formErrorBox, input, onSubmit, readForm, textarea } from '../forms';
import { type Child, h, render } from '../lib/dom';
import { attendeeDetails } from '../lib/errors';
import { formatDate } from '../lib/format';
import {
  ACTIVITY_LABELS,
  FAMILY_SUPPORT_LABELS,
  label,
  PRESENT_LABELS,
  RISK_LABELS,
  SUBSTANCE_LABELS,
  URINE_RESULT_LABELS,
} from '../lib/labels';
import {
  activityPayload,
  type FormActivityType,
  groupMeetingPayload,
  isFormActivityType,
  SUBSTANCES,
} from '../lib/payloads';
import { queuedActivities, withQueued } from '../lib/protocol-view';
import { canRecordActivity, canRecordGroupMeeting } from '../lib/roles';
import { outboxRecords } from '../outbox';
import type { EnrollmentDetail, EnrollmentListItem, Period } from '../types';
import { backLink, clientName, errorBox, loading, names, setFlash, type ViewContext } from './common';
import { enrollmentCache, loadEnrollment } from './enrollment';
import { periodCache } from './periods';

function dateField(ctx: ViewContext, labelText = 'Tanggal') {
  return field(
    'date',
    labelText,
    input('date', { type: 'date', value: ctx.today(), max: ctx.today(), required: true }),
  );
}

function homeVisitFields(): Child[] {
  return [
    choiceGroup('present', 'Yang hadir di rumah', PRESENT_LABELS, { checked: ['client'] }),
    field(
      'livingSituation',
      'Situasi tempat tinggal',
      textarea('livingSituation', { maxlength: 1000 }),
      'Mis. tinggal bersama istri dan dua anak, rumah sendiri.',
    ),
    choiceGroup('familySupport', 'Dukungan keluarga', FAMILY_SUPPORT_LABELS, { type: 'radio' }),
    choiceGroup('riskFactors', 'Faktor risiko', RISK_LABELS, { hint: 'Kosongkan bila tidak ada.' }),
    field('findings', 'Temuan', textarea('findings', { rows: 4, maxlength: 5000 })),
    field('followUp', 'Tindak lanjut (opsional)', textarea('followUp', { maxlength: 2000 })),
  ];
}

function urineTestFields(): Child[] {
  return [
    h(
      'fieldset',
      { class: 'field', 'data-field': 'results' },
      h('legend', {}, 'Hasil per zat'),
      h('p', { class: 'hint' }, 'Isi minimal satu zat; biarkan "Tidak dites" untuk yang tidak diperiksa.'),
      SUBSTANCES.map((s) =>
        h(
          'div',
          { class: 'substance', 'data-field': `results.${s}` },
          h('p', { class: 'substance-name' }, label(SUBSTANCE_LABELS, s)),
          h(
            'div',
            { class: 'segmented' },
            Object.entries(URINE_RESULT_LABELS).map(([value, text]) =>
              h(
                'label',
                { class: `seg seg-${value || 'none'}` },
                h('input', { type: 'radio', name: `results.${s}`, value, checked: value === '' }),
                h('span', {}, text),
              ),
            ),
          ),
          h('p', { class: 'field-error', hidden: true }),
        ),
      ),
      h('p', { class: 'field-error', hidden: true }),
    ),
    field(
      'specimenId',
      'Nomor spesimen (opsional)',
      input('specimenId', { maxlength: 64, autocapitalize: 'characters' }),
    ),
  ];
}

function counselingFields(ctx: ViewContext): Child[] {
  return [
    field('counselor', 'Konselor', input('counselor', { maxlength: 200, autocomplete: 'name' })),
    field('topic', 'Topik', input('topic', { maxlength: 500 })),
    field(
      'durationMinutes',
      'Durasi (menit)',
      input('durationMinutes', {
        type: 'number',
        inputmode: 'numeric',
        min: 1,
        max: 600,
        step: 1,
        value: ctx.session.role === 'konselor' ? '60' : '',
      }),
    ),
  ];
}

const FIELDS: Record<FormActivityType, (ctx: ViewContext) => Child[]> = {
  home_visit: homeVisitFields,
  urine_test: urineTestFields,
  counseling: counselingFields,
};

export async function activityFormView(main: HTMLElement, params: Record<string, string>, ctx: ViewContext) {
  const id = params.id!;
  const type = params.type!;
  if (!isFormActivityType(type) || !canRecordActivity(ctx.session.role)) {
    render(
      main,
      backLink(`#/keikutsertaan/${id}`, 'Kembali'),
      errorBox({ message: 'Formulir ini tidak tersedia untuk Anda.' }),
    );
    return;
  }
  let enrollment: EnrollmentDetail | undefined = enrollmentCache.get(id);
  if (!enrollment) {
    loading(main);
    try {
      enrollment = await loadEnrollment(id, ctx.session.role);
    } catch (e) {
      render(
        main,
        backLink('#/', 'Periode'),
        errorBox(e as Error, () => activityFormView(main, params, ctx)),
      );
      return;
    }
  }
  const p = withQueued(enrollment.protocol, queuedActivities(id, await outboxRecords()));
  if (!p.complete && p.nextExpected && p.nextExpected !== type) {
    // The API would refuse it (protocol order): the form is not offered, the right one is.
    const next = p.nextExpected;
    const href =
      next === 'group_meeting'
        ? `#/periode/${enrollment.periodId}/pertemuan`
        : `#/keikutsertaan/${id}/catat/${next}`;
    render(
      main,
      backLink(`#/keikutsertaan/${id}`, clientName(id)),
      h('h1', {}, label(ACTIVITY_LABELS, type)),
      h(
        'p',
        { class: 'warn' },
        `Menurut urutan pembukaan, kegiatan berikutnya untuk ${clientName(id)} adalah ${label(ACTIVITY_LABELS, next)}. `,
        'Kegiatan lain dapat dicatat setelah tahap pembukaan selesai.',
      ),
      h('a', { class: 'button primary', href }, `Catat ${label(ACTIVITY_LABELS, next)}`),
    );
    return;
  }
  const form = h(
    'form',
    { novalidate: true },
    formErrorBox(),
    dateField(ctx),
    FIELDS[type](ctx),
    h('button', { type: 'submit', class: 'primary' }, 'Simpan'),
  );
  onSubmit(form, {
    build: () => activityPayload(type, readForm(form, ['present', 'riskFactors'])),
    write: (payload) => ({
      method: 'POST',
      path: `/enrollments/${id}/activities`,
      label: `${label(ACTIVITY_LABELS, type)} · ${clientName(id)} · ${formatDate(payload.date)}`,
    }),
    back: `#/keikutsertaan/${id}`,
    onDone: (result: { date?: string } | null) => {
      enrollmentCache.delete(id);
      setFlash(`${label(ACTIVITY_LABELS, type)} tanggal ${formatDate(result?.date)} tercatat.`);
      ctx.go(`#/keikutsertaan/${id}`);
    },
  });
  render(
    main,
    backLink(`#/keikutsertaan/${id}`, clientName(id)),
    h('h1', {}, label(ACTIVITY_LABELS, type)),
    h('p', { class: 'muted' }, clientName(id)),
    form,
  );
}

export async function groupMeetingView(main: HTMLElement, params: Record<string, string>, ctx: ViewContext) {
  const id = params.id!;
  if (!canRecordGroupMeeting(ctx.session.role)) {
    render(
      main,
      backLink(`#/periode/${id}`, 'Kembali'),
      errorBox({ message: 'Formulir ini tidak tersedia untuk Anda.' }),
    );
    return;
  }
  loading(main);
  let active: EnrollmentListItem[];
  let period: Period | undefined;
  try {
    [active, period] = await Promise.all([
      listAll<EnrollmentListItem>(`/periods/${id}/enrollments`).then((all) =>
        all.filter((e) => e.status === 'active'),
      ),
      periodCache.get(id) ?? api<Period>('GET', `/periods/${id}`),
    ]);
  } catch (e) {
    render(
      main,
      backLink(`#/periode/${id}`, 'Periode'),
      errorBox(e as Error, () => groupMeetingView(main, params, ctx)),
    );
    return;
  }
  for (const e of active) if (e.client) names.set(e.id, e.client);
  active.sort((a, b) => clientName(a.id).localeCompare(clientName(b.id), 'id'));
  // Only clients whose protocol takes a group meeting now are offered (the opening done, or a
  // group meeting its next step, counting what waits in the outbox); the others are named
  // with their next step, not offered.
  const outbox = await outboxRecords();
  const opening = period?.protocol.opening ?? [];
  const progress = (e: EnrollmentListItem) => {
    const at = e.protocol.complete
      ? opening.length
      : opening.indexOf(e.protocol.nextExpected ?? 'group_meeting');
    const done = opening.slice(0, Math.max(at, 0));
    return withQueued({ opening, done, ...e.protocol }, queuedActivities(e.id, outbox));
  };
  const nextOf = (e: EnrollmentListItem) => progress(e).nextExpected;
  const ready = active.filter((e) => {
    const p = progress(e);
    return p.complete || p.nextExpected === 'group_meeting';
  });
  const waiting = active.filter((e) => !ready.includes(e));
  const options = Object.fromEntries(
    ready.map((e) => [e.id, `${clientName(e.id)}${e.client ? ` (${e.client.registrationNumber})` : ''}`]),
  );
  const attendees = choiceGroup('attendees', `Peserta hadir (${ready.length} klien dapat ikut)`, options);
  if (waiting.length) {
    attendees.append(
      h(
        'p',
        { class: 'hint' },
        `Belum dapat dicatat hadir (urutan pembukaan): ${waiting
          .map((e) => `${clientName(e.id)}, berikutnya ${label(ACTIVITY_LABELS, nextOf(e))}`)
          .join('; ')}.`,
      ),
    );
  }
  const selectAll = h('button', { type: 'button', class: 'secondary small' }, 'Pilih semua');
  selectAll.addEventListener('click', () => {
    const boxes = [...attendees.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
    const all = boxes.every((b) => b.checked);
    for (const b of boxes) b.checked = !all;
    selectAll.textContent = all ? 'Pilih semua' : 'Batalkan semua';
  });
  attendees.querySelector('legend')?.after(selectAll);
  let sent: string[] = [];
  const form = h(
    'form',
    { novalidate: true },
    formErrorBox(),
    dateField(ctx),
    field('topic', 'Topik', input('topic', { maxlength: 500 })),
    field('facilitator', 'Fasilitator (opsional)', input('facilitator', { maxlength: 200 })),
    active.length ? attendees : h('p', { class: 'muted' }, 'Tidak ada klien aktif di periode ini.'),
    h('button', { type: 'submit', class: 'primary' }, 'Simpan pertemuan'),
  );
  onSubmit(form, {
    build: () => {
      const r = groupMeetingPayload(readForm(form, ['attendees']));
      sent = r.payload.attendees;
      return r;
    },
    write: (payload) => ({
      method: 'POST',
      path: `/periods/${id}/group-meetings`,
      label: `Pertemuan kelompok · ${payload.attendees.length} klien · ${formatDate(payload.date)}`,
    }),
    // The API names refused attendees by index (attendees.<i>): show their names instead.
    mapError: (e) => {
      e.details = attendeeDetails(e.details, sent, (eid) => clientName(eid));
    },
    back: `#/periode/${id}`,
    onDone: (_r, payload) => {
      for (const eid of payload.attendees) enrollmentCache.delete(eid);
      setFlash(`Pertemuan kelompok tercatat untuk ${payload.attendees.length} klien.`);
      ctx.go(`#/periode/${id}`);
    },
  });
  render(main, backLink(`#/periode/${id}`, 'Periode'), h('h1', {}, 'Pertemuan kelompok'), form);
}
