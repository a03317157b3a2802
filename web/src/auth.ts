// Sign-in with OpenID Connect: authorization code + PKCE (S256) through oidc-client-ts, against
// the province's Cognito user pool in AWS and the local provider of `npm start` (same code
// path; only config.json differs). The API gets the ID token as `Authorization: Bearer`: it
// carries `cognito:groups` and `custom:office`, and its audience is the forms' client id,
// which is what the API's JWT authorizer checks.
//
// Sessions: the provider's ID and access tokens live at most 1 hour; the refresh token renews
// them silently (Cognito has no prompt=none iframe renew, so refresh tokens are the only way,
// and the same way locally). When renewal fails (the session ended, the account was disabled),
// the officer is sent back to sign in, and what they had typed comes back (draft.ts).
import { ErrorResponse, type User, UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { AppConfig } from './config';
import { type Session, sessionFromClaims } from './lib/jwt';

let manager: UserManager | undefined;
let config: AppConfig | undefined;
let renewing: Promise<User | null> | undefined;

/** Renew this long before the ID token expires, so a request never leaves with a dying token. */
const RENEW_MARGIN_MS = 60_000;

/** The app's own URL (where the provider sends the officer back): /app/ locally, / on CloudFront. */
export function appBaseUrl(): string {
  return new URL('./', document.baseURI).href.replace(/[?#].*$/, '');
}

export function initAuth(appConfig: AppConfig): UserManager {
  config = appConfig;
  manager = new UserManager({
    authority: appConfig.issuer,
    client_id: appConfig.clientId,
    redirect_uri: appBaseUrl(),
    post_logout_redirect_uri: appBaseUrl(),
    response_type: 'code',
    // Cognito puts the groups and custom:office in the ID token with the openid scope.
    scope: 'openid',
    // Tokens stay for the working day across tabs and reloads (localStorage); the sign-in
    // request's state (PKCE verifier, the form draft) only for the redirect (sessionStorage).
    userStore: new WebStorageStateStore({ store: window.localStorage }),
    stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
    automaticSilentRenew: true,
    loadUserInfo: false,
    monitorSession: false,
  });
  return manager;
}

function um(): UserManager {
  if (!manager) throw new Error('auth not initialised');
  return manager;
}

/** Who is signed in, from the ID token's claims; null when nobody (or the token is unusable). */
export function sessionOf(user: User | null): Session | null {
  if (!user?.id_token) return null;
  return sessionFromClaims(user.profile as unknown as Record<string, unknown>);
}

function needsRenewal(user: User): boolean {
  const exp = typeof user.profile.exp === 'number' ? user.profile.exp * 1000 : 0;
  return exp - RENEW_MARGIN_MS <= Date.now();
}

/**
 * How the last renewal ended: `refused` means the provider said no (the session is over);
 * `unreachable` means there was no answer (no network): the session may well be fine.
 */
let renewal: 'ok' | 'refused' | 'unreachable' = 'ok';

export function lastRenewal(): 'ok' | 'refused' | 'unreachable' {
  return renewal;
}

/** One renewal at a time (several requests may find the token old together). */
export function renew(): Promise<User | null> {
  renewing ??= um()
    .signinSilent()
    .then((user) => {
      renewal = user ? 'ok' : 'refused';
      return user;
    })
    .catch((e: unknown) => {
      // An OAuth error answer (invalid_grant: the refresh token is dead) ends the session; no
      // answer at all (offline, a weak signal) does not.
      renewal = e instanceof ErrorResponse ? 'refused' : 'unreachable';
      return null;
    })
    .finally(() => {
      renewing = undefined;
    });
  return renewing;
}

/**
 * The signed-in user, renewed with the refresh token when the ID token is (nearly) expired;
 * null when there is no usable session (then the officer must sign in). With no network the
 * old user is kept: the app works from what it has (kept lists, drafts, the outbox), and the
 * renewal is tried again before anything is sent.
 */
export async function currentUser(): Promise<User | null> {
  const user = await um().getUser();
  if (!user) return null;
  if (!needsRenewal(user)) return user;
  if (!navigator.onLine) return user;
  const renewed = await renew();
  if (renewed) return renewed;
  if (renewal === 'unreachable') return user;
  await um().removeUser();
  return null;
}

/** The ID token for `Authorization: Bearer`, or null. */
export async function idToken(): Promise<string | null> {
  return (await currentUser())?.id_token ?? null;
}

/** True when the address is the provider sending the officer back (?code=&state= or ?error=). */
export function isSigninCallback(url = new URL(location.href)): boolean {
  return url.searchParams.has('state') && (url.searchParams.has('code') || url.searchParams.has('error'));
}

export interface SigninState {
  /** The screen to return to (a hash route). */
  hash: string;
}

/** Completes the sign-in: exchanges the code (with the PKCE verifier) for the tokens. */
export async function completeSignin(): Promise<{ user: User; state: SigninState }> {
  const user = await um().signinRedirectCallback();
  return { user, state: (user.state as SigninState | undefined) ?? { hash: '#/' } };
}

/** Off to the provider's sign-in page; back at `hash` afterwards. */
export async function startSignin(hash = location.hash || '#/'): Promise<void> {
  await um().signinRedirect({ state: { hash } satisfies SigninState });
}

/**
 * Signs out here and at the provider: the local tokens go, then the provider's session ends
 * (Cognito's /logout?client_id=&logout_uri=, which the local provider also understands), and
 * the provider sends the officer back to the app's sign-in screen.
 */
export async function signOut(): Promise<void> {
  const m = um();
  try {
    // Where the provider offers revocation, the refresh token dies now, not at its expiry.
    if ((await m.metadataService.getRevocationEndpoint(true)) !== undefined)
      await m.revokeTokens(['refresh_token']);
  } catch {
    // Best effort: the provider's sign-out below ends the session either way.
  }
  await m.removeUser();
  const c = config!;
  const url = new URL(c.logoutUrl);
  url.searchParams.set('client_id', c.clientId);
  url.searchParams.set('logout_uri', appBaseUrl());
  location.assign(url.href);
}

/** Forget the local session only (a refused token); the next screen asks to sign in. */
export async function forgetUser(): Promise<void> {
  await um().removeUser();
}
