// Daftarkan klien ke periode, Akhiri keikutsertaan, Catat kejadian, Asesmen (WHOQOL-BREF, URICA).

import { STATUS_TRANSITIONS } from '../../../shared/domain/records';
import { api, listAll } from '../api';
import { choiceGroup, field, formErrorBox, input, onSubmit, readForm, textarea } from '../forms';
import { type Child, h, render } from '../lib/dom';
import { formatDate, formatNumber, formatRange } from '../lib/format';
import {
  ENROLLMENT_STATUS_LABELS,
  INSTRUMENT_LABELS,
  label,
  OUTCOME_LABELS,
  PHASE_LABELS,
  URICA_STAGE_LABELS,
} from '../lib/labels';
import {
  assessmentPayload,
  enrollmentEndPayload,
  enrollmentPayload,
  ITEM_COUNTS,
  outcomePayload,
} from '../lib/payloads';
import { canManageEnrollment, canRecordAssessment, canRecordOutcome } from '../lib/roles';
import type { Client, EnrollmentDetail, EnrollmentListItem, Page, Period } from '../types';
import { backLink, clientName, errorBox, loading, names, setFlash, type ViewContext } from './common';
import { enrollmentCache, loadEnrollment } from './enrollment';
import { periodCache } from './periods';

/** The statuses an active enrollment may end in, with the same labels everywhere. */
const END_STATUS_LABELS = Object.fromEntries(
  STATUS_TRANSITIONS.map((s) => [s, ENROLLMENT_STATUS_LABELS[s]]),
) as Record<(typeof STATUS_TRANSITIONS)[number], string>;

function notAllowed(main: HTMLElement, href: string) {
  render(main, backLink(href, 'Kembali'), errorBox({ message: 'Formulir ini tidak tersedia untuk Anda.' }));
}

async function loadPeriod(id: string): Promise<Period> {
  const p = periodCache.get(id) ?? (await api<Period>('GET', `/periods/${id}`));
  periodCache.set(id, p);
  return p;
}

/** The office whose clients are listed: pk/kasi their own; admin one of the period's offices. */
function clientQueryOffice(ctx: ViewContext, period: Period): string | undefined {
  return ctx.session.role === 'admin' ? period.offices?.[0] : undefined;
}

// --- Daftarkan klien ke periode ------------------------------------------------------------

