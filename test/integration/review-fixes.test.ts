import { describe, expect, it } from 'vitest';
import {
  api,
  clientBody,
  createClient,
  createPeriod,
  enrolledClient,
  isoDay,
  officeWithStaff,
} from './helpers';

describe('hardening', () => {
  it('hides free text that may name people from viewers on every enrollment route', async () => {
    const s = await officeWithStaff('red');
    const { period, enrollment } = await enrolledClient(s, { protocol: { opening: [] } });
    await api('POST', `/periods/${period.id}/group-meetings`, {
      token: s.pk,
      body: {
        date: isoDay(-3),
        topic: 'Sesi bersama Budi Santoso',
        facilitator: 'Ibu Sari',
        attendees: [enrollment.id],
      },
    });
    await api('PATCH', `/enrollments/${enrollment.id}`, {
      token: s.pk,
      body: { status: 'dropped_out', date: isoDay(-1), reason: 'Budi Santoso pindah ke Jl. Melati 3' },
    });
    for (const path of [`/enrollments/${enrollment.id}`, `/periods/${period.id}/enrollments`]) {
      const asViewer = JSON.stringify((await api('GET', path, { token: s.viewer })).body);
      expect(asViewer).not.toContain('Budi');
      expect(asViewer).toContain(enrollment.id);
      const asOfficer = JSON.stringify((await api('GET', path, { token: s.pk })).body);
      expect(asOfficer).toContain('Budi Santoso pindah');
    }
  });

  it('refuses a cursor of the right partition whose sort key is outside the query (400, not 500)', async () => {
    const s = await officeWithStaff('cur');
    const p = await createPeriod(s.kasi, [s.office]);
    const forge = (key: Record<string, string>) => Buffer.from(JSON.stringify(key)).toString('base64url');
    const partition = `PERIOD#${p.id}#ENROLLMENTS`;
    for (const key of <Array<Record<string, string>>>[
      { pk: 'x', sk: 'y', gsi1pk: partition, gsi1sk: 'OFFICE#bapas-other#x' },
      { pk: 'x', sk: 'y', gsi1pk: partition },
      { pk: 'x', sk: '', gsi1pk: partition, gsi1sk: `OFFICE#${s.office}#x` },
      { pk: 'x', sk: 'y', gsi1pk: partition, gsi1sk: `OFFICE#${s.office}#x`, gsi2pk: 'z' },
    ]) {
      const res = await api('GET', `/periods/${p.id}/enrollments?cursor=${forge(key)}`, { token: s.pk });
      expect(res.status, JSON.stringify(key)).toBe(400);
      expect(res.body.error.details[0].path).toBe('cursor');
    }
  });

  it('keeps the registration guard when only the case of the number changes', async () => {
    const s = await officeWithStaff('case');
    const c = await createClient(s.pk, s.office, { registrationNumber: 'PAS-1/2025' });
    const res = await api('PATCH', `/clients/${c.id}`, {
      token: s.pk,
      body: { registrationNumber: 'pas-1/2025' },
    });
    expect(res.status).toBe(200);
    expect(res.body.registrationNumber).toBe('pas-1/2025');
    const dup = await api('POST', '/clients', {
      token: s.pk,
      body: clientBody(s.office, { registrationNumber: 'PAS-1/2025' }),
    });
    expect(dup.body.error.code).toBe('duplicate_registration');
  });

  it('refuses text with a lone UTF-16 surrogate as validation_failed', async () => {
    const s = await officeWithStaff('sur');
    const raw = JSON.stringify(clientBody(s.office)).replace('"Budi Santoso"', '"Budi \\ud800"');
    const res = await api('POST', '/clients', {
      token: s.pk,
      rawBody: raw,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('fullName');
    const reg = JSON.stringify(clientBody(s.office)).replace(
      /"registrationNumber":"[^"]+"/,
      '"registrationNumber":"X-\\ud800"',
    );
    expect(
      (
        await api('POST', '/clients', {
          token: s.pk,
          rawBody: reg,
          headers: { 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(400);
  });
});

describe('lists that forms show', () => {
  it('finds a client by registration number within the office, ignoring case and spacing', async () => {
    const s = await officeWithStaff('find');
    const other = await officeWithStaff('find');
    const c = await createClient(s.pk, s.office, { registrationNumber: 'PAS-77/2025' });
    await createClient(s.pk, s.office);
    const found = await api('GET', `/clients?registrationNumber=${encodeURIComponent(' pas-77/2025 ')}`, {
      token: s.pk,
    });
    expect(found.status).toBe(200);
    expect(found.body.items.map((i: { id: string }) => i.id)).toEqual([c.id]);
    const none = await api('GET', '/clients?registrationNumber=PAS-404', { token: s.pk });
    expect(none.body).toEqual({ items: [], nextCursor: null });
    // Another office's pk looks in their own office: nothing.
    const elsewhere = await api('GET', '/clients?registrationNumber=PAS-77%2F2025', { token: other.pk });
    expect(elsewhere.body.items).toEqual([]);
    // konselor: only once enrolled.
    const asKonselor = await api('GET', `/clients?office=${s.office}&registrationNumber=PAS-77%2F2025`, {
      token: s.konselor,
    });
    expect(asKonselor.body.items).toEqual([]);
  });

  it('shows the client name beside enrollments and due items, except to viewers', async () => {
    const s = await officeWithStaff('names');
    const { period, client } = await enrolledClient(s);
    const detail = await api('GET', `/clients/${client.id}`, { token: s.pk });
    const expected = { fullName: detail.body.fullName, registrationNumber: detail.body.registrationNumber };
    const list = await api('GET', `/periods/${period.id}/enrollments`, { token: s.pk });
    expect(list.body.items[0].client).toEqual(expected);
    const due = await api('GET', `/periods/${period.id}/due`, { token: s.kasi });
    expect(due.body.items[0].client).toEqual(expected);
    for (const path of [`/periods/${period.id}/enrollments`, `/periods/${period.id}/due`]) {
      const asViewer = await api('GET', path, { token: s.viewer });
      expect(asViewer.body.items.length).toBeGreaterThan(0);
      expect(JSON.stringify(asViewer.body)).not.toContain(expected.fullName);
    }
  });
});
