// Detail keikutsertaan: protocol progress, what is due, the timeline, and the record buttons.

import { api } from '../api.js';
import { h, render } from '../lib/dom.js';
import { dueText, formatDate, formatNumber, formatShortDate } from '../lib/format.js';
import {
  ACTIVITY_LABELS,
  ENROLLMENT_STATUS_LABELS,
  INSTRUMENT_LABELS,
  label,
  OUTCOME_LABELS,
  PHASE_LABELS,
  PRESENT_LABELS,
  RISK_LABELS,
  SUBSTANCE_LABELS,
  URICA_STAGE_LABELS,
  URINE_RESULT_LABELS,
} from '../lib/labels.js';
import {
  canManageEnrollment,
  canRecordActivity,
  canRecordAssessment,
  canRecordGroupMeeting,
  seesIdentities,
} from '../lib/roles.js';
import { backLink, clientName, errorBox, loading, names, takeFlash } from './common.js';
import { periodCache } from './periods.js';

export const enrollmentCache = new Map();

/** Loads an enrollment and, if its client's name is not known yet, the client (not for viewers). */
export async function loadEnrollment(id, role) {
  const enrollment = await api('GET', `/enrollments/${id}`);
  enrollmentCache.set(id, enrollment);
  if (!names.has(id) && seesIdentities(role)) {
    try {
      const c = await api('GET', `/clients/${enrollment.clientId}`);
      names.set(id, { fullName: c.fullName, registrationNumber: c.registrationNumber });
    } catch {
      // The name is a convenience; the screen works without it.
    }
  }
  return enrollment;
}

function summary(item) {
  if (item.kind === 'group_meeting') return item.topic;
  if (item.kind === 'outcome')
    return [label(OUTCOME_LABELS, item.type), item.note].filter(Boolean).join(': ');
  if (item.kind === 'assessment') {
    const s = item.scores ?? {};
    const head = `${label(INSTRUMENT_LABELS, item.instrument)} (${label(PHASE_LABELS, item.phase)})`;
    if (s.domains) {
      const d = s.domains;
      return `${head}: fisik ${formatNumber(d.physical?.score0to100, 0)}, psikologis ${formatNumber(d.psychological?.score0to100, 0)}, sosial ${formatNumber(d.social?.score0to100, 0)}, lingkungan ${formatNumber(d.environment?.score0to100, 0)}`;
    }
    if (s.stage)
      return `${head}: tahap ${label(URICA_STAGE_LABELS, s.stage)}, kesiapan ${formatNumber(s.readiness)}`;
    return head;
  }
  switch (item.type) {
    case 'home_visit':
      return [
        `Hadir: ${(item.present ?? []).map((p) => label(PRESENT_LABELS, p)).join(', ')}`,
        `Dukungan keluarga ${item.familySupport}/5`,
        item.riskFactors?.length
          ? `Risiko: ${item.riskFactors.map((r) => label(RISK_LABELS, r)).join(', ')}`
          : 'Tanpa faktor risiko',
        item.findings,
      ].join(' · ');
    case 'urine_test':
      return Object.entries(item.results ?? {})
        .map(([s, r]) => `${label(SUBSTANCE_LABELS, s)}: ${label(URINE_RESULT_LABELS, r)}`)
        .join(', ');
    case 'counseling':
      return `${item.topic} (${item.durationMinutes} menit, ${item.counselor})`;
    default:
      return '';
  }
}

function timelineTitle(item) {
  if (item.kind === 'assessment') return 'Asesmen';
  if (item.kind === 'outcome') return 'Kejadian';
  return label(ACTIVITY_LABELS, item.type ?? item.kind);
}

