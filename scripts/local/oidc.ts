import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { LocalUser, LocalUserStore } from '../../shared/directory/local';
import { passwordProblems } from '../../shared/directory/password-policy';
import { type KeyFiles, signingJwk } from './identity';
import { OidcFileStore } from './oidc-store';
import { SECURITY_HEADERS } from './static';

/**
 * The local OpenID provider of `npm start`: the certified `oidc-provider` package mounted at
 * /oidc on the local server, standing in for the province's Cognito user pool so that the
 * forms sign in locally exactly as in AWS (authorization code + PKCE S256, refresh tokens,
 * sign-out at the provider). Issuer http://127.0.0.1:$PORT/oidc, discovery at
 * /oidc/.well-known/openid-configuration, RS256 key and persistent storage under $DATA_DIR.
 *
 * Tokens carry the claims Cognito's do (`sub`, `cognito:groups`, `custom:office`, `email`,
 * `name`, `token_use`, `aud` = the forms' client id); ID tokens live 1 hour, refresh tokens
 * and sessions a working day (12 hours). A disabled officer cannot sign in, and their refresh
 * tokens and provider session stop working (as after Cognito's AdminUserGlobalSignOut).
 * Accounts are the local user store (shared/directory/local.ts), which the officer routes
 * manage. Not here: MFA (required in the province's pool), e-mail delivery, password reset.
 */
export const FORMS_CLIENT_ID = 'pascarehab-forms';
export const OIDC_PREFIX = '/oidc';

export const ID_TOKEN_SECONDS = 60 * 60;
const WORKING_DAY_SECONDS = 12 * 60 * 60;

