// Detail keikutsertaan: protocol progress, what is due, the timeline, and the record buttons.

import type { Role } from '../../../shared/domain/actor';
import type { ActivityType } from '../../../shared/domain/protocol';
import { api } from '../api';
import { type Child, h, render } from '../lib/dom';
import { dueFormHash, dueStepLabel } from '../lib/due';
import { dueText, formatDate, formatShortDate } from '../lib/format';
import { ACTIVITY_LABELS, ENROLLMENT_STATUS_LABELS, INSTRUMENT_LABELS, label } from '../lib/labels';
import { queuedActivities, withQueued } from '../lib/protocol-view';
import {
  canManageEnrollment,
  canRecordActivity,
  canRecordAssessment,
  canRecordGroupMeeting,
  canRecordOutcome,
  seesIdentities,
} from '../lib/roles';
import { timelineSummary, timelineTitle } from '../lib/timeline';
import { outboxRecords } from '../outbox';
import type { Client, EnrollmentDetail, Period } from '../types';
import { backLink, clientName, errorBox, loading, names, takeFlash, type ViewContext } from './common';
import { periodCache } from './periods';

export const enrollmentCache = new Map<string, EnrollmentDetail>();

/** Loads an enrollment and, if its client's name is not known yet, the client (not for viewers). */
export async function loadEnrollment(id: string, role: Role): Promise<EnrollmentDetail> {
  const enrollment = await api<EnrollmentDetail>('GET', `/enrollments/${id}`);
  enrollmentCache.set(id, enrollment);
  if (!(await names.recall(id)) && seesIdentities(role)) {
    try {
      const c = await api<Client>('GET', `/clients/${enrollment.clientId}`);
      names.set(id, { fullName: c.fullName, registrationNumber: c.registrationNumber });
    } catch {
      // The name is a convenience; the screen works without it.
    }
  }
  return enrollment;
}

export async function enrollmentView(main: HTMLElement, params: Record<string, string>, ctx: ViewContext) {
  const id = params.id!;
  const flash = takeFlash();
  loading(main);
  let e: EnrollmentDetail;
  try {
    e = await loadEnrollment(id, ctx.session.role);
  } catch (err) {
    render(
      main,
      backLink('#/', 'Periode'),
      errorBox(err as Error, () => enrollmentView(main, { id }, ctx)),
    );
    return;
  }
  const client = await names.recall(id);
  const outbox = await outboxRecords();
  // What waits in the outbox counts as done for what to record next (it is sent first).
  const p = withQueued(e.protocol, queuedActivities(id, outbox));
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

  // During the opening only the next step can be recorded (the API refuses the others), so
  // only it is offered; afterwards every type, in any order.
  const recordButton = (type: ActivityType) => {
    const isNext = !p.complete && p.nextExpected === type;
    if (!p.complete && !isNext) return null;
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
      const period = await api<Period>('GET', `/periods/${e.periodId}`);
      periodCache.set(e.periodId, period);
      instruments = period.instruments;
    } catch {
      instruments = []; // the assessment buttons are a convenience here
    }
  }
  const manage: Child[] = [
    canRecordAssessment(role)
      ? (instruments ?? []).map((inst) =>
          h(
            'a',
            { class: 'button secondary', href: `#/keikutsertaan/${id}/asesmen/${inst}` },
            `Asesmen ${label(INSTRUMENT_LABELS, inst)}`,
          ),
        )
      : [],
    canRecordOutcome(role)
      ? h('a', { class: 'button secondary', href: `#/keikutsertaan/${id}/kejadian` }, 'Catat kejadian')
      : null,
    active && canManageEnrollment(role)
      ? h('a', { class: 'button secondary', href: `#/keikutsertaan/${id}/akhiri` }, 'Akhiri keikutsertaan')
      : null,
  ]
    .flat()
    .filter(Boolean);

  const dueEntries = [
    ...(Object.entries(e.due ?? {}) as Array<[ActivityType, string]>).map(([type, dueDate]) => ({
      type,
      dueDate,
      enrollmentId: id,
      periodId: e.periodId,
    })),
    ...(e.assessmentsDue ?? []).map((a) => ({
      type: 'assessment' as const,
      instrument: a.instrument,
      phase: a.phase,
      dueDate: a.dueDate,
      enrollmentId: id,
      periodId: e.periodId,
    })),
  ].sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  const waiting = outbox.filter((r) => r.status !== 'sent' && r.path.startsWith(`/enrollments/${id}`));
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
            dueEntries.map((d) => {
              const overdue = d.dueDate < ctx.today();
              const text = `${dueStepLabel(d)}: ${formatShortDate(d.dueDate)} (${dueText(d.dueDate, ctx.today())})`;
              const href = dueFormHash(d, role);
              return h(
                'li',
                { class: overdue ? 'overdue' : '' },
                active && href !== `#/keikutsertaan/${id}` ? h('a', { href }, text) : text,
              );
            }),
          ),
        )
      : null,
    waiting.length
      ? h(
          'section',
          { class: 'card', 'aria-labelledby': 'waiting-title' },
          h('h2', { id: 'waiting-title' }, 'Di Kotak keluar'),
          h(
            'ul',
            { class: 'plain' },
            waiting.map((r) =>
              h(
                'li',
                {},
                `${r.label} — ${r.status === 'failed' ? 'gagal, perlu diperbaiki' : 'menunggu dikirim'}`,
              ),
            ),
          ),
          h('a', { href: '#/kotak-keluar' }, 'Buka Kotak keluar'),
        )
      : null,
    canAct || canGroup
      ? h(
          'section',
          { class: 'actions' },
          h('h2', {}, 'Catat kegiatan'),
          (['home_visit', 'urine_test', 'counseling', 'group_meeting'] as const).map(recordButton),
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
        timeline.map((item) => {
          const text = timelineSummary(item);
          const positive = 'positive' in item && item.positive === true;
          return h(
            'li',
            { class: positive ? 'positive' : '' },
            h('span', { class: 'tl-date' }, formatShortDate(item.date)),
            h('span', { class: 'tl-title' }, timelineTitle(item), positive ? ' — POSITIF' : ''),
            text ? h('span', { class: 'tl-text' }, text) : null,
          );
        }),
      ),
    ),
  );
}
