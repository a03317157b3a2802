// Pascarehab for officers' phones: a hash-routed single-page app on the real API.
// Screens live in views/; sign-in in auth.ts (OpenID Connect, code + PKCE); pure logic in lib/.
// Offline: a service worker (web/sw/sw.ts) keeps the app itself; store.ts keeps drafts, the
// outbox and copies of what was read, per officer.
import './style.css';
import { offlineSince, resetStaleness, setUnauthorizedHandler } from './api';
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
import { type AttachedDraft, attachDraft } from './draft';
import { h, render } from './lib/dom';
import { formatDateTime, todayIso } from './lib/format';
import { label, ROLE_LABELS, ROLE_SHORT_LABELS } from './lib/labels';
import { countsOf } from './lib/outbox-rules';
import { canManageOfficers, canReadReports, canSearchClients, hasWorklist } from './lib/roles';
import { onOutboxChange, outboxRecords, startOutbox } from './outbox';
import { session as currentSession, setSession } from './session';
import { forgetReads } from './store';
import { clientFormView } from './views/client-form';
import { clientEditView, clientsView, clientView } from './views/clients';
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
import { outboxView } from './views/outbox';
import { periodsView, periodView } from './views/periods';
import { periodReportsView, reportsHomeView } from './views/reports';
import { signInView } from './views/sign-in';
import { worklistView } from './views/worklist';

