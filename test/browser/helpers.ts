import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { ensureKeyPair, signLocalToken } from '../../scripts/local/identity';
import type { Role } from '../../shared/domain/actor';

export const baseUrl = inject('baseUrl');
export const appUrl = `${baseUrl}/app/`;
export const issuer = `${baseUrl}/oidc`;
export const CLIENT_ID = 'pascarehab-forms';
/** Where oidc-client-ts keeps the signed-in user. */
export const USER_KEY = `oidc.user:${issuer}:${CLIENT_ID}`;

/** A phone: 390 px wide, as the officers' Android phones. */
export const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};

let browser: Browser | undefined;

export async function connect(): Promise<Browser> {
  browser ??= await chromium.connect(inject('browserEndpoint'));
  return browser;
}

export async function disconnect(): Promise<void> {
  await browser?.close();
  browser = undefined;
}

/**
 * A fresh phone (own cookies and storage). Every page is watched: a script error or a
 * Content-Security-Policy violation fails the test (the app runs under the strict CSP).
 */
export async function phone(): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await (await connect()).newContext({
    ...PHONE,
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content.Security.Policy|Refused to/i.test(m.text())) problems.push(m.text());
  });
  return { context, page, problems };
}

/** From the app's sign-in screen through the provider's login page. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto(appUrl);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForURL(/\/oidc\/interaction\//);
  await page.locator('input[autocomplete="username"]').fill(email);
  await page.locator('input[autocomplete="current-password"]').fill(password);
  await page.getByRole('button', { name: 'Masuk' }).click();
}

export async function whoIsSignedIn(page: Page): Promise<string> {
  return ((await page.getByTestId('who').textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core on the page as it is (WCAG 2 A/AA rules); fails with the violations listed. Injected
 * through the DevTools protocol (page.evaluate), which the page's CSP does not govern, so the
 * app itself still runs under its strict policy.
 */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  await page.evaluate(axeSource);
  // A string, evaluated in the page: this file is type-checked without the DOM's types.
  const violations = await page.evaluate<string[]>(`
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] } }).then((result) =>
      result.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')),
    )`);
  expect(violations, `axe on ${screen}`).toEqual([]);
}

const keys = ensureKeyPair(inject('dataDir'));

/** An `npm run token` token, for API calls a test makes outside the browser. */
export function tokenFor(role: Role, office: string, sub?: string): Promise<string> {
  return signLocalToken(keys, { role, office, sub: sub ?? `browser-${role}-${office}` });
}

// biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field
type Json = any;

export async function apiCall(
  method: string,
  path: string,
  token: string,
  body?: unknown,
): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** The claims of a compact JWT (no verification: the test only reads what was issued). */
export function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

export interface StoredUser {
  id_token: string;
  refresh_token?: string;
  expires_at: number;
  profile: Record<string, unknown>;
}

/** The page's window, as far as these tests use it (the test code is type-checked without DOM types). */
interface PageGlobals {
  localStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
}

export async function storedUser(page: Page): Promise<StoredUser | null> {
  const raw = await page.evaluate(
    (key) => (globalThis as unknown as PageGlobals).localStorage.getItem(key),
    USER_KEY,
  );
  return raw ? (JSON.parse(raw) as StoredUser) : null;
}

/** Replaces the signed-in user the app keeps (to make its session look expired or broken). */
export async function storeUser(page: Page, user: StoredUser): Promise<void> {
  await page.evaluate(
    ([key, value]) => (globalThis as unknown as PageGlobals).localStorage.setItem(key!, value!),
    [USER_KEY, JSON.stringify(user)],
  );
}

export function logText(): string {
  return readFileSync(inject('logFile'), 'utf8');
}
