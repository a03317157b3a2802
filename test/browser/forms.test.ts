import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../shared/domain/dates';
import { apiCall, disconnect, expectAccessible, phone, signIn, tokenFor } from './helpers';

/**
 * The forms after the move to TypeScript, on a phone: an officer records in protocol order
 * through the screens, a viewer reads the history (no free text, nothing "undefined"), an
 * admin is offered client registration. axe-core checks every screen on the way. Records are
 * made as the demo officers (their `sub`s), so the screens show what they entered.
 */
const day = (offset: number) => addDays(todayIn('Asia/Jakarta'), offset);

afterAll(() => disconnect());

describe('the forms on a phone', () => {
  it('records in protocol order, shows the viewer a clean history, and offers admin client registration', async () => {
    const kasi = await tokenFor('kasi', 'bapas-semarang', 'demo-kasi-semarang');
    const pk = await tokenFor('pk', 'bapas-semarang', 'demo-pk-semarang');
    const konselor = await tokenFor('konselor', 'bnnp-jawa-tengah', 'demo-konselor');
    const periodName = `Kohort uji ${randomBytes(3).toString('hex')}`;
    const period = await apiCall('POST', '/periods', kasi, {
      name: periodName,
      startDate: day(-20),
      endDate: day(60),
      capacity: 5,
      offices: ['bapas-semarang'],
      protocol: { opening: ['home_visit', 'urine_test', 'group_meeting'], cadenceDays: { counseling: 30 } },
      instruments: ['whoqol-bref', 'urica'],
    });
    expect(period.status).toBe(201);
    const client = await apiCall('POST', '/clients', pk, {
      office: 'bapas-semarang',
      registrationNumber: `PAS-UJI-${randomBytes(3).toString('hex')}`,
      fullName: 'Eko Saputra',
      sex: 'male',
      birthDate: '1988-02-11',
    });
    const enrollment = await apiCall('POST', `/periods/${period.body.id}/enrollments`, pk, {
      clientId: client.body.id,
      enrolledOn: day(-15),
    });
    expect(enrollment.status).toBe(201);
    const visit = await apiCall('POST', `/enrollments/${enrollment.body.id}/activities`, pk, {
      type: 'home_visit',
      date: day(-14),
      present: ['client', 'parents'],
      livingSituation: 'Bersama orang tua',
      familySupport: 4,
      riskFactors: [],
      findings: 'Rumah layak huni.',
    });
    expect(visit.status).toBe(201);

    // The pk: periods -> the period -> the client -> the next step of the opening.
    const officer = await phone();
    const page = officer.page;
    await signIn(page, 'pk.semarang@pascarehab.test', 'Demo-Pk-2026!');
    await page.getByRole('heading', { name: 'Periode program' }).waitFor();
    await page.getByRole('link', { name: new RegExp(periodName) }).click();
    await page.getByRole('heading', { name: periodName }).waitFor();
    await expectAccessible(page, 'a period');
    await page
      .getByRole('link', { name: /Eko Saputra/ })
      .first()
      .click();
    await page.getByRole('heading', { name: 'Riwayat' }).waitFor();
    await expectAccessible(page, 'an enrollment');
    const enrollmentUrl = page.url();
    // The opening's next step is the one button in the primary style.
    await page.locator('a.button.primary', { hasText: 'Tes urine' }).click();
    await page.getByRole('heading', { name: 'Tes urine' }).waitFor();
    await expectAccessible(page, 'the urine test form');
    await page.getByRole('button', { name: 'Simpan' }).click();
    // Nothing tested: the server's own rule, said before sending.
    await page.getByText('Isi minimal satu hasil zat.').waitFor();
    await page
      .locator('label.seg', { has: page.locator('input[name="results.methamphetamine"][value="negative"]') })
      .click();
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.getByText(/^Tes urine tanggal .* tercatat\.$/).waitFor();

    await page.getByRole('link', { name: 'Pertemuan kelompok', exact: true }).click();
    await page.getByRole('heading', { name: 'Pertemuan kelompok' }).waitFor();
    await expectAccessible(page, 'the group meeting form');
    await page.getByLabel('Topik').fill('Pencegahan kekambuhan');
    await page.getByLabel(/Eko Saputra/).check();
    await page.getByRole('button', { name: 'Simpan pertemuan' }).click();
    await page.getByText('Pertemuan kelompok tercatat untuk 1 klien.').waitFor();

    for (const [path, heading, screen] of [
      ['/asesmen/whoqol-bref', 'Asesmen WHOQOL-BREF', 'the WHOQOL-BREF form'],
      ['/kejadian', 'Catat kejadian', 'the outcome form'],
      ['/akhiri', 'Akhiri keikutsertaan', 'the end-of-enrollment form'],
    ] as const) {
      await page.goto(`${enrollmentUrl}${path}`);
      await page.getByRole('heading', { name: heading }).waitFor();
      await expectAccessible(page, screen);
    }
    // One label for "dropped out", the reports' own.
    expect(await page.getByLabel('Berhenti (putus program)').count()).toBe(1);

    // A counselling session by the konselor, with free text a viewer must not see.
    const counseling = await apiCall('POST', `/enrollments/${enrollment.body.id}/activities`, konselor, {
      type: 'counseling',
      // Not before the opening's last step (the group meeting, today).
      date: day(0),
      counselor: 'Ibu Rina',
      topic: 'Motivasi',
      durationMinutes: 60,
    });
    expect(counseling.status).toBe(201);

    // The viewer reads the history: what they may see, nothing "undefined", no empty "Hadir:".
    const viewer = await phone();
    await signIn(viewer.page, 'pimpinan@pascarehab.test', 'Demo-Pimpinan-2026');
    await viewer.page.getByRole('heading', { name: 'Periode program' }).waitFor();
    await viewer.page.goto(enrollmentUrl);
    await viewer.page.getByRole('heading', { name: 'Riwayat' }).waitFor();
    await expectAccessible(viewer.page, "a viewer's enrollment");
    const history = (await viewer.page.locator('.timeline').textContent()) ?? '';
    expect(history).toContain('60 menit');
    expect(history).toContain('Hadir: Klien, Orang tua');
    expect(history).not.toContain('undefined');
    expect(history).not.toContain('Ibu Rina');
    expect(history).not.toContain('Rumah layak huni');
    expect(history).not.toMatch(/Hadir:\s*(·|$)/);
    expect(await viewer.page.getByText('Eko Saputra').count()).toBe(0);

    // The admin is offered client registration, as the API allows, and picks the Bapas.
    const admin = await phone();
    await signIn(admin.page, 'admin@pascarehab.test', 'Demo-Admin-2026');
    await admin.page.getByRole('link', { name: '+ Registrasi klien baru' }).click();
    await admin.page.getByRole('heading', { name: 'Registrasi klien' }).waitFor();
    await admin.page.getByLabel('Kantor (Bapas)').selectOption('bapas-surakarta');

    expect([...officer.problems, ...viewer.problems, ...admin.problems]).toEqual([]);
    for (const p of [officer, viewer, admin]) await p.context.close();
  });
});
