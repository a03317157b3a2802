import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../shared/domain/dates';
import {
  apiCall,
  appUrl,
  claimsOf,
  disconnect,
  expectAccessible,
  issuer,
  phone,
  signIn,
  storedUser,
  storeUser,
  tokenFor,
} from './helpers';

/**
 * The forms in the field (issue 12), on a 390 px phone in headless Chromium against the local
 * stack: the worklist, client search and profile, the reports screen and report.html at 360 px,
 * and the offline path (installable app, drafts, outbox). Records are made as the demo
 * officers (their `sub`s), so the screens show them. axe-core checks every main screen.
 */
const day = (offset: number) => addDays(todayIn('Asia/Jakarta'), offset);
const hex = () => randomBytes(3).toString('hex');
const PK = { email: 'pk.semarang@pascarehab.test', password: 'Demo-Pk-2026!' };
const KASI = { email: 'kasi.semarang@pascarehab.test', password: 'Demo-Kasi-2026' };

afterAll(() => disconnect());

const tokens = async () => ({
  kasi: await tokenFor('kasi', 'bapas-semarang', 'demo-kasi-semarang'),
  pk: await tokenFor('pk', 'bapas-semarang', 'demo-pk-semarang'),
});

/** A period of Bapas Semarang and one client enrolled in it `enrolledDaysAgo` days ago. */
async function enrolled(
  opening: string[],
  fullName: string,
  options: {
    cadenceDays?: Record<string, number>;
    instruments?: string[];
    enrolledDaysAgo?: number;
    startDate?: string;
  } = {},
) {
  const t = await tokens();
  const period = await apiCall('POST', '/periods', t.kasi, {
    name: `Kohort lapangan ${hex()}`,
    startDate: options.startDate ?? day(-60),
    endDate: day(90),
    capacity: 10,
    offices: ['bapas-semarang'],
    protocol: { opening, cadenceDays: options.cadenceDays ?? {} },
    instruments: options.instruments ?? [],
  });
  expect(period.status).toBe(201);
  const client = await apiCall('POST', '/clients', t.pk, {
    office: 'bapas-semarang',
    registrationNumber: `PAS-${hex().toUpperCase()}/2026`,
    fullName,
    sex: 'male',
    birthDate: '1990-03-04',
    nik: '3374010403900007',
  });
  expect(client.status).toBe(201);
  const enrollment = await apiCall('POST', `/periods/${period.body.id}/enrollments`, t.pk, {
    clientId: client.body.id,
    enrolledOn: options.startDate ?? day(-(options.enrolledDaysAgo ?? 10)),
  });
  expect(enrollment.status).toBe(201);
  return { period: period.body, client: client.body, enrollment: enrollment.body, ...t };
}

async function counselingTopics(enrollmentId: string, token: string): Promise<string[]> {
  const detail = await apiCall('GET', `/enrollments/${enrollmentId}`, token);
  expect(detail.status).toBe(200);
  return detail.body.timeline
    .filter((e: { type: string }) => e.type === 'counseling')
    .map((e: { topic: string }) => e.topic);
}

async function outboxCounts(page: Page): Promise<string> {
  return ((await page.getByTestId('outbox-counts').textContent()) ?? '').trim();
}