export async function enrollFormView(main: HTMLElement, params: Record<string, string>, ctx: ViewContext) {
  const id = params.id!;
  const clientId = params.clientId;
  const back = `#/periode/${id}`;
  if (!canManageEnrollment(ctx.session.role)) return notAllowed(main, back);
  loading(main);
  let period: Period;
  let clients: Client[];
  const inPeriod = new Map<string, string>(); // clientId -> enrollment status in this period
  try {
    period = await loadPeriod(id);
    const office = clientQueryOffice(ctx, period);
    let enrolled: EnrollmentListItem[];
    [clients, enrolled] = await Promise.all([
      listAll<Client>('/clients', { office }, 5),
      listAll<EnrollmentListItem>(`/periods/${id}/enrollments`, {}, 5),
    ]);
    for (const en of enrolled) inPeriod.set(en.clientId, en.status);
  } catch (e) {
    render(
      main,
      backLink(back, 'Periode'),
      errorBox(e as Error, () => enrollFormView(main, params, ctx)),
    );
    return;
  }
  // Clients not yet in this period first.
  clients.sort(
    (a, b) =>
      Number(inPeriod.has(a.id)) - Number(inPeriod.has(b.id)) || a.fullName.localeCompare(b.fullName, 'id'),
  );
  const today = ctx.today();

  const search = input('q', {
    type: 'text',
    enterkeyhint: 'search',
    placeholder: 'Ketik nama atau nomor registrasi',
    autocomplete: 'off',
    'aria-label': 'Cari klien',
  });
  const options = h('div', { class: 'client-options' });
  const status = h('p', { class: 'hint', role: 'status' });
  const lookup = h('button', { type: 'button', class: 'secondary small', hidden: true }, 'Cari nomor ini');
  let selected = clientId ?? '';

  const option = (c: Client) =>
    h(
      'label',
      { class: 'choice' },
      h('input', {
        type: 'radio',
        name: 'clientId',
        value: c.id,
        checked: c.id === selected,
        disabled: inPeriod.has(c.id),
        onchange: () => {
          selected = c.id;
        },
      }),
      h(
        'span',
        {},
        `${c.fullName} (${c.registrationNumber})`,
        inPeriod.has(c.id)
          ? h(
              'small',
              { class: 'muted' },
              ` — sudah di periode ini (${label(ENROLLMENT_STATUS_LABELS, inPeriod.get(c.id))})`,
            )
          : null,
      ),
    );

  const showOptions = () => {
    const q = search.value.trim().toLowerCase().replace(/\s+/g, ' ');
    const matches = clients.filter(
      (c) =>
        c.id === selected ||
        !q ||
        c.fullName.toLowerCase().includes(q) ||
        c.registrationNumber.toLowerCase().replace(/\s+/g, ' ').includes(q),
    );
    const shown = matches.slice(0, 30);
    options.replaceChildren(...shown.map(option));
    status.textContent =
      matches.length === 0
        ? 'Tidak ada klien yang cocok.'
        : matches.length > shown.length
          ? `${shown.length} dari ${matches.length} klien ditampilkan; ketik untuk menyaring.`
          : `${matches.length} klien.`;
    lookup.hidden = !q || matches.some((c) => c.id !== selected);
  };
  search.addEventListener('input', showOptions);
  lookup.addEventListener('click', async () => {
    lookup.disabled = true;
    try {
      const office = clientQueryOffice(ctx, period);
      const r = await api<Page<Client>>('GET', '/clients', {
        query: { registrationNumber: search.value.trim(), office },
      });
      const found = r?.items ?? [];
      for (const c of found) if (!clients.some((x) => x.id === c.id)) clients.push(c);
      status.textContent = found.length ? '' : 'Nomor registrasi tidak ditemukan.';
      if (found.length) showOptions();
    } catch (e) {
      status.textContent = (e as Error).message;
    } finally {
      lookup.disabled = false;
    }
  });
  showOptions();

  const form = h(
    'form',
    { novalidate: true },
    formErrorBox(),
    h(
      'fieldset',
      { class: 'field choices', 'data-field': 'clientId' },
      h('legend', {}, 'Klien'),
      search,
      lookup,
      status,
      options,
      h('p', { class: 'field-error', hidden: true }),
    ),
    field(
      'enrolledOn',
      'Tanggal ikut (opsional)',
      input('enrolledOn', { type: 'date', min: period.startDate, max: period.endDate }),
      `Kosongkan untuk hari ini (${formatDate(today)}) atau awal periode bila belum dimulai.`,
    ),
    h('button', { type: 'submit', class: 'primary' }, 'Daftarkan'),
  );
  onSubmit(form, {
    build: () => enrollmentPayload(readForm(form)),
    write: (payload) => ({
      method: 'POST',
      path: `/periods/${id}/enrollments`,
      label: `Pendaftaran · ${clients.find((x) => x.id === payload.clientId)?.fullName ?? 'klien'} · ${period.name}`,
    }),
    back,
    onDone: (enrollment: { id: string; enrolledOn: string }, payload) => {
      periodCache.delete(id);
      const c = clients.find((x) => x.id === payload.clientId);
      if (c) names.set(enrollment.id, { fullName: c.fullName, registrationNumber: c.registrationNumber });
      setFlash(
        `${c?.fullName ?? 'Klien'} terdaftar di ${period.name} sejak ${formatDate(enrollment.enrolledOn)}.`,
      );
      ctx.go(`#/keikutsertaan/${enrollment.id}`);
    },
  });
  render(
    main,
    backLink(back, period.name),
    h('h1', {}, 'Daftarkan klien'),
    h(
      'p',
      { class: 'muted' },
      `${period.name} · ${formatRange(period.startDate, period.endDate)} · ${period.enrolledCount}/${period.capacity} tempat`,
    ),
    form,
  );
}

