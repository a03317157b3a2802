// Kotak keluar: what waits to be sent, what the server refused (with its message, to fix or
// discard), and what was sent lately.

import { h, render } from '../lib/dom';
import { formatDateTime } from '../lib/format';
import { countsOf, queueOrder } from '../lib/outbox-rules';
import {
  discard,
  flushOutbox,
  type OutboxRecord,
  onOutboxChange,
  outboxRecords,
  takeBackForFixing,
} from '../outbox';
import { setFlash, takeFlash, type ViewContext } from './common';

let unsubscribe: (() => void) | undefined;

export async function outboxView(main: HTMLElement, _params: Record<string, string>, ctx: ViewContext) {
  const flash = takeFlash();
  unsubscribe?.();
  const draw = async () => {
    const records = await outboxRecords();
    if (!main.isConnected || location.hash !== '#/kotak-keluar') {
      unsubscribe?.();
      return;
    }
    const counts = countsOf(records);
    const { blockedBy } = queueOrder(records);
    const byNewest = (a: OutboxRecord, b: OutboxRecord) => (b.id ?? 0) - (a.id ?? 0);
    const failed = records.filter((r) => r.status === 'failed').sort(byNewest);
    const pending = records.filter((r) => r.status === 'pending').sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
    const sent = records.filter((r) => r.status === 'sent').sort((a, b) => (b.sentAt ?? 0) - (a.sentAt ?? 0));
    const when = (ms: number | undefined) => (ms ? formatDateTime(ms, ctx.timeZone) : '');

    const sendNow = h('button', { type: 'button', class: 'primary' }, 'Kirim sekarang');
    sendNow.addEventListener('click', async () => {
      sendNow.disabled = true;
      sendNow.textContent = 'Mengirim…';
      await flushOutbox();
    });

    render(
      main,
      flash ?? '',
      h('h1', {}, 'Kotak keluar'),
      h(
        'p',
        { class: 'muted', 'data-testid': 'outbox-counts' },
        `Menunggu: ${counts.pending} · Gagal: ${counts.failed} · Terkirim: ${counts.sent}`,
      ),
      h(
        'p',
        { class: 'hint' },
        navigator.onLine
          ? 'Kiriman dikirim berurutan. Yang menunggu dikirim otomatis; kiriman yang sama tidak pernah tercatat dua kali.'
          : 'Tidak ada sinyal. Yang menunggu dikirim otomatis saat tersambung lagi.',
      ),
      counts.pending > 0 && !blockedBy ? sendNow : null,
      failed.length
        ? h(
            'section',
            { 'aria-labelledby': 'ob-failed' },
            h('h2', { id: 'ob-failed' }, 'Gagal: perlu diperbaiki'),
            blockedBy && counts.pending
              ? h(
                  'p',
                  { class: 'warn' },
                  'Kiriman berikutnya menunggu sampai yang gagal diperbaiki atau dibuang.',
                )
              : null,
            h(
              'ul',
              { class: 'list' },
              failed.map((r) => {
                const fix = h('button', { type: 'button', class: 'primary' }, 'Perbaiki');
                fix.addEventListener('click', async () => {
                  const taken = await takeBackForFixing(r.id!);
                  if (taken) {
                    setFlash('Isian dikembalikan ke formulirnya: perbaiki lalu kirim lagi.');
                    ctx.go(taken.formHash);
                  }
                });
                const drop = h('button', { type: 'button', class: 'secondary' }, 'Buang');
                drop.addEventListener('click', async () => {
                  if (!confirm(`Buang "${r.label}"? Isiannya hilang dan tidak dikirim.`)) return;
                  await discard(r.id!);
                });
                return h(
                  'li',
                  { class: 'row overdue' },
                  h('span', { class: 'row-title' }, r.label),
                  h('span', { class: 'row-sub' }, `Dibuat ${when(r.createdAt)}`),
                  h('span', { class: 'row-meta' }, r.error?.message ?? 'Ditolak server.'),
                  r.error?.details.length
                    ? h(
                        'ul',
                        { class: 'plain' },
                        r.error.details.map((d) => h('li', {}, d.message)),
                      )
                    : null,
                  fix,
                  drop,
                );
              }),
            ),
          )
        : null,
      h(
        'section',
        { 'aria-labelledby': 'ob-pending' },
        h('h2', { id: 'ob-pending' }, `Menunggu dikirim (${counts.pending})`),
        pending.length === 0 ? h('p', { class: 'muted' }, 'Tidak ada yang menunggu.') : null,
        h(
          'ul',
          { class: 'list' },
          pending.map((r) =>
            h(
              'li',
              { class: 'row' },
              h('span', { class: 'row-title' }, r.label),
              h(
                'span',
                { class: 'row-sub' },
                `Dibuat ${when(r.createdAt)}${r.attempts ? ` · ${r.attempts}× dicoba` : ''}`,
              ),
            ),
          ),
        ),
      ),
      h(
        'section',
        { 'aria-labelledby': 'ob-sent' },
        h('h2', { id: 'ob-sent' }, 'Terkirim'),
        sent.length === 0 ? h('p', { class: 'muted' }, 'Belum ada.') : null,
        h(
          'ul',
          { class: 'list' },
          sent.map((r) =>
            h(
              'li',
              { class: 'row' },
              h('span', { class: 'row-title' }, r.label),
              h('span', { class: 'row-sub' }, `Terkirim ${when(r.sentAt)}`),
            ),
          ),
        ),
      ),
    );
  };
  unsubscribe = onOutboxChange(() => void draw());
  await draw();
}
