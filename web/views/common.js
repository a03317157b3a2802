// Pieces every screen uses: loading text, an error box with a retry, a back link, names.

import { h, render } from '../lib/dom.js';

export function loading(main, text = 'Memuat…') {
  render(main, h('p', { class: 'loading', role: 'status' }, text));
}

/** Shows an API error (its Indonesian message) with a "Coba lagi" button. */
export function errorBox(err, retry) {
  return h(
    'div',
    { class: 'error-box', role: 'alert' },
    h('p', {}, err?.message || 'Terjadi kesalahan.'),
    retry ? h('button', { type: 'button', class: 'secondary', onclick: retry }, 'Coba lagi') : null,
  );
}

export function backLink(href, text) {
  return h('a', { class: 'back', href }, `‹ ${text}`);
}

/** Names learned from lists (enrollment id -> { fullName, registrationNumber }), per tab. */
export const names = new Map();

export function clientName(enrollmentId, client) {
  const c = client ?? names.get(enrollmentId);
  return c?.fullName ?? `Klien …${String(enrollmentId).slice(-6)}`;
}

/** A one-time message shown on the next screen ("Kegiatan tercatat."). */
let flashText = '';
export function setFlash(text) {
  flashText = text;
}
export function takeFlash() {
  const t = flashText;
  flashText = '';
  return t ? h('p', { class: 'flash', role: 'status' }, t) : null;
}