/** After registering a client: pick an open period of the office to enroll them in. */
export async function enrollClientPickPeriodView(
  main: HTMLElement,
  params: Record<string, string>,
  ctx: ViewContext,
) {
  const clientId = params.clientId!;
  if (!canManageEnrollment(ctx.session.role)) return notAllowed(main, '#/');
  loading(main);
  let periods: Period[];
  try {
    periods = (await api<Page<Period>>('GET', '/periods', { query: { limit: 100 } })).items;
  } catch (e) {
    render(
      main,
      backLink('#/', 'Periode'),
      errorBox(e as Error, () => enrollClientPickPeriodView(main, params, ctx)),
    );
    return;
  }
  const today = ctx.today();
  // Closed or full periods would refuse the enrollment: they are not offered.
  const open = periods.filter(
    (p) => p.status === 'open' && p.endDate >= today && p.enrolledCount < p.capacity,
  );
  for (const p of periods) periodCache.set(p.id, p);
  render(
    main,
    backLink('#/', 'Periode'),
    h('h1', {}, 'Daftarkan ke periode'),
    open.length === 0 ? h('p', { class: 'muted' }, 'Tidak ada periode yang dibuka.') : null,
    h(
      'ul',
      { class: 'list' },
      open.map((p) =>
        h(
          'li',
          {},
          h(
            'a',
            { class: 'row', href: `#/periode/${p.id}/daftarkan/${clientId}` },
            h('span', { class: 'row-title' }, p.name),
            h('span', { class: 'row-sub' }, formatRange(p.startDate, p.endDate)),
            h('span', { class: 'row-meta' }, `${p.enrolledCount} dari ${p.capacity} tempat terisi`),
          ),
        ),
      ),
    ),
  );
}

// --- Enrollment-based forms ----------------------------------------------------------------

async function withEnrollment(
  main: HTMLElement,
  id: string,
  ctx: ViewContext,
  retry: () => void,
): Promise<EnrollmentDetail | null> {
  const cached = enrollmentCache.get(id);
  if (cached) return cached;
  loading(main);
  try {
    return await loadEnrollment(id, ctx.session.role);
  } catch (err) {
    render(main, backLink('#/', 'Periode'), errorBox(err as Error, retry));
    return null;
  }
}

function dateInput(ctx: ViewContext, min: string) {
  return input('date', { type: 'date', value: ctx.today(), max: ctx.today(), min, required: true });
}

function header(id: string, title: string): Child[] {
  return [
    backLink(`#/keikutsertaan/${id}`, clientName(id)),
    h('h1', {}, title),
    h('p', { class: 'muted' }, clientName(id)),
  ];
}

export async function enrollmentEndView(main: HTMLElement, params: Record<string, string>, ctx: ViewContext) {
  const id = params.id!;
  const back = `#/keikutsertaan/${id}`;
  if (!canManageEnrollment(ctx.session.role)) return notAllowed(main, back);
  const e = await withEnrollment(main, id, ctx, () => enrollmentEndView(main, params, ctx));
  if (!e) return;
  if (e.status !== 'active') {
    render(
      main,
      ...header(id, 'Akhiri keikutsertaan'),
      errorBox({
        message: `Keikutsertaan ini sudah berstatus ${label(ENROLLMENT_STATUS_LABELS, e.status)}.`,
      }),
    );
    return;
  }
  const form = h(
    'form',
    { novalidate: true },
    formErrorBox(),
    choiceGroup('status', 'Status akhir', END_STATUS_LABELS, {
      type: 'radio',
      hint: 'Berhenti dan dipindahkan membebaskan tempat di periode.',
    }),
    field('date', 'Tanggal', dateInput(ctx, e.enrolledOn)),
    field('reason', 'Alasan (opsional)', textarea('reason', { maxlength: 1000 })),
    h('p', { class: 'warn' }, 'Status akhir tidak dapat diubah kembali menjadi aktif.'),
    h('button', { type: 'submit', class: 'primary' }, 'Simpan status'),
  );
  onSubmit(form, {
    build: () => enrollmentEndPayload(readForm(form), e.enrolledOn),
    write: (payload) => ({
      method: 'PATCH',
      path: `/enrollments/${id}`,
      label: `Akhiri keikutsertaan · ${clientName(id)} · ${label(ENROLLMENT_STATUS_LABELS, payload.status)}`,
    }),
    back,
    onDone: (r: { status?: string } | null, payload) => {
      enrollmentCache.delete(id);
      periodCache.delete(e.periodId);
      setFlash(
        `Status: ${label(ENROLLMENT_STATUS_LABELS, r?.status ?? payload.status)} sejak ${formatDate(payload.date)}.`,
      );
      ctx.go(back);
    },
  });
  render(main, ...header(id, 'Akhiri keikutsertaan'), form);
}