export interface LocalOidc {
  issuer: string;
  clientId: string;
  /** Cognito-style sign-out (GET ?client_id=&logout_uri=), what config.json's logoutUrl names. */
  logoutUrl: string;
  /** Handles /oidc/*; false for any other path. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

const STYLE = `body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:16px;line-height:1.45;color:#1c1b1f;background:#f6f7f8}
header{background:#0f5c4d;color:#fff;padding:14px 16px;font-weight:700;font-size:18px}
main{max-width:420px;margin:16px auto;box-sizing:border-box;padding:16px;background:#fff;border:1px solid #d7dbdf;border-radius:10px}
h1{font-size:22px;margin:0 0 8px}label{display:block;font-weight:600;margin:14px 0 4px}
input{box-sizing:border-box;width:100%;min-height:48px;padding:8px 12px;font:inherit;border:1px solid #5f6368;border-radius:8px}
input[readonly]{background:#f1f3f4}button{width:100%;min-height:48px;margin-top:18px;font:inherit;font-weight:600;color:#fff;background:#0f5c4d;border:0;border-radius:8px;cursor:pointer}
.muted{color:#5f6368;font-size:14px}.error{color:#b3261e;background:#fdecea;padding:8px 12px;border-radius:8px}
@media (max-width:452px){main{margin:12px}}ul{padding-left:20px;margin:6px 0}:focus-visible{outline:3px solid #f4b400;outline-offset:2px}`;

/** Submits the provider's sign-out confirmation at once (no inline script: the CSP forbids it). */
const LOGOUT_SCRIPT = `const b=document.getElementById('logout-yes');if(b&&b.form)b.form.requestSubmit(b);`;

function page(title: string, body: string, script = false): string {
  return `<!doctype html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer"><title>${escapeHtml(title)} – Pascarehab</title><link rel="icon" href="/app/favicon.svg" type="image/svg+xml"><link rel="stylesheet" href="${OIDC_PREFIX}/assets/provider.css">${script ? `<script src="${OIDC_PREFIX}/assets/logout.js" defer></script>` : ''}</head><body><header>Pascarehab</header><main>${body}</main></body></html>`;
}

function loginPage(uid: string, opts: { email?: string; error?: string } = {}): string {
  return page(
    'Masuk',
    `<h1>Masuk</h1><p class="muted">Penyedia identitas lokal (npm start). Di AWS, halaman masuk Cognito provinsi.</p>
${opts.error ? `<p class="error" role="alert">${escapeHtml(opts.error)}</p>` : ''}
<form method="post" action="${OIDC_PREFIX}/interaction/${escapeHtml(uid)}/login">
<label for="username">E-mail</label>
<input id="username" name="username" type="email" autocomplete="username" autocapitalize="none" spellcheck="false" required value="${escapeHtml(opts.email ?? '')}"${opts.email ? '' : ' autofocus'}>
<label for="password">Kata sandi</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${opts.email ? ' autofocus' : ''}>
<button type="submit">Masuk</button>
</form>`,
  );
}

function newPasswordPage(uid: string, email: string, errors: string[] = []): string {
  return page(
    'Buat kata sandi baru',
    `<h1>Buat kata sandi baru</h1>
<p>Ini pertama kali Anda masuk. Ganti kata sandi sementara dengan kata sandi Anda sendiri.</p>
${errors.length ? `<div class="error" role="alert"><ul>${errors.map((e) => `<li>${escapeHtml(e)}</li>`).join('')}</ul></div>` : ''}
<form method="post" action="${OIDC_PREFIX}/interaction/${escapeHtml(uid)}/password">
<label for="username">E-mail</label>
<input id="username" name="username" type="email" autocomplete="username" readonly value="${escapeHtml(email)}">
<label for="new-password">Kata sandi baru</label>
<input id="new-password" name="password" type="password" autocomplete="new-password" required autofocus aria-describedby="rules">
<ul id="rules" class="muted"><li>minimal 12 karakter</li><li>huruf besar dan huruf kecil</li><li>angka dan simbol (mis. - ! # ?)</li></ul>
<label for="confirm-password">Ulangi kata sandi baru</label>
<input id="confirm-password" name="confirm" type="password" autocomplete="new-password" required>
<button type="submit">Simpan dan masuk</button>
</form>`,
  );
}

function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 16 * 1024) {
        reject(new Error('form too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

function sendHtml(res: ServerResponse, status: number, html: string) {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(html);
}

/** Cookie signing keys, kept under $DATA_DIR so sessions survive a restart. */
function cookieKeys(dir: string): string[] {
  const file = join(dir, 'cookie-keys.json');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(file, JSON.stringify([randomBytes(32).toString('base64url')]), { mode: 0o600 });
  }
  return JSON.parse(readFileSync(file, 'utf8')) as string[];
}

function accountClaims(user: LocalUser) {
  return {
    sub: user.id,
    email: user.email,
    email_verified: true,
    name: user.name,
    'cognito:groups': [user.role],
    'custom:office': user.office,
    token_use: 'id',
  };
}

export function createLocalOidc(options: {
  /** http://127.0.0.1:$PORT */
  origin: string;
  /** Where the forms live (redirect and sign-out return URL): `${origin}/app/`. */
  appUrl: string;
  dataDir: string;
  keys: KeyFiles;
  users: LocalUserStore;
}): LocalOidc {
  const { origin, appUrl, users } = options;
  const issuer = `${origin}${OIDC_PREFIX}`;
  const dir = join(options.dataDir, 'oidc');
  const store = new OidcFileStore(join(dir, 'provider.json'));
  /** Interactions whose password was right but must be replaced first: uid -> account id. */
  const pendingPasswordChange = new Map<string, string>();

  /**
   * An account the provider may issue for: enabled, and (for a refresh token or an existing
   * provider session) signed in after the last "sign out everywhere".
   */
  function usableAccount(ctx: KoaContextWithOIDC, sub: string, token?: { iat?: number }) {
    const user = users.findById(sub);
    if (!user?.enabled) return undefined;
    const since = token?.iat ?? (ctx.oidc?.session?.loginTs as number | undefined);
    if (user.signedOutAt && since !== undefined && since * 1000 < user.signedOutAt) return undefined;
    return user;
  }

  /**
   * Cognito's AdminUserGlobalSignOut, here: provider sessions, grants and tokens of an account
   * that is disabled, gone, or was signed out everywhere after they were made are deleted
   * before the provider looks at them (a session whose account is refused would otherwise
   * reach the provider half-loaded).
   */
  function purgeSignedOut() {
    for (const [key, p] of store.scan()) {
      if (typeof p.accountId !== 'string') continue;
      const user = users.findById(p.accountId);
      const since = (p.loginTs ?? p.iat) as number | undefined;
      const stale = user?.signedOutAt !== undefined && since !== undefined && since * 1000 < user.signedOutAt;
      if (!user?.enabled || stale) store.delete(key);
    }
  }

  const configuration: Configuration = {
    adapter: store.adapter() as unknown as Configuration['adapter'],
    clients: [
      {
        client_id: FORMS_CLIENT_ID,
        // A browser app keeps no secret: PKCE protects the code (required for such clients).
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [appUrl],
        post_logout_redirect_uris: [appUrl],
      },
    ],
    jwks: { keys: [signingJwk(options.keys) as never] },
    cookies: { keys: cookieKeys(dir) },
    claims: {
      openid: ['sub', 'email', 'email_verified', 'name', 'cognito:groups', 'custom:office', 'token_use'],
    },
    // Cognito puts every readable attribute in the ID token; do the same (not only at userinfo).
    conformIdTokenClaims: false,
    features: {
      devInteractions: { enabled: false },
      // The forms revoke their own refresh token at sign-out; nobody revokes another client's.
      revocation: {
        enabled: true,
        allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId,
      },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.type = 'html';
          ctx.body = page(
            'Keluar',
            `<h1>Keluar</h1><p>Mengakhiri sesi Anda…</p>${form}<button id="logout-yes" type="submit" form="op.logoutForm" name="logout" value="yes">Keluar</button>`,
            true,
          );
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.type = 'html';
          ctx.body = page('Keluar', '<h1>Anda sudah keluar</h1><p>Sesi Anda telah diakhiri.</p>');
        },
      },
    },
    pkce: { required: () => true },
    // The code flow only: no implicit or hybrid responses.
    responseTypes: ['code'],
    ttl: {
      AuthorizationCode: 60,
      IdToken: ID_TOKEN_SECONDS,
      AccessToken: ID_TOKEN_SECONDS,
      RefreshToken: WORKING_DAY_SECONDS,
      Session: WORKING_DAY_SECONDS,
      Grant: WORKING_DAY_SECONDS,
      Interaction: 60 * 60,
    },
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    clientBasedCORS: (_ctx, requestOrigin) => requestOrigin === origin,
    interactions: { url: (_ctx, interaction) => `${OIDC_PREFIX}/interaction/${interaction.uid}` },
    // The forms are the province's own app: no consent screen, the grant is made on sign-in.
    loadExistingGrant: async (ctx) => {
      const grantId =
        ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) {
        const existing = await ctx.oidc.provider.Grant.find(grantId);
        if (existing) return existing;
      }
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId!,
      });
      grant.addOIDCScope('openid');
      await grant.save();
      return grant;
    },
    findAccount: async (ctx, sub, token) => {
      const user = usableAccount(ctx, sub, token as { iat?: number } | undefined);
      if (!user) return undefined;
      return { accountId: user.id, claims: async () => accountClaims(user) };
    },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = page(
        'Gagal',
        `<h1>Terjadi kesalahan saat masuk</h1><p class="error" role="alert">${escapeHtml(String(out.error ?? 'error'))}: ${escapeHtml(String(out.error_description ?? ''))}</p><p><a href="${escapeHtml(appUrl)}">Kembali ke Pascarehab</a></p>`,
      );
    },
  };

  const provider = new Provider(issuer, configuration);
  provider.on('server_error', (_ctx, err) => console.error('oidc provider error:', err.name, err.message));
  const callback = provider.callback();

  async function interaction(
    req: IncomingMessage,
    res: ServerResponse,
    uid: string,
    action: string | undefined,
  ) {
    let details: Awaited<ReturnType<typeof provider.interactionDetails>>;
    try {
      details = await provider.interactionDetails(req, res);
    } catch {
      return sendHtml(
        res,
        400,
        page(
          'Sesi masuk berakhir',
          `<h1>Sesi masuk berakhir</h1><p>Halaman ini sudah kedaluwarsa.</p><p><a href="${escapeHtml(appUrl)}">Masuk lagi dari Pascarehab</a></p>`,
        ),
      );
    }
    if (details.uid !== uid) return sendHtml(res, 400, page('Gagal', '<h1>Permintaan tidak valid</h1>'));
    const method = (req.method ?? 'GET').toUpperCase();

    if (details.prompt.name === 'consent') {
      // Not reached with loadExistingGrant above; kept so a missing grant never dead-ends.
      const grant = new provider.Grant({
        clientId: String(details.params.client_id),
        accountId: details.session!.accountId,
      });
      grant.addOIDCScope(String(details.params.scope ?? 'openid'));
      return provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } });
    }

    if (action === undefined && method === 'GET') {
      const hint = typeof details.params.login_hint === 'string' ? details.params.login_hint : undefined;
      return sendHtml(res, 200, loginPage(uid, { email: hint }));
    }

    if (action === 'login' && method === 'POST') {
      const form = await readForm(req);
      const email = (form.get('username') ?? '').trim().toLowerCase();
      const user = users.verify(email, form.get('password') ?? '');
      if (!user) return sendHtml(res, 200, loginPage(uid, { email, error: 'E-mail atau kata sandi salah.' }));
      if (!user.enabled) {
        return sendHtml(res, 200, loginPage(uid, { email, error: 'Akun ini dinonaktifkan. Hubungi admin.' }));
      }
      if (user.mustChangePassword) {
        pendingPasswordChange.set(uid, user.id);
        return sendHtml(res, 200, newPasswordPage(uid, user.email));
      }
      return provider.interactionFinished(
        req,
        res,
        { login: { accountId: user.id } },
        { mergeWithLastSubmission: false },
      );
    }

    if (action === 'password' && method === 'POST') {
      const accountId = pendingPasswordChange.get(uid);
      const user = accountId ? users.findById(accountId) : undefined;
      if (!user?.enabled) return sendHtml(res, 200, loginPage(uid, { error: 'Silakan masuk lagi.' }));
      const form = await readForm(req);
      const password = form.get('password') ?? '';
      const problems = passwordProblems(password);
      if (password !== (form.get('confirm') ?? '')) problems.push('Kedua kata sandi tidak sama.');
      if (problems.length === 0 && users.verify(user.email, password)) {
        problems.push('Kata sandi baru harus berbeda dari kata sandi sementara.');
      }
      if (problems.length) return sendHtml(res, 200, newPasswordPage(uid, user.email, problems));
      users.setPassword(user.id, password);
      pendingPasswordChange.delete(uid);
      return provider.interactionFinished(
        req,
        res,
        { login: { accountId: user.id } },
        { mergeWithLastSubmission: false },
      );
    }
    return sendHtml(res, 405, page('Gagal', '<h1>Metode tidak diizinkan</h1>'));
  }

  function handle(req: IncomingMessage, res: ServerResponse): boolean {
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname !== OIDC_PREFIX && !url.pathname.startsWith(`${OIDC_PREFIX}/`)) return false;
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    const path = url.pathname.slice(OIDC_PREFIX.length);

    if (path === '/assets/provider.css' || path === '/assets/logout.js') {
      const css = path.endsWith('.css');
      res.writeHead(200, {
        'Content-Type': css ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8',
        'Cache-Control': 'no-cache',
      });
      res.end(css ? STYLE : LOGOUT_SCRIPT);
      return true;
    }
    // Cognito's sign-out: GET /logout?client_id=&logout_uri= (no ID token hint). Here it is the
    // provider's RP-initiated logout with the same two values, which checks them against the
    // client's registered sign-out URLs.
    if (path === '/logout') {
      const end = new URL(`${issuer}/session/end`);
      end.searchParams.set('client_id', url.searchParams.get('client_id') ?? '');
      end.searchParams.set('post_logout_redirect_uri', url.searchParams.get('logout_uri') ?? '');
      res.writeHead(302, { Location: end.href, 'Cache-Control': 'no-store' });
      res.end();
      return true;
    }
    const m = /^\/interaction\/([\w-]+)(?:\/(login|password))?$/.exec(path);
    if (m) {
      interaction(req, res, m[1]!, m[2]).catch((err: Error) => {
        console.error('oidc interaction error:', err.name, err.message);
        if (!res.headersSent) sendHtml(res, 500, page('Gagal', '<h1>Terjadi kesalahan</h1>'));
      });
      return true;
    }
    if (path.startsWith('/auth') || path === '/token') purgeSignedOut();
    // Mounted as Express would: the provider sees the path below /oidc, and originalUrl tells
    // it where it is mounted (the URLs it builds keep the /oidc prefix).
    (req as IncomingMessage & { originalUrl?: string }).originalUrl = req.url;
    req.url = req.url!.slice(OIDC_PREFIX.length) || '/';
    callback(req, res);
    return true;
  }

  return { issuer, clientId: FORMS_CLIENT_ID, logoutUrl: `${issuer}/logout`, handle };
}
