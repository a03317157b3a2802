import { describe, expect, it } from 'vitest';
import { api, clientBody, createPeriod, officeWithStaff } from './helpers';

describe('audit trail', () => {
  it('records who changed what on every write, with field names and never values', async () => {
    const a = await officeWithStaff('aud');
    const body = clientBody(a.office);
    const created = await api('POST', '/clients', { token: a.pk, body });
    const id = created.body.id;
    await api('PATCH', `/clients/${id}`, {
      token: a.kasi,
      body: { fullName: 'Siti Aminah', nik: '3374014404850001' },
    });
    const p = await createPeriod(a.kasi, [a.office]);
    const e = await api('POST', `/periods/${p.id}/enrollments`, { token: a.pk, body: { clientId: id } });

    const trail = await api('GET', `/audit?entity=client&id=${id}`, { token: a.admin });
    expect(trail.status).toBe(200);
    expect(trail.body.items.map((i: { action: string }) => i.action)).toEqual(['update', 'create']);
    const [update, create] = trail.body.items;
    expect(update).toMatchObject({
      entity: 'client',
      entityId: id,
      changedFields: ['fullName', 'nik'],
      actor: { sub: `kasi-${a.office}`, role: 'kasi', office: a.office },
    });
    expect(create.actor.role).toBe('pk');
    expect(create.changedFields).toEqual(expect.arrayContaining(['fullName', 'nik', 'registrationNumber']));
    const text = JSON.stringify(trail.body);
    for (const secret of [
      'Siti Aminah',
      'Budi',
      '3374014404850001',
      '3374011705900003',
      body.registrationNumber,
    ]) {
      expect(text).not.toContain(secret);
    }
    const periodTrail = await api('GET', `/audit?entity=period&id=${p.id}`, { token: a.admin });
    expect(periodTrail.body.items).toEqual([expect.objectContaining({ action: 'create', entity: 'period' })]);
    const enrollmentTrail = await api('GET', `/audit?entity=enrollment&id=${e.body.id}`, { token: a.admin });
    expect(enrollmentTrail.body.items).toEqual([
      expect.objectContaining({ action: 'create', actor: expect.objectContaining({ role: 'pk' }) }),
    ]);
  });

  it('is for admin only', async () => {
    const a = await officeWithStaff('aud2');
    const id = (await api('POST', '/clients', { token: a.pk, body: clientBody(a.office) })).body.id;
    for (const token of [a.pk, a.kasi, a.konselor, a.viewer]) {
      const res = await api('GET', `/audit?entity=client&id=${id}`, { token });
      expect(res.status).toBe(403);
    }
    const bad = await api('GET', `/audit?entity=user&id=${id}`, { token: a.admin });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('entity');
  });

  it('writes no audit entry for a refused write', async () => {
    const a = await officeWithStaff('aud3');
    const first = await api('POST', '/clients', { token: a.pk, body: clientBody(a.office) });
    const dup = await api('PATCH', `/clients/${first.body.id}`, {
      token: a.pk,
      body: { birthDate: '2999-01-01' },
    });
    expect(dup.status).toBe(400);
    const trail = await api('GET', `/audit?entity=client&id=${first.body.id}`, { token: a.admin });
    expect(trail.body.items).toHaveLength(1);
  });
});