export async function outcomeFormView(main: HTMLElement, params: Record<string, string>, ctx: ViewContext) {
  const id = params.id!;
  const back = `#/keikutsertaan/${id}`;
  if (!canRecordOutcome(ctx.session.role)) return notAllowed(main, back);
  const e = await withEnrollment(main, id, ctx, () => outcomeFormView(main, params, ctx));
  if (!e) return;
  const form = h(
    'form',
    { novalidate: true },
    formErrorBox(),
    choiceGroup('type', 'Jenis kejadian', OUTCOME_LABELS, { type: 'radio' }),
    field('date', 'Tanggal kejadian', dateInput(ctx, e.enrolledOn)),
    field('note', 'Catatan (opsional)', textarea('note', { maxlength: 2000 })),
    h('button', { type: 'submit', class: 'primary' }, 'Simpan kejadian'),
  );
  onSubmit(form, {
    build: () => outcomePayload(readForm(form)),
    write: (payload) => ({
      method: 'POST',
      path: `/enrollments/${id}/outcomes`,
      label: `Kejadian ${label(OUTCOME_LABELS, payload.type)} · ${clientName(id)} · ${formatDate(payload.date)}`,
    }),
    back,
    onDone: (r: { date?: string } | null, payload) => {
      enrollmentCache.delete(id);
      setFlash(
        `Kejadian "${label(OUTCOME_LABELS, payload.type)}" tanggal ${formatDate(r?.date ?? payload.date)} tercatat.`,
      );
      ctx.go(back);
    },
  });
  render(main, ...header(id, 'Catat kejadian'), form);
}

function itemRow(n: number) {
  const name = `responses.${n}`;
  return h(
    'fieldset',
    { class: 'item', 'data-field': `responses.${n - 1}` },
    h('legend', {}, `Butir ${n}`),
    h(
      'div',
      { class: 'segmented scale' },
      ['1', '2', '3', '4', '5'].map((v) =>
        h('label', { class: 'seg' }, h('input', { type: 'radio', name, value: v }), h('span', {}, v)),
      ),
      h(
        'label',
        { class: 'seg seg-none' },
        h('input', { type: 'radio', name, value: '', checked: true }),
        h('span', {}, 'tidak dijawab'),
      ),
    ),
    h('p', { class: 'field-error', hidden: true }),
  );
}

/** The scores the server returned, in words. */
export function scoreLines(instrument: string, scores: unknown): string[] {
  // biome-ignore lint/suspicious/noExplicitAny: the scores object is the server's (shared/domain/scoring)
  const s: any = scores ?? {};
  if (instrument === 'whoqol-bref') {
    const d = s.domains ?? {};
    const dom = (key: string, text: string) =>
      `${text}: ${d[key]?.score0to100 == null ? 'tidak dihitung (kurang jawaban)' : `${formatNumber(d[key].score0to100, 1)} (0–100), ${formatNumber(d[key].score4to20, 2)} (4–20)`}`;
    return [
      dom('physical', 'Fisik'),
      dom('psychological', 'Psikologis'),
      dom('social', 'Sosial'),
      dom('environment', 'Lingkungan'),
      `Kualitas hidup umum (Butir 1): ${s.overallQol ?? '–'}`,
      `Kepuasan kesehatan (Butir 2): ${s.generalHealth ?? '–'}`,
    ];
  }
  const sub = s.subscales ?? s;
  return [
    `Prakontemplasi: ${formatNumber(sub.precontemplation, 2)}`,
    `Kontemplasi: ${formatNumber(sub.contemplation, 2)}`,
    `Tindakan: ${formatNumber(sub.action, 2)}`,
    `Pemeliharaan: ${formatNumber(sub.maintenance, 2)}`,
    `Kesiapan berubah: ${formatNumber(s.readiness, 2)}`,
    `Tahap: ${label(URICA_STAGE_LABELS, s.stage)}`,
  ];
}