describe('the forms in the field', () => {
  it('lists an overdue step on "Tugas saya" and opens its form; search finds a client by part of the name', async () => {
    const surname = `Sasmita${hex()}`;
    const w = await enrolled(['home_visit', 'urine_test'], `Wahyu ${surname}`, {
      instruments: ['urica'],
      enrolledDaysAgo: 12,
    });
    const { context, page, problems } = await phone();
    await signIn(page, PK.email, PK.password);
    await page.getByRole('heading', { name: 'Periode program' }).waitFor();
    await expectAccessible(page, 'the periods screen with the menu');

    // The worklist: the home visit (the opening's first step) is 12 days overdue.
    await page.getByRole('link', { name: 'Tugas saya' }).click();
    await page.getByRole('heading', { name: 'Tugas saya' }).waitFor();
    const visit = page
      .getByRole('link')
      .filter({ hasText: `Wahyu ${surname}` })
      .filter({ hasText: 'Kunjungan rumah' });
    await visit.waitFor();
    expect(await visit.textContent()).toContain('Terlambat');
    expect(await visit.textContent()).toContain('terlambat 12 hari');
    // The pre-test is on the list too, and not the urine test (the protocol would refuse it).
    const rows = page.getByRole('link').filter({ hasText: `Wahyu ${surname}` });
    expect(await rows.allTextContents()).toEqual([
      expect.stringContaining('Kunjungan rumah'),
      expect.stringContaining('Asesmen URICA (awal)'),
    ]);
    await expectAccessible(page, 'Tugas saya');
    // Filtered to assessments: the pre-test opens its form with the phase chosen.
    await page.getByLabel('Jenis kegiatan').selectOption('assessment');
    await page.waitForURL(/#\/tugas\/assessment$/);
    await page
      .getByRole('link')
      .filter({ hasText: `Wahyu ${surname}` })
      .click();
    await page.getByRole('heading', { name: 'Asesmen URICA' }).waitFor();
    expect(await page.getByLabel('awal').isChecked()).toBe(true);
    await page.goBack();
    await page.getByRole('heading', { name: 'Tugas saya' }).waitFor();

    await page.getByLabel('Jenis kegiatan').selectOption('');
    await visit.click();
    await page.getByRole('heading', { name: 'Kunjungan rumah' }).waitFor();
    expect(page.url()).toContain(`#/keikutsertaan/${w.enrollment.id}/catat/home_visit`);
    await expectAccessible(page, 'the home visit form opened from the worklist');
    // A type out of protocol order is not offered as a form: the next step is.
    await page.goto(`${appUrl}#/keikutsertaan/${w.enrollment.id}/catat/urine_test`);
    await page.getByText('kegiatan berikutnya untuk').waitFor();
    expect(await page.locator('form').count()).toBe(0);
    await page.getByRole('link', { name: 'Catat kunjungan rumah' }).waitFor();

    // Search by the start of one word of the name, in any case.
    await page.getByRole('link', { name: 'Klien', exact: true }).click();
    await page.getByRole('heading', { name: 'Klien', exact: true }).waitFor();
    await page.getByLabel('Cari nama atau nomor registrasi').fill(surname.slice(0, 6).toUpperCase());
    const found = page.getByRole('link').filter({ hasText: `Wahyu ${surname}` });
    await found.waitFor();
    await expectAccessible(page, 'client search');
    await found.click();
    await page.getByRole('heading', { name: `Wahyu ${surname}` }).waitFor();
    const profile = (await page.locator('main').textContent()) ?? '';
    expect(profile).toContain('************0007');
    expect(profile).not.toContain('3374010403900007');
    expect(profile).toContain(w.period.name);
    expect(profile).toContain('Aktif');
    await expectAccessible(page, 'the client profile');
    // Change a detail: the API gets only what changed, and the profile shows it.
    await page.getByRole('link', { name: 'Ubah data klien' }).click();
    await page.getByRole('heading', { name: 'Ubah data klien' }).waitFor();
    await expectAccessible(page, 'the client edit form');
    await page.getByLabel('Nomor telepon (opsional)').fill('+62 812 1111 2222');
    await page.getByRole('button', { name: 'Simpan perubahan' }).click();
    await page.getByText('Data klien tersimpan.').waitFor();
    const after = await apiCall('GET', `/clients/${w.client.id}`, w.pk);
    expect(after.body.phone).toBe('+62 812 1111 2222');
    expect(after.body.version).toBe(2);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('works offline: the app reloads, a draft survives, the outbox sends once after renewing the token', async () => {
    const w = await enrolled([], `Gilang Offline${hex()}`, { cadenceDays: { counseling: 14 } });
    const { context, page, problems } = await phone();
    await signIn(page, PK.email, PK.password);
    await page.getByRole('heading', { name: 'Periode program' }).waitFor();
    // One online visit of the screens the officer will need in the field.
    await page.evaluate('navigator.serviceWorker.ready');
    const formUrl = `${appUrl}#/keikutsertaan/${w.enrollment.id}/catat/counseling`;
    await page.goto(`${appUrl}#/keikutsertaan/${w.enrollment.id}`);
    await page.getByRole('heading', { name: 'Riwayat' }).waitFor();
    await page.goto(formUrl);
    await page.getByRole('heading', { name: 'Konseling' }).waitFor();
    expect(await page.evaluate('!!navigator.serviceWorker.controller')).toBe(true);

    // No network: a reload shows the app, not the browser's error page.
    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { name: 'Konseling' }).waitFor();
    await page.getByText('Tidak ada sinyal. Data ini terakhir diambil').waitFor();
    await expectAccessible(page, 'a form offline');

    // What is typed survives a reload.
    const topic = `Rencana pemulihan ${hex()}`;
    await page.getByLabel('Konselor').fill('Ibu Rina');
    await page.getByLabel('Topik').fill(topic);
    await page.getByLabel('Durasi (menit)').fill('45');
    await page.waitForTimeout(600); // the draft is saved 300 ms after the last keystroke
    await page.reload();
    await page.getByText('Isian yang belum terkirim dipulihkan').waitFor();
    expect(await page.getByLabel('Topik').inputValue()).toBe(topic);
    expect(await page.getByLabel('Durasi (menit)').inputValue()).toBe('45');

    // Sent with no network: it waits in the outbox, visible.
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.getByText('Tidak ada sinyal: disimpan di Kotak keluar').waitFor();
    await page.getByRole('heading', { name: 'Di Kotak keluar' }).waitFor();
    await page.getByTestId('outbox-link').click();
    await page.getByRole('heading', { name: 'Kotak keluar' }).waitFor();
    expect(await outboxCounts(page)).toBe('Menunggu: 1 · Gagal: 0 · Terkirim: 0');
    await expectAccessible(page, 'the outbox');
    expect(await counselingTopics(w.enrollment.id, w.pk)).toEqual([]);

    // Meanwhile the ID token expired: the outbox renews it before sending.
    const before = (await storedUser(page))!;
    const expired = Math.floor(Date.now() / 1000) - 5;
    await storeUser(page, { ...before, expires_at: expired, profile: { ...before.profile, exp: expired } });
    const renewed = page.waitForResponse(
      (r) => r.url() === `${issuer}/token` && r.request().method() === 'POST',
    );
    await context.setOffline(false);
    expect((await renewed).status()).toBe(200);
    await page
      .getByTestId('outbox-counts')
      .filter({ hasText: 'Menunggu: 0 · Gagal: 0 · Terkirim: 1' })
      .waitFor();
    const after = (await storedUser(page))!;
    expect(after.id_token).not.toBe(before.id_token);
    expect(claimsOf(after.id_token).sub).toBe('demo-pk-semarang');
    // Exactly one record.
    expect(await counselingTopics(w.enrollment.id, w.pk)).toEqual([topic]);
    // The draft went with the submission.
    await page.goto(formUrl);
    await page.getByRole('heading', { name: 'Konseling' }).waitFor();
    expect(await page.getByLabel('Topik').inputValue()).toBe('');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('stores a submission once when its answer is lost and it is sent again', async () => {
    const w = await enrolled([], `Rizki Ulang${hex()}`, { cadenceDays: { counseling: 14 } });
    const { context, page, problems } = await phone();
    await signIn(page, PK.email, PK.password);
    await page.getByRole('heading', { name: 'Periode program' }).waitFor();
    await page.goto(`${appUrl}#/keikutsertaan/${w.enrollment.id}/catat/counseling`);
    await page.getByRole('heading', { name: 'Konseling' }).waitFor();
    // The first answer is lost on the way back (the server did store the record).
    let attempts = 0;
    await context.route('**/enrollments/*/activities', async (route) => {
      attempts += 1;
      if (attempts === 1) {
        await route.fetch();
        await route.abort('connectionreset');
      } else await route.continue();
    });
    const topic = `Sesi ganda ${hex()}`;
    await page.getByLabel('Konselor').fill('Ibu Rina');
    await page.getByLabel('Topik').fill(topic);
    await page.getByLabel('Durasi (menit)').fill('30');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.getByText('disimpan di Kotak keluar').waitFor();
    expect(await counselingTopics(w.enrollment.id, w.pk)).toEqual([topic]);
    // Sent again from the outbox, with the same Idempotency-Key: the server answers from the
    // first one and stores nothing new.
    await page.getByTestId('outbox-link').click();
    await page.getByRole('button', { name: 'Kirim sekarang' }).click();
    await page.getByTestId('outbox-counts').filter({ hasText: 'Menunggu: 0 · Gagal: 0' }).waitFor();
    expect(attempts).toBe(2);
    expect(await counselingTopics(w.enrollment.id, w.pk)).toEqual([topic]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows the period reports, makes one on demand, and report.html reads at 360 px', async () => {
    // Started after the 1st of its month and enrolled that day: the report's first month is partial.
    const startDate = day(-60).endsWith('-01') ? day(-59) : day(-60);
    const w = await enrolled(['home_visit'], `Budi Laporan${hex()}`, {
      instruments: ['whoqol-bref'],
      startDate,
    });
    const visit = await apiCall('POST', `/enrollments/${w.enrollment.id}/activities`, w.pk, {
      type: 'home_visit',
      date: startDate,
      present: ['client'],
      livingSituation: 'Bersama orang tua',
      familySupport: 4,
      riskFactors: [],
      findings: 'Baik.',
    });
    expect(visit.status).toBe(201);
    for (const date of [startDate, day(-1)]) {
      const test = await apiCall('POST', `/enrollments/${w.enrollment.id}/activities`, w.pk, {
        type: 'urine_test',
        date,
        results: { methamphetamine: 'negative' },
      });
      expect(test.status).toBe(201);
    }
    for (const [offset, phase, answer] of [
      [-48, 'pre', 2],
      [-1, 'post', 4],
    ] as const) {
      const res = await apiCall('POST', `/enrollments/${w.enrollment.id}/assessments`, w.pk, {
        instrument: 'whoqol-bref',
        phase,
        date: day(offset),
        responses: Array.from({ length: 26 }, () => answer),
      });
      expect(res.status).toBe(201);
    }
    const { context, page, problems } = await phone();
    await signIn(page, KASI.email, KASI.password);
    await page.getByRole('heading', { name: 'Periode program' }).waitFor();
    await page.getByRole('link', { name: 'Laporan', exact: true }).click();
    await page.getByRole('heading', { name: 'Laporan', exact: true }).waitFor();
    await expectAccessible(page, 'the reports home');
    await page.getByRole('link', { name: new RegExp(w.period.name) }).click();
    await page.getByRole('heading', { name: `Laporan: ${w.period.name}` }).waitFor();
    await page.getByText('Belum ada laporan.').waitFor();
    await page.getByRole('button', { name: 'Buat laporan sekarang' }).click();
    await page.getByText('Laporan sewaktu dibuat.').waitFor();
    const item = page
      .getByRole('list', { name: 'Daftar laporan' })
      .getByRole('listitem')
      .filter({ hasText: 'Laporan Sewaktu' });
    expect(await item.textContent()).toMatch(/Dibuat \d+ \w+ \d{4} pukul \d{2}\.\d{2} WIB/);
    await expectAccessible(page, "a period's reports");
    // "Bandingkan periode": this period against another of the office.
    const other = await apiCall('POST', '/periods', w.kasi, {
      name: `Kohort pembanding ${hex()}`,
      startDate: day(-30),
      endDate: day(60),
      capacity: 5,
      offices: ['bapas-semarang'],
      protocol: { opening: [] },
      instruments: ['whoqol-bref'],
    });
    expect(other.status).toBe(201);
    await page.reload();
    await page.getByRole('heading', { name: 'Bandingkan periode' }).waitFor();
    await page.getByText('Belum ada perbandingan untuk periode ini.').waitFor();
    await page.getByLabel(new RegExp(other.body.name)).check();
    await page.getByRole('button', { name: 'Bandingkan' }).click();
    await page.getByText(`Perbandingan dengan ${other.body.name} dibuat.`).waitFor();
    const compared = await apiCall('GET', `/comparisons?period=${w.period.id}`, w.kasi);
    expect(compared.body.items.map((c: { compared: string[] }) => c.compared)).toEqual([[other.body.id]]);
    await page.reload();
    const listed = page.getByRole('list', { name: 'Daftar perbandingan' }).getByRole('listitem');
    await listed.first().waitFor();
    expect(await listed.count()).toBe(1);
    expect(await listed.textContent()).toContain(`${w.period.name} dibanding ${other.body.name}`);
    await expectAccessible(page, "a period's reports with a comparison");
    const reportItem = page
      .getByRole('list', { name: 'Daftar laporan' })
      .getByRole('listitem')
      .filter({ hasText: 'Laporan Sewaktu' });
    const href = await reportItem.getByRole('link', { name: /^Buka HTML/ }).getAttribute('href');
    expect(href).toBeTruthy();

    // report.html on a 360 px phone.
    const report = await context.newPage();
    await report.setViewportSize({ width: 360, height: 740 });
    await report.goto(href!);
    await report.locator('h1').waitFor();
    const layout = await report.evaluate(`(() => {
      const svgs = [...document.querySelectorAll('svg.chart')];
      const sizes = svgs.flatMap((svg) => {
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return [...svg.querySelectorAll('text')].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
      });
      const wide = [...document.querySelectorAll('table, svg.chart')].filter((el) => {
        let box = el.parentElement;
        while (box && box !== document.body && getComputedStyle(box).overflowX !== 'auto') box = box.parentElement;
        return el.getBoundingClientRect().width > 360 && (!box || box === document.body);
      }).length;
      return {
        scrollWidth: document.documentElement.scrollWidth,
        charts: svgs.length,
        smallestText: Math.min(...sizes),
        wideOutsideScroller: wide,
        partial: document.body.textContent.includes('° Bulan tidak penuh'),
      };
    })()`);
    expect(layout).toMatchObject({ scrollWidth: 360, wideOutsideScroller: 0, partial: true });
    expect((layout as { charts: number }).charts).toBeGreaterThan(2);
    expect((layout as { smallestText: number }).smallestText).toBeGreaterThanOrEqual(11);
    await expectAccessible(report, 'report.html at 360 px');
    expect(problems).toEqual([]);
    await context.close();
  });
});
