import { describe, expect, it } from 'vitest';
import { api, createClient, createPeriod, isoDay, officeWithStaff } from './helpers';

const names = (body: { items: Array<{ fullName: string }> }) => body.items.map((c) => c.fullName).sort();

describe('client search (GET /clients?q=)', () => {
  it('finds clients by the start of any word of the name, ignoring case and accents', async () => {
    const s = await officeWithStaff('srch');
    await createClient(s.pk, s.office, {
      fullName: 'Muhammad Rízki Saputra',
      registrationNumber: 'PAS-001/2025',
    });
    await createClient(s.pk, s.office, { fullName: 'Rizal Hidayat', registrationNumber: 'PAS-002/2025' });
    await createClient(s.pk, s.office, { fullName: 'Agus Santoso', registrationNumber: 'BKL 17' });
    const search = (q: string) => api('GET', `/clients?q=${encodeURIComponent(q)}`, { token: s.pk });

    expect(names((await search('riz')).body)).toEqual(['Muhammad Rízki Saputra', 'Rizal Hidayat']);
    expect(names((await search('RIZKI')).body)).toEqual(['Muhammad Rízki Saputra']);
    expect(names((await search('sap')).body)).toEqual(['Muhammad Rízki Saputra']);
    // Every word must match the start of some word: "riz hid" is Rizal Hidayat only.
    expect(names((await search('riz hid')).body)).toEqual(['Rizal Hidayat']);
    // Inside a word is not a word's start.
    expect(names((await search('izal')).body)).toEqual([]);
    // The registration number: from its start, any part of it, or typed without separators.
    expect(names((await search('pas-002')).body)).toEqual(['Rizal Hidayat']);
    expect(names((await search('2025')).body)).toEqual(['Muhammad Rízki Saputra', 'Rizal Hidayat']);
    expect(names((await search('bkl17')).body)).toEqual(['Agus Santoso']);
    // A result has the client's shape, NIK masked.
    const one = (await search('agus')).body.items[0];
    expect(one.nik).toBe('************0003');
    // Nothing to search for.
    const empty = await search(' -/ ');
    expect(empty.status).toBe(400);
    expect(empty.body.error.details[0].path).toBe('q');
    expect((await api('GET', '/clients?q=agus&registrationNumber=BKL%2017', { token: s.pk })).status).toBe(
      400,
    );
  });

  it("stays in the caller's office; konselor finds enrolled clients only", async () => {
    const s = await officeWithStaff('srco');
    const other = await officeWithStaff('srco');
    const c = await createClient(s.pk, s.office, { fullName: 'Slamet Wibowo' });
    expect(names((await api('GET', '/clients?q=slamet', { token: other.pk })).body)).toEqual([]);
    expect((await api('GET', `/clients?q=slamet&office=${s.office}`, { token: other.pk })).status).toBe(403);
    expect(
      names((await api('GET', `/clients?q=slamet&office=${s.office}`, { token: s.admin })).body),
    ).toEqual(['Slamet Wibowo']);
    const asKonselor = () => api('GET', `/clients?q=slamet&office=${s.office}`, { token: s.konselor });
    expect(names((await asKonselor()).body)).toEqual([]);
    const period = await createPeriod(s.kasi, [s.office]);
    await api('POST', `/periods/${period.id}/enrollments`, { token: s.pk, body: { clientId: c.id } });
    expect(names((await asKonselor()).body)).toEqual(['Slamet Wibowo']);
    expect((await api('GET', '/clients?q=slamet', { token: s.viewer })).status).toBe(403);
  });

  it('follows a change of name or number, in the same write', async () => {
    const s = await officeWithStaff('srpa');
    const c = await createClient(s.pk, s.office, { fullName: 'Joko Purnomo', registrationNumber: 'PAS-9' });
    const patch = await api('PATCH', `/clients/${c.id}`, {
      token: s.pk,
      body: { fullName: 'Joko Prasetyo', registrationNumber: 'PAS-10' },
    });
    expect(patch.status).toBe(200);
    const search = (q: string) => api('GET', `/clients?q=${q}`, { token: s.pk });
    expect(names((await search('purn')).body)).toEqual([]);
    expect(names((await search('pras')).body)).toEqual(['Joko Prasetyo']);
    expect(names((await search('joko')).body)).toEqual(['Joko Prasetyo']);
    expect(names((await search('pas9')).body)).toEqual([]);
    expect(names((await search('pas10')).body)).toEqual(['Joko Prasetyo']);
    // A change that leaves the words alone (another phone number) keeps the client findable.
    await api('PATCH', `/clients/${c.id}`, { token: s.pk, body: { phone: '+62 811 000 111' } });
    expect(names((await search('joko')).body)).toEqual(['Joko Prasetyo']);
  });

  it('pages through many matches, each client once', async () => {
    const s = await officeWithStaff('srpg');
    for (let i = 0; i < 5; i++) {
      // "Budi Budiman": two words begin with "bud", still listed once.
      await createClient(s.pk, s.office, { fullName: i % 2 ? `Budi Budiman ${i}` : `Budi Santoso ${i}` });
    }
    await createClient(s.pk, s.office, { fullName: 'Eko Saputra' });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const qs: string = `q=bud&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await api('GET', `/clients?${qs}`, { token: s.pk });
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((c: { id: string }) => c.id));
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 20);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
  });
});

describe("a client's enrollments (GET /clients/{id}/enrollments)", () => {
  it('lists them newest first with their status and period, in scope', async () => {
    const s = await officeWithStaff('cen');
    const c = await createClient(s.pk, s.office);
    const now = await createPeriod(s.kasi, [s.office], { name: 'Kohort sekarang', endDate: isoDay(10) });
    const later = await createPeriod(s.kasi, [s.office], {
      name: 'Kohort berikutnya',
      startDate: isoDay(20),
      endDate: isoDay(200),
    });
    const first = await api('POST', `/periods/${now.id}/enrollments`, {
      token: s.pk,
      body: { clientId: c.id },
    });
    await api('PATCH', `/enrollments/${first.body.id}`, {
      token: s.pk,
      body: { status: 'completed', date: isoDay(0) },
    });
    await api('POST', `/periods/${later.id}/enrollments`, { token: s.pk, body: { clientId: c.id } });
    const res = await api('GET', `/clients/${c.id}/enrollments`, { token: s.pk });
    expect(res.status).toBe(200);
    expect(
      res.body.items.map((e: { status: string; period: { name: string } }) => [e.period.name, e.status]),
    ).toEqual([
      ['Kohort berikutnya', 'active'],
      ['Kohort sekarang', 'completed'],
    ]);
    expect(res.body.items[1].period).toEqual({
      name: 'Kohort sekarang',
      startDate: isoDay(-30),
      endDate: isoDay(10),
    });
    const other = await officeWithStaff('cen');
    expect((await api('GET', `/clients/${c.id}/enrollments`, { token: other.pk })).status).toBe(404);
    expect((await api('GET', `/clients/${c.id}/enrollments`, { token: s.viewer })).status).toBe(403);
    expect((await api('GET', `/clients/${c.id}/enrollments`, { token: s.konselor })).status).toBe(200);
  });
});
