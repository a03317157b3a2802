// Pascarehab for officers' phones: a hash-routed single-page app on the real API.
// Screens live in views/; sign-in in auth.ts (OpenID Connect, code + PKCE); pure logic in lib/.
import './style.css';
import { setUnauthorizedHandler } from './api';
import {
  completeSignin,
  currentUser,
  forgetUser,
  initAuth,
  isSigninCallback,
  sessionOf,
  signOut,
  startSignin,
} from './auth';
import { loadConfig } from './config';
import { keepDraft, restoreDraft } from './draft';
import { h, render } from './lib/dom';
import { todayIso } from './lib/format';
import { label, ROLE_LABELS, ROLE_SHORT_LABELS } from './lib/labels';
import { canManageOfficers } from './lib/roles';
import { clientFormView } from './views/client-form';
import { errorBox, setFlash, type View, type ViewContext } from './views/common';
import { enrollmentView } from './views/enrollment';
import { activityFormView, groupMeetingView } from './views/forms-activity';
import {
  assessmentFormView,
  enrollClientPickPeriodView,
  enrollFormView,
  enrollmentEndView,
  outcomeFormView,
} from './views/forms-enrollment';
import { officerFormView, officersView, officerView } from './views/officers';
import { periodsView, periodView } from './views/periods';
import { signInView } from './views/sign-in';

const ID = '[0-9A-HJKMNP-TV-Z]{26}';
const OFFICER = '[\\w.@:-]{1,128}';
const ROUTES: Array<[RegExp, View]> = [
  [/^#?\/?$/, periodsView],
  [new RegExp(`^#/periode/(?<id>${ID})$`), periodView],
  [new RegExp(`^#/periode/(?<id>${ID})/pertemuan$`), groupMeetingView],
  [new RegExp(`^#/keikutsertaan/(?<id>${ID})$`), enrollmentView],
  [new RegExp(`^#/keikutsertaan/(?<id>${ID})/catat/(?<type>[a-z_]+)$`), activityFormView],
  [new RegExp(`^#/periode/(?<id>${ID})/daftarkan(?:/(?<clientId>${ID}))?$`), enrollFormView],
  [new RegExp(`^#/keikutsertaan/(?<id>${ID})/akhiri$`), enrollmentEndView],
  [new RegExp(`^#/keikutsertaan/(?<id>${ID})/kejadian$`), outcomeFormView],
  [new RegExp(`^#/keikutsertaan/(?<id>${ID})/asesmen/(?<instrument>[a-z-]+)$`), assessmentFormView],
  [/^#\/klien\/baru$/, clientFormView],
  [new RegExp(`^#/klien/(?<clientId>${ID})/daftarkan$`), enrollClientPickPeriodView],
  [/^#\/petugas$/, officersView],
  [/^#\/petugas\/baru$/, officerFormView],
  [new RegExp(`^#/petugas/(?<id>${OFFICER})$`), officerView],
];

const header = document.getElementById('session')!;
const nav = document.getElementById('nav')!;
const main = document.getElementById('main')!;
let timeZone = 'Asia/Jakarta';
let routing = 0;

const go = (hash: string) => {
  if (location.hash === hash) void route();
  else location.hash = hash;
};

function renderHeader(ctx: ViewContext | null) {
  const s = ctx?.session;
  render(
    header,
    s
      ? h(
          'p',
          { class: 'who', title: label(ROLE_LABELS, s.role), 'data-testid': 'who' },
          h('span', { class: 'who-role' }, label(ROLE_SHORT_LABELS, s.role)),
          ' ',
          h('span', { class: 'who-office' }, s.office),
        )
      : null,
    s ? h('button', { type: 'button', class: 'link', onclick: () => void signOut() }, 'Keluar') : null,
  );
  const officers = location.hash.startsWith('#/petugas');
  render(
    nav,
    s && canManageOfficers(s.role)
      ? [
          h('a', { href: '#/', 'aria-current': officers ? false : 'page' }, 'Periode'),
          h('a', { href: '#/petugas', 'aria-current': officers ? 'page' : false }, 'Petugas'),
        ]
      : null,
  );
  nav.hidden = !(s && canManageOfficers(s.role));
}

async function route() {
  const turn = ++routing;
  const user = await currentUser();
  if (turn !== routing) return; // a newer navigation took over
  const session = sessionOf(user);
  if (!session) {
    if (user) await forgetUser(); // a token the API would refuse (no role or office)
    renderHeader(null);
    signInView(main, { onSignIn: () => void startSignin(location.hash || '#/') });
    return;
  }
  const ctx: ViewContext = { session, today: () => todayIso(timeZone), go };
  renderHeader(ctx);
  const hash = location.hash || '#/';
  for (const [re, view] of ROUTES) {
    const m = re.exec(hash);
    if (m) {
      window.scrollTo(0, 0);
      await view(main, { ...m.groups }, ctx);
      if (turn === routing && restoreDraft(main, hash)) {
        main.prepend(
          h(
            'p',
            { class: 'flash', role: 'status' },
            'Anda sudah masuk kembali. Isian yang belum terkirim dipulihkan: periksa lalu kirim lagi.',
          ),
        );
      }
      return;
    }
  }
  render(main, h('p', {}, 'Halaman tidak ditemukan. '), h('a', { href: '#/' }, 'Ke daftar periode'));
}

// The API refused the session even after a renewal (ended, or the account was disabled): keep
// what was typed, then off to sign in; the same screen comes back afterwards.
setUnauthorizedHandler(() => {
  const hash = location.hash || '#/';
  keepDraft(main, hash);
  setFlash('');
  void forgetUser().then(() => startSignin(hash));
});

async function start() {
  let config: Awaited<ReturnType<typeof loadConfig>>;
  try {
    config = await loadConfig();
  } catch (e) {
    render(
      main,
      errorBox(e as Error, () => void start()),
    );
    return;
  }
  timeZone = config.timeZone;
  initAuth(config);
  if (isSigninCallback()) {
    let hash = '#/';
    try {
      ({
        state: { hash },
      } = await completeSignin());
    } catch (e) {
      history.replaceState(null, '', location.pathname);
      renderHeader(null);
      signInView(main, {
        onSignIn: () => void startSignin('#/'),
        error: `Gagal masuk: ${(e as Error).message}`,
      });
      return;
    }
    // The code and state leave the address bar (and the history) at once.
    history.replaceState(null, '', `${location.pathname}${hash}`);
  }
  window.addEventListener('hashchange', () => void route());
  await route();
}

void start();
