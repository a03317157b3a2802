import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import {
  apiCall,
  appUrl,
  CLIENT_ID,
  claimsOf,
  disconnect,
  expectAccessible,
  issuer,
  logText,
  phone,
  signIn,
  storedUser,
  storeUser,
  tokenFor,
  whoIsSignedIn,
} from './helpers';

/**
 * Sign-in as an officer does it, on a 390 px phone in headless Chromium, against the local
 * stack of `npm start` and its OpenID provider: the same forms, the same code path as with the
 * province's Cognito (only config.json differs). axe-core checks each screen on the way.
 */
const ADMIN = { email: 'admin@pascarehab.test', password: 'Demo-Admin-2026' };
const unique = () => randomBytes(4).toString('hex');

afterAll(() => disconnect());

describe('signing in', () => {
  it('invite -> first sign-in with the temporary password -> new password -> periods -> sign out -> asked to sign in again', async () => {
    const email = `sri.${unique()}@pascarehab.test`;
    const name = `Sri Wahyuni ${unique()}`;
    const newPassword = `Sri-${unique()}-Baru1`;

    // The admin invites a pk of Bapas Semarang on the Petugas screen.
    const admin = await phone();
    await admin.page.goto(appUrl);
    await admin.page.getByRole('heading', { name: 'Masuk' }).waitFor();
    await expectAccessible(admin.page, 'the sign-in screen of the forms');
    await admin.page.getByRole('button', { name: 'Masuk' }).click();
    await admin.page.waitForURL(/\/oidc\/interaction\//);
    await expectAccessible(admin.page, 'the provider sign-in page');
    await admin.page.locator('input[autocomplete="username"]').fill(ADMIN.email);
    await admin.page.locator('input[autocomplete="current-password"]').fill(ADMIN.password);
    await admin.page.getByRole('button', { name: 'Masuk' }).click();
    await admin.page.getByRole('heading', { name: 'Periode program' }).waitFor();
    expect(await whoIsSignedIn(admin.page)).toBe('Admin bnnp-jawa-tengah');
    await admin.page.getByRole('link', { name: 'Petugas' }).click();
    await admin.page.getByRole('heading', { name: 'Petugas' }).waitFor();
    await admin.page.getByRole('list', { name: 'Daftar petugas' }).waitFor();
    await expectAccessible(admin.page, 'the officers list');
    await admin.page.getByRole('link', { name: '+ Undang petugas' }).click();
    await admin.page.getByRole('heading', { name: 'Undang petugas' }).waitFor();
    await expectAccessible(admin.page, 'the invitation form');
    await admin.page.getByLabel('E-mail').fill(email);
    await admin.page.getByLabel('Nama lengkap').fill(name);
    await admin.page.getByLabel('Peran').selectOption('pk');
    await admin.page.getByLabel('Kantor').selectOption('bapas-semarang');
    await admin.page.getByRole('button', { name: 'Kirim undangan' }).click();
    const temporaryPassword = (
      (await admin.page.getByTestId('temporary-password').textContent()) ?? ''
    ).trim();
    expect(temporaryPassword).toMatch(/^\S{12,}$/);
    await expectAccessible(admin.page, 'the invitation result');

    // The officer signs in on their own phone with the temporary password...
    const officer = await phone();
    await signIn(officer.page, email, temporaryPassword);
    // ...and must choose a new password first.
    await officer.page.getByRole('heading', { name: 'Buat kata sandi baru' }).waitFor();
    await expectAccessible(officer.page, 'the first-login page');
    expect(await officer.page.locator('input[autocomplete="username"]').inputValue()).toBe(email);
    expect(await officer.page.locator('input[autocomplete="new-password"]').count()).toBe(2);
    // A password that breaks the pool's rules is refused with the reasons.
    await officer.page.getByLabel('Kata sandi baru', { exact: true }).fill('pendek');
    await officer.page.getByLabel('Ulangi kata sandi baru').fill('pendek');
    await officer.page.getByRole('button', { name: 'Simpan dan masuk' }).click();
    await officer.page.getByText('Minimal 12 karakter.').waitFor();
    await officer.page.getByLabel('Kata sandi baru', { exact: true }).fill(newPassword);
    await officer.page.getByLabel('Ulangi kata sandi baru').fill(newPassword);
    await officer.page.getByRole('button', { name: 'Simpan dan masuk' }).click();

    // Landed on the periods screen, role and office shown.
    await officer.page.getByRole('heading', { name: 'Periode program' }).waitFor();
    expect(new URL(officer.page.url()).pathname).toBe('/app/');
    expect(officer.page.url()).not.toMatch(/[?&](code|state)=/);
    expect(await whoIsSignedIn(officer.page)).toBe('PK bapas-semarang');
    await expectAccessible(officer.page, 'the periods screen');

    // The ID token is what the API gets: Cognito's claims, the forms' audience, at most 1 hour.
    const user = await storedUser(officer.page);
    const claims = claimsOf(user!.id_token);
    expect(claims).toMatchObject({
      iss: issuer,
      aud: CLIENT_ID,
      'cognito:groups': ['pk'],
      'custom:office': 'bapas-semarang',
      email,
    });
    expect((claims.exp as number) - (claims.iat as number)).toBeLessThanOrEqual(3600);
    expect(user!.refresh_token).toBeTruthy();
    const direct = await apiCall('GET', '/periods', user!.id_token);
    expect(direct.status).toBe(200);

    // Signing out ends the provider's session too: a new visit asks to sign in again.
    await officer.page.getByRole('button', { name: 'Keluar' }).click();
    await officer.page.getByRole('heading', { name: 'Masuk' }).waitFor();
    expect(await storedUser(officer.page)).toBeNull();
    await officer.page.goto(appUrl);
    await officer.page.getByRole('button', { name: 'Masuk' }).click();
    await officer.page.waitForURL(/\/oidc\/interaction\//);
    await officer.page.locator('input[autocomplete="current-password"]').waitFor();
    // The refresh token from before sign-out is dead.
    const refresh = await fetch(`${issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: user!.refresh_token!,
        client_id: CLIENT_ID,
      }),
    });
    expect(refresh.status).toBe(400);

    expect([...admin.problems, ...officer.problems]).toEqual([]);
    // Nothing personal reached the log: not the e-mail, the name, nor either password.
    const log = logText();
    for (const secret of [email, name, temporaryPassword, newPassword]) expect(log).not.toContain(secret);
    await admin.context.close();
    await officer.context.close();
  });

  it('keeps a disabled officer out: no sign-in, no refresh, no provider session', async () => {
    const admin = await tokenFor('admin', 'bnnp-jawa-tengah');
    const email = `disabled.${unique()}@pascarehab.test`;
    const created = await apiCall('POST', '/officers', admin, {
      email,
      name: 'Dinonaktifkan',
      role: 'kasi',
      office: 'bapas-pati',
    });
    expect(created.status).toBe(201);
    const password = `Kasi-${unique()}-Pati1`;
    const { context, page, problems } = await phone();
    await signIn(page, email, created.body.temporaryPassword);
    await page.getByLabel('Kata sandi baru', { exact: true }).fill(password);
    await page.getByLabel('Ulangi kata sandi baru').fill(password);
    await page.getByRole('button', { name: 'Simpan dan masuk' }).click();
    await page.getByRole('heading', { name: 'Periode program' }).waitFor();
    expect(await whoIsSignedIn(page)).toBe('Kasi bapas-pati');
    const before = await storedUser(page);

    // The admin disables the account on the Petugas screen.
    const adminPhone = await phone();
    await signIn(adminPhone.page, ADMIN.email, ADMIN.password);
    await adminPhone.page.getByRole('heading', { name: 'Periode program' }).waitFor();
    await adminPhone.page.goto(`${appUrl}#/petugas/${created.body.id}`);
    await adminPhone.page.getByRole('heading', { name: 'Dinonaktifkan' }).waitFor();
    await expectAccessible(adminPhone.page, 'the officer screen');
    await adminPhone.page.getByRole('button', { name: 'Nonaktifkan akun' }).click();
    await adminPhone.page.getByText('Akun dinonaktifkan; sesi petugas ini diakhiri.').waitFor();
    await adminPhone.page.getByText('Nonaktif', { exact: true }).waitFor();
    const listed = await apiCall('GET', '/officers?office=bapas-pati', admin);
    expect(listed.body.items.find((o: { id: string }) => o.id === created.body.id)?.enabled).toBe(false);
    expect(adminPhone.problems).toEqual([]);
    await adminPhone.context.close();

    // The ID token runs out (made to look expired here): the renewal with the refresh token
    // is refused, and the app asks to sign in.
    const expired = Math.floor(Date.now() / 1000) - 5;
    await storeUser(page, { ...before!, expires_at: expired, profile: { ...before!.profile, exp: expired } });
    const refused = page.waitForResponse(
      (r) => r.url() === `${issuer}/token` && r.request().method() === 'POST',
    );
    await page.reload();
    expect((await refused).status()).toBe(400);
    await page.getByRole('heading', { name: 'Masuk' }).waitFor();
    expect(await storedUser(page)).toBeNull();
    // The provider's session ended with the disable: "Masuk" shows the login page, not a pass.
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL(/\/oidc\/interaction\//);
    await page.locator('input[autocomplete="username"]').fill(email);
    await page.locator('input[autocomplete="current-password"]').fill(password);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByText('Akun ini dinonaktifkan. Hubungi admin.').waitFor();
    expect(page.url()).toMatch(/\/oidc\/interaction\//);
    // The old refresh token, presented directly, is refused too.
    const direct = await fetch(`${issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: before!.refresh_token!,
        client_id: CLIENT_ID,
      }),
    });
    expect(direct.status).toBe(400);
    expect(((await direct.json()) as { error: string }).error).toBe('invalid_grant');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('brings back what was typed when the session ends on a form', async () => {
    const { context, page, problems } = await phone();
    await signIn(page, 'pk.semarang@pascarehab.test', 'Demo-Pk-2026!');
    await page.getByRole('heading', { name: 'Periode program' }).waitFor();
    await page.getByRole('link', { name: '+ Registrasi klien baru' }).click();
    await page.getByRole('heading', { name: 'Registrasi klien' }).waitFor();
    await expectAccessible(page, 'the client registration form');
    const registration = `PAS-${unique().toUpperCase()}/2026`;
    await page.getByLabel('Nomor registrasi').fill(registration);
    await page.getByLabel('Nama lengkap').fill('Joko Prasetyo');
    await page.getByLabel('Laki-laki').check();
    await page.getByLabel('Tanggal lahir').fill('1991-04-02');

    // The session ends while the officer types: its tokens no longer work (as after a long
    // time away: the ID token refused, the refresh token gone).
    const signedIn = (await storedUser(page))!;
    await storeUser(page, {
      ...signedIn,
      id_token: `${signedIn.id_token.split('.').slice(0, 2).join('.')}.invalid-signature`,
      refresh_token: 'expired',
    });
    await page.getByRole('button', { name: 'Daftarkan klien' }).click();

    // Sent to sign in (the provider still knows the officer, so it lets them straight back)
    // and returned to the same form with the fields as they were.
    await page.getByText('Isian yang belum terkirim dipulihkan').waitFor();
    expect(page.url()).toMatch(/#\/klien\/baru$/);
    expect(await page.getByLabel('Nomor registrasi').inputValue()).toBe(registration);
    expect(await page.getByLabel('Nama lengkap').inputValue()).toBe('Joko Prasetyo');
    expect(await page.getByLabel('Laki-laki').isChecked()).toBe(true);
    expect(await page.getByLabel('Tanggal lahir').inputValue()).toBe('1991-04-02');
    const user = await storedUser(page);
    expect(claimsOf(user!.id_token).sub).toBe('demo-pk-semarang');

    // And sending now works.
    await page.getByRole('button', { name: 'Daftarkan klien' }).click();
    await page.getByRole('heading', { name: 'Klien terdaftar' }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