export async function enrollmentView(main, { id }, ctx) {
  const flash = takeFlash();
  loading(main);
  let e;
  try {
    e = await loadEnrollment(id, ctx.session.role);
  } catch (err) {
    render(
      main,
      backLink('#/', 'Periode'),
      errorBox(err, () => enrollmentView(main, { id }, ctx)),
    );
    return;
  }
  const client = names.get(id);
  const p = e.protocol;
  const active = e.status === 'active';
  const canAct = active && canRecordActivity(ctx.session.role);
  const canGroup = active && canRecordGroupMeeting(ctx.session.role);

  const steps = h(
    'ol',
    { class: 'steps' },
    p.opening.map((type, i) => {
      const done = i < p.done.length;
      const next = !done && p.nextExpected === type && i === p.done.length;
      return h(
        'li',
        { class: done ? 'done' : next ? 'next' : 'todo' },
        h('span', { class: 'step-mark', 'aria-hidden': 'true' }, done ? '✓' : String(i + 1)),
        label(ACTIVITY_LABELS, type),
        done ? h('span', { class: 'sr' }, ' (selesai)') : next ? h('strong', {}, ' — berikutnya') : null,
      );
    }),
  );

  const recordButton = (type) => {
    const isNext = !p.complete && p.nextExpected === type;
    const href =
      type === 'group_meeting' ? `#/periode/${e.periodId}/pertemuan` : `#/keikutsertaan/${id}/catat/${type}`;
    const allowed = type === 'group_meeting' ? canGroup : canAct;
    if (!allowed) return null;
    return h(
      'a',
      { class: `button ${isNext ? 'primary' : 'secondary'}`, href },
      label(ACTIVITY_LABELS, type),
    );
  };

  const role = ctx.session.role;
  let instruments = periodCache.get(e.periodId)?.instruments;
  if (!instruments && canRecordAssessment(role)) {
    try {
      const period = await api('GET', `/periods/${e.periodId}`);
      periodCache.set(e.periodId, period);
      instruments = period.instruments;
    } catch {
      instruments = []; // the assessment buttons are a convenience here
    }
  }
  const manage = [
    canRecordAssessment(role)
      ? (instruments ?? []).map((inst) =>
          h(
            'a',
            { class: 'button secondary', href: `#/keikutsertaan/${id}/asesmen/${inst}` },
            `Asesmen ${label(INSTRUMENT_LABELS, inst)}`,
          ),
        )
      : [],
    canManageEnrollment(role)
      ? h('a', { class: 'button secondary', href: `#/keikutsertaan/${id}/kejadian` }, 'Catat kejadian')
      : null,
    active && canManageEnrollment(role)
      ? h('a', { class: 'button secondary', href: `#/keikutsertaan/${id}/akhiri` }, 'Akhiri keikutsertaan')
      : null,
  ]
    .flat()
    .filter(Boolean);

  const dueEntries = Object.entries(e.due ?? {}).sort((a, b) => a[1].localeCompare(b[1]));
  const timeline = [...e.timeline].reverse();

  render(
    main,
    backLink(`#/periode/${e.periodId}`, 'Periode'),
    flash ?? '',
    h('h1', {}, clientName(id, client)),
    client?.registrationNumber ? h('p', { class: 'muted' }, client.registrationNumber) : null,
    h(
      'p',
      {},
      h('span', { class: `badge ${e.status}` }, label(ENROLLMENT_STATUS_LABELS, e.status)),
      ` Ikut sejak ${formatDate(e.enrolledOn)}`,
      e.statusDate ? `, status sejak ${formatDate(e.statusDate)}` : '',
    ),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, 'Tahap pembukaan'),
      steps,
      p.complete
        ? h('p', { class: 'ok' }, 'Tahap pembukaan selesai. Kegiatan berikutnya bebas urutannya.')
        : null,
      !p.complete && p.nextExpected
        ? h('p', {}, 'Kegiatan berikutnya harus: ', h('strong', {}, label(ACTIVITY_LABELS, p.nextExpected)))
        : null,
    ),
    dueEntries.length
      ? h(
          'section',
          { class: 'card' },
          h('h2', {}, 'Jatuh tempo'),
          h(
            'ul',
            { class: 'plain' },
            dueEntries.map(([type, date]) => {
              const overdue = date < ctx.today();
              return h(
                'li',
                { class: overdue ? 'overdue' : '' },
                `${label(ACTIVITY_LABELS, type)}: ${formatShortDate(date)} (${dueText(date, ctx.today())})`,
              );
            }),
          ),
        )
      : null,
    canAct || canGroup
      ? h(
          'section',
          { class: 'actions' },
          h('h2', {}, 'Catat kegiatan'),
          ['home_visit', 'urine_test', 'counseling', 'group_meeting'].map(recordButton),
        )
      : null,
    manage.length ? h('section', { class: 'actions' }, h('h2', {}, 'Asesmen dan status'), manage) : null,
    h(
      'section',
      {},
      h('h2', {}, 'Riwayat'),
      timeline.length === 0 ? h('p', { class: 'muted' }, 'Belum ada kegiatan.') : null,
      h(
        'ul',
        { class: 'timeline' },
        timeline.map((item) =>
          h(
            'li',
            { class: item.positive ? 'positive' : '' },
            h('span', { class: 'tl-date' }, formatShortDate(item.date)),
            h('span', { class: 'tl-title' }, timelineTitle(item), item.positive ? ' — POSITIF' : ''),
            h('span', { class: 'tl-text' }, summary(item)),
          ),
        ),
      ),
    ),
  );
}