export async function assessmentFormView(
  main: HTMLElement,
  params: Record<string, string>,
  ctx: ViewContext,
) {
  const id = params.id!;
  const instrument = params.instrument!;
  const back = `#/keikutsertaan/${id}`;
  if (!canRecordAssessment(ctx.session.role) || !Object.hasOwn(ITEM_COUNTS, instrument))
    return notAllowed(main, back);
  const e = await withEnrollment(main, id, ctx, () => assessmentFormView(main, params, ctx));
  if (!e) return;
  let period: Period;
  try {
    period = await loadPeriod(e.periodId);
  } catch (err) {
    render(
      main,
      backLink(back, 'Kembali'),
      errorBox(err as Error, () => assessmentFormView(main, params, ctx)),
    );
    return;
  }
  const title = `Asesmen ${label(INSTRUMENT_LABELS, instrument)}`;
  if (!(period.instruments as string[]).includes(instrument)) {
    render(
      main,
      ...header(id, title),
      errorBox({ message: 'Instrumen ini tidak dipakai di periode klien.' }),
    );
    return;
  }
  const count = ITEM_COUNTS[instrument as keyof typeof ITEM_COUNTS];
  const items = [];
  for (let n = 1; n <= count; n++) items.push(itemRow(n));
  const form = h(
    'form',
    { novalidate: true, class: 'assessment' },
    formErrorBox(),
    // Opened from a due step ("Asesmen URICA (akhir)"), the phase is chosen already.
    choiceGroup('phase', 'Tahap', PHASE_LABELS, {
      type: 'radio',
      checked: params.phase ? [params.phase] : [],
    }),
    field('date', 'Tanggal pengisian', dateInput(ctx, e.enrolledOn)),
    h(
      'div',
      { class: 'field', 'data-field': 'responses' },
      h(
        'p',
        { class: 'hint' },
        `Salin jawaban dari formulir kertas ${label(INSTRUMENT_LABELS, instrument)} (pertanyaan ada di formulir kertas). `,
        'Pilih 1–5 sesuai jawaban klien; "tidak dijawab" bila kosong.',
      ),
      h('p', { class: 'field-error', hidden: true }),
    ),
    items,
    h('button', { type: 'submit', class: 'primary' }, 'Simpan asesmen'),
  );
  onSubmit(form, {
    build: () => assessmentPayload(instrument, readForm(form)),
    write: (payload) => ({
      method: 'POST',
      path: `/enrollments/${id}/assessments`,
      label: `${title} (${label(PHASE_LABELS, payload.phase)}) · ${clientName(id)} · ${formatDate(payload.date)}`,
    }),
    back,
    onDone: (r: { scores?: unknown } | null, payload) => {
      enrollmentCache.delete(id);
      render(
        main,
        backLink(back, clientName(id)),
        h(
          'section',
          { class: 'card', role: 'status' },
          h('h1', {}, `${title} tersimpan`),
          h(
            'p',
            { class: 'muted' },
            `${clientName(id)} · tahap ${label(PHASE_LABELS, payload.phase)} · ${formatDate(payload.date)}`,
          ),
          h('h2', {}, 'Skor dari server'),
          h(
            'ul',
            { class: 'plain' },
            scoreLines(instrument, r?.scores).map((t) => h('li', {}, t)),
          ),
          h('a', { class: 'button primary', href: back }, 'Kembali ke klien'),
        ),
      );
      window.scrollTo(0, 0);
    },
  });
  render(main, ...header(id, title), form);
}
