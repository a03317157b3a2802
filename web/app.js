// Pascarehab for officers' phones: a hash-routed single-page app on the real API.
// Screens live in views/; sign-in in auth.js (replaceable by Cognito); pure logic in lib/.

import { setUnauthorizedHandler } from './api.js';
import { consumeHashToken, getSession, renderSignIn, signOut } from './auth.js';
import { h, render } from './lib/dom.js';
import { todayIso } from './lib/format.js';
import { label, ROLE_LABELS, ROLE_SHORT_LABELS } from './lib/labels.js';
import { clientFormView } from './views/client-form.js';
import { setFlash } from './views/common.js';
import { enrollmentView } from './views/enrollment.js';
import { activityFormView, groupMeetingView } from './views/forms-activity.js';
import {
  assessmentFormView,
  enrollClientPickPeriodView,
  enrollFormView,
  enrollmentEndView,
  outcomeFormView,
} from './views/forms-enrollment.js';
import { periodsView, periodView } from './views/periods.js';

const ROUTES = [
  [/^#?\/?$/, periodsView],
  [/^#\/periode\/(?<id>[0-9A-Z]{26})$/, periodView],
  [/^#\/periode\/(?<id>[0-9A-Z]{26})\/pertemuan$/, groupMeetingView],
  [/^#\/keikutsertaan\/(?<id>[0-9A-Z]{26})$/, enrollmentView],
  [/^#\/keikutsertaan\/(?<id>[0-9A-Z]{26})\/catat\/(?<type>[a-z_]+)$/, activityFormView],
  [/^#\/periode\/(?<id>[0-9A-Z]{26})\/daftarkan(?:\/(?<clientId>[0-9A-Z]{26}))?$/, enrollFormView],
  [/^#\/keikutsertaan\/(?<id>[0-9A-Z]{26})\/akhiri$/, enrollmentEndView],
  [/^#\/keikutsertaan\/(?<id>[0-9A-Z]{26})\/kejadian$/, outcomeFormView],
  [/^#\/keikutsertaan\/(?<id>[0-9A-Z]{26})\/asesmen\/(?<instrument>[a-z-]+)$/, assessmentFormView],
  [/^#\/klien\/baru$/, clientFormView],
  [/^#\/klien\/(?<clientId>[0-9A-Z]{26})\/daftarkan$/, enrollClientPickPeriodView],
];

const header = document.getElementById('session');
const main = document.getElementById('main');

const ctx = {
  session: null,
  today: () => todayIso(window.PASCAREHAB_TIME_ZONE || 'Asia/Jakarta'),
  go: (hash) => {
    if (location.hash === hash) route();
    else location.hash = hash;
  },
};

function renderHeader() {
  const s = ctx.session;
  render(
    header,
    s
      ? h(
          'div',
          { class: 'who', title: label(ROLE_LABELS, s.role) },
          h('span', { class: 'who-role' }, label(ROLE_SHORT_LABELS, s.role)),
          h('span', { class: 'who-office' }, s.office),
        )
      : '',
    s
      ? h(
          'button',
          {
            type: 'button',
            class: 'link',
            onclick: () => {
              signOut();
              route();
            },
          },
          'Keluar',
        )
      : '',
  );
}

function route() {
  ctx.session = getSession();
  renderHeader();
  if (!ctx.session) {
    renderSignIn(main, () => route());
    return;
  }
  const hash = location.hash || '#/';
  for (const [re, view] of ROUTES) {
    const m = re.exec(hash);
    if (m) {
      window.scrollTo(0, 0);
      view(main, m.groups ?? {}, ctx);
      return;
    }
  }
  render(main, h('p', {}, 'Halaman tidak ditemukan. '), h('a', { href: '#/' }, 'Ke daftar periode'));
}

setUnauthorizedHandler(() => {
  signOut();
  setFlash('');
  // After the failing screen has shown its error: the sign-in screen replaces it.
  setTimeout(route, 0);
});

consumeHashToken();
window.addEventListener('hashchange', route);
route();