const ID = '[0-9A-HJKMNP-TV-Z]{26}';
const OFFICER = '[\\w.@:-]{1,128}';
const ROUTES: Array<[RegExp, View]> = [
  [/^#?\/?$/, periodsView],
  [/^#\/tugas(?:\/(?<type>[a-z_]+))?$/, worklistView],
  [new RegExp(`^#/periode/(?<id>${ID})$`), periodView],
  [new RegExp(`^#/periode/(?<id>${ID})/pertemuan$`), groupMeetingView],
  [new RegExp(`^#/periode/(?<id>${ID})/laporan$`), periodReportsView],
  [new RegExp(`^#/keikutsertaan/(?<id>${ID})$`), enrollmentView],
  [new RegExp(`^#/keikutsertaan/(?<id>${ID})/catat/(?<type>[a-z_]+)$`), activityFormView],
  [new RegExp(`^#/periode/(?<id>${ID})/daftarkan(?:/(?<clientId>${ID}))?$`), enrollFormView],
  [new RegExp(`^#/keikutsertaan/(?<id>${ID})/akhiri$`), enrollmentEndView],
  [new RegExp(`^#/keikutsertaan/(?<id>${ID})/kejadian$`), outcomeFormView],
  [
    new RegExp(`^#/keikutsertaan/(?<id>${ID})/asesmen/(?<instrument>[a-z-]+)(?:/(?<phase>pre|mid|post))?$`),
    assessmentFormView,
  ],
  [/^#\/klien$/, clientsView],
  [/^#\/klien\/baru$/, clientFormView],
  [new RegExp(`^#/klien/(?<clientId>${ID})$`), clientView],
  [new RegExp(`^#/klien/(?<clientId>${ID})/ubah$`), clientEditView],
  [new RegExp(`^#/klien/(?<clientId>${ID})/daftarkan$`), enrollClientPickPeriodView],
  [/^#\/laporan$/, reportsHomeView],
  [/^#\/kotak-keluar$/, outboxView],
  [/^#\/petugas$/, officersView],
  [/^#\/petugas\/baru$/, officerFormView],
  [new RegExp(`^#/petugas/(?<id>${OFFICER})$`), officerView],
];

const header = document.getElementById('session')!;
const nav = document.getElementById('nav')!;
const main = document.getElementById('main')!;
let timeZone = 'Asia/Jakarta';
let routing = 0;
let draft: AttachedDraft | undefined;

const go = (hash: string) => {
  if (location.hash === hash) void route();
  else location.hash = hash;
};

/** The menu: what the role may use; the outbox with its count when something waits or failed. */
async function renderNav(ctx: ViewContext | null) {
  const s = ctx?.session;
  if (!s) {
    render(nav);
    nav.hidden = true;
    return;
  }
  const hash = location.hash || '#/';
  const counts = countsOf(await outboxRecords());
  const waiting = counts.pending + counts.failed;
  const items: Array<[string, string, boolean]> = [
    ['#/tugas', 'Tugas saya', hasWorklist(s.role)],
    ['#/', 'Periode', true],
    ['#/klien', 'Klien', canSearchClients(s.role)],
    ['#/laporan', 'Laporan', canReadReports(s.role)],
    ['#/petugas', 'Petugas', canManageOfficers(s.role)],
    [
      '#/kotak-keluar',
      waiting ? `Kotak keluar (${waiting})` : 'Kotak keluar',
      hasWorklist(s.role) || waiting > 0,
    ],
  ];
  const reports = hash.startsWith('#/laporan') || /^#\/periode\/[^/]+\/laporan$/.test(hash);
  const current = (href: string) =>
    href === '#/laporan'
      ? reports
      : href === '#/'
        ? !reports && (hash === '#/' || hash.startsWith('#/periode') || hash.startsWith('#/keikutsertaan'))
        : hash.startsWith(href);
  render(
    nav,
    items
      .filter(([, , shown]) => shown)
      .map(([href, text]) =>
        h(
          'a',
          {
            href,
            'aria-current': current(href) ? 'page' : false,
            class: href === '#/kotak-keluar' && counts.failed ? 'alert' : '',
            'data-testid': href === '#/kotak-keluar' ? 'outbox-link' : undefined,
          },
          text,
        ),
      ),
  );
  nav.hidden = false;
}

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
    s
      ? h(
          'button',
          {
            type: 'button',
            class: 'link',
            onclick: async () => {
              await forgetReads(s.sub).catch(() => undefined);
              await signOut();
            },
          },
          'Keluar',
        )
      : null,
  );
  void renderNav(ctx);
}

/** With no network, the screen says so, and when what it shows was fetched. */
function offlineNotice(): HTMLElement | null {
  const since = offlineSince();
  if (since === null) return null;
  return h(
    'p',
    { class: 'offline', role: 'status' },
    `Tidak ada sinyal. Data ini terakhir diambil ${formatDateTime(since, timeZone)}.`,
  );
}

async function route() {
  const turn = ++routing;
  await draft?.detach();
  draft = undefined;
  const user = await currentUser();
  if (turn !== routing) return; // a newer navigation took over
  const session = sessionOf(user);
  setSession(session);
  if (!session) {
    if (user) await forgetUser(); // a token the API would refuse (no role or office)
    renderHeader(null);
    signInView(main, { onSignIn: () => void startSignin(location.hash || '#/') });
    return;
  }
  startOutbox();
  const ctx: ViewContext = { session, today: () => todayIso(timeZone), timeZone, go };
  renderHeader(ctx);
  const hash = location.hash || '#/';
  for (const [re, view] of ROUTES) {
    const m = re.exec(hash);
    if (m) {
      window.scrollTo(0, 0);
      resetStaleness();
      await view(main, { ...m.groups }, ctx);
      if (turn !== routing) return;
      const notice = offlineNotice();
      if (notice) main.prepend(notice);
      const form = main.querySelector<HTMLFormElement>('form:not([data-draft="off"])');
      if (form) {
        draft = await attachDraft(form, session.sub, hash);
        if (draft.restored && turn === routing) {
          main.prepend(
            h(
              'p',
              { class: 'flash', role: 'status' },
              `Isian yang belum terkirim dipulihkan (draf ${formatDateTime(draft.restored.savedAt, timeZone)}): periksa lalu kirim.`,
            ),
          );
        }
      }
      return;
    }
  }
  render(main, h('p', {}, 'Halaman tidak ditemukan. '), h('a', { href: '#/' }, 'Ke daftar periode'));
}

// The API refused the session even after a renewal (ended, or the account was disabled): what
// was typed is saved as a draft, then off to sign in; the same screen comes back afterwards.
setUnauthorizedHandler(() => {
  const hash = location.hash || '#/';
  setFlash('');
  void (async () => {
    await draft?.flush();
    await forgetUser();
    await startSignin(hash);
  })();
});

onOutboxChange(() => {
  const s = currentSession();
  if (s) void renderNav({ session: s, today: () => todayIso(timeZone), timeZone, go });
});

/** The app itself is kept by a service worker, so it opens with no network after one visit. */
function registerServiceWorker() {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('./sw.js').catch(() => {
    // No service worker (an old browser, a private window): the app still works online.
  });
}

async function start() {
  registerServiceWorker();
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
  // Back online on a screen read from the kept copies (and with no form being typed): read it again.
  window.addEventListener('online', () => {
    if (offlineSince() !== null && !main.querySelector('form:not([data-draft="off"])')) void route();
  });
  await route();
}

void start();
