// Sign-in. For now the officer pastes a bearer token (locally from `npm run token`); it lives in
// sessionStorage (gone when the tab closes). A Cognito sign-in replaces THIS module only: the
// rest of the app uses getToken(), getSession(), signOut() and renderSignIn().

import { h, render } from './lib/dom.js';
import { sessionFromToken } from './lib/jwt.js';
import { label, ROLE_LABELS } from './lib/labels.js';

const STORAGE_KEY = 'pascarehab.token';

export function getToken() {
  return sessionStorage.getItem(STORAGE_KEY);
}

/** { role, office, sub, expiresAt, expired } of the stored token, or null if none or expired. */
export function getSession() {
  const token = getToken();
  const session = token ? sessionFromToken(token) : null;
  if (!session || session.expired) return null;
  return session;
}

/** Stores a token after checking it reads as one of ours; throws an Indonesian message if not. */
export function signIn(token) {
  const t = String(token ?? '')
    .trim()
    .replace(/^Bearer\s+/i, '');
  const session = sessionFromToken(t);
  if (!session) throw new Error('Token tidak dikenali. Tempel token lengkap (tiga bagian dipisah titik).');
  if (session.expired) throw new Error('Token sudah kedaluwarsa. Minta token baru.');
  sessionStorage.setItem(STORAGE_KEY, t);
  return session;
}

export function signOut() {
  sessionStorage.removeItem(STORAGE_KEY);
}

/**
 * LOCAL DEVELOPMENT ONLY: `/app/#token=<jwt>` (optionally `&to=/periode/<id>`) signs in with that
 * token once and removes it from the address bar and history (so screenshots and scripts can
 * open screens behind sign-in). With Cognito this goes away.
 */
export function consumeHashToken() {
  const m = /^#token=([^&]+)(?:&to=(\/[A-Za-z0-9/_-]*))?$/.exec(location.hash);
  if (!m) return;
  try {
    signIn(decodeURIComponent(m[1]));
  } catch {
    // A bad token just leaves the sign-in screen showing.
  }
  history.replaceState(null, '', `${location.pathname}${location.search}#${m[2] ?? '/'}`);
}

/** The sign-in screen. Calls onSignedIn(session) when done. */
export function renderSignIn(root, onSignedIn) {
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const input = h('textarea', {
    id: 'token',
    name: 'token',
    rows: 5,
    autocomplete: 'off',
    autocapitalize: 'off',
    spellcheck: 'false',
    placeholder: 'eyJ…',
  });
  const preview = h('p', { class: 'muted' });
  input.addEventListener('input', () => {
    const s = sessionFromToken(input.value.trim().replace(/^Bearer\s+/i, ''));
    preview.textContent = s ? `Peran: ${label(ROLE_LABELS, s.role)} · Kantor: ${s.office}` : '';
  });
  const form = h(
    'form',
    {
      class: 'card',
      novalidate: true,
      onsubmit: (ev) => {
        ev.preventDefault();
        try {
          const session = signIn(input.value);
          onSignedIn(session);
        } catch (e) {
          error.textContent = e.message;
          error.hidden = false;
        }
      },
    },
    h('h1', {}, 'Masuk'),
    h('p', {}, 'Tempel token akses Anda. Token disimpan hanya selama tab ini terbuka.'),
    h('label', { for: 'token' }, 'Token akses'),
    input,
    preview,
    error,
    h('button', { type: 'submit', class: 'primary' }, 'Masuk'),
  );
  render(root, form);
  input.focus();
}
