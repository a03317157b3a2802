import { describe, expect, it } from 'vitest';
import { api, BNNP, createClient, createPeriod, isoDay, officeWithStaff, tokenFor } from './helpers';

/** Answers 1..5 for every item, shifted by `level` (deterministic per client). */
function answers(count: number, level: number, seed: number): number[] {
  return Array.from({ length: count }, (_, i) => Math.min(5, Math.max(1, level + ((i * 7 + seed) % 3) - 1)));
}

/**
 * A cohort of `n` clients, each with a WHOQOL-BREF and URICA pre (40 days ago) and post
 * (5 days ago) assessment; `gain` moves the post answers up.
 */
async function cohort(
  staff: { office: string; pk: string; kasi: string },
  n: number,
  gain: number,
  names: string[],
) {
  const period = await createPeriod(staff.kasi, [staff.office], {
    startDate: isoDay(-60),
    endDate: isoDay(30),
    capacity: 40,
    protocol: { opening: [] },
  });
  for (let i = 0; i < n; i++) {
    const fullName = `Klien Banding ${names.length}`;
    names.push(fullName);
    const client = await createClient(staff.pk, staff.office, { fullName });
    const enrolled = await api('POST', `/periods/${period.id}/enrollments`, {
      token: staff.pk,
      body: { clientId: client.id, enrolledOn: isoDay(-50) },
    });
    expect(enrolled.status).toBe(201);
    const base = 2 + (i % 2);
    for (const [phase, date, level] of [
      ['pre', isoDay(-40), base],
      ['post', isoDay(-5), base + gain + (i % 3 === 0 ? 1 : 0)],
    ] as const) {
      for (const [instrument, count] of [
        ['whoqol-bref', 26],
        ['urica', 32],
      ] as const) {
        const res = await api('POST', `/enrollments/${enrolled.body.id}/assessments`, {
          token: staff.pk,
          body: { instrument, phase, date, responses: answers(count, level, i) },
        });
        expect(res.status).toBe(201);
      }
    }
  }
  return period;
}

describe('cohort comparisons', () => {
  it('compares a reference cohort with others, files the record under each period, and remakes it identically', async () => {
    const staff = await officeWithStaff('cmp');
    const names: string[] = [];
    const reference = await cohort(staff, 10, 0, names);
    const compared = await cohort(staff, 10, 1, names);
    const small = await cohort(staff, 4, 1, names);

    const made = await api('POST', '/comparisons', {
      token: staff.kasi,
      body: { reference: reference.id, compared: [compared.id, small.id] },
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      reference: reference.id,
      compared: [compared.id, small.id],
      generatedAt: isoDay(0),
    });

    const json = await (await fetch(made.body.files.json)).text();
    const html = await (await fetch(made.body.files.html)).text();
    const summary = JSON.parse(json);
    expect(summary.schemaVersion).toBe(1);
    expect(summary.protocols.map((p: { periodId: string }) => p.periodId)).toEqual([
      reference.id,
      compared.id,
      small.id,
    ]);
    const [big, few] = summary.comparisons;
    expect(big.whoqol.domains.physical.reference.n).toBe(10);
    expect(big.whoqol.domains.physical.compared.n).toBe(10);
    expect(big.whoqol.domains.physical.ancova).not.toBeNull();
    expect(big.whoqol.domains.physical.diff).toBeGreaterThan(0);
    expect(big.urica.readiness.ancova).not.toBeNull();
    expect(few.whoqol.domains.physical.reason).toBe('small_sample');
    expect(few.whoqol.domains.physical.ancova).toBeNull();
    expect(few.whoqol.domains.physical.compared.n).toBe(4);
    // Aggregates only: none of the clients' names reach the files.
    for (const name of names) {
      expect(json).not.toContain(name);
      expect(html).not.toContain(name);
    }
    expect(html.toLowerCase()).not.toContain('terbukti');

    // The same comparison the same day: the same id, the same bytes, one record.
    const again = await api('POST', '/comparisons', {
      token: staff.kasi,
      body: { reference: reference.id, compared: [compared.id, small.id] },
    });
    expect(again.body.id).toBe(made.body.id);
    expect(await (await fetch(again.body.files.json)).text()).toBe(json);
    expect(await (await fetch(again.body.files.html)).text()).toBe(html);

    for (const period of [reference, compared, small]) {
      const list = await api('GET', `/comparisons?period=${period.id}`, { token: staff.pk });
      expect(list.status).toBe(200);
      expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([made.body.id]);
    }
    const viewer = await api('GET', `/comparisons?period=${reference.id}`, { token: staff.viewer });
    expect(viewer.body.items).toHaveLength(1);

    const audit = await api('GET', `/audit?entity=period&id=${reference.id}`, { token: staff.admin });
    expect(audit.body.items.map((a: { action: string }) => a.action)).toContain('comparison.create');
  }, 180_000);

  it('is for kasi (own periods), admin and viewer; out-of-scope periods read as absent; bad choices are 400', async () => {
    const a = await officeWithStaff('cma');
    const b = await officeWithStaff('cmb');
    const pa = await createPeriod(a.kasi, [a.office]);
    const pa2 = await createPeriod(a.kasi, [a.office]);
    const pb = await createPeriod(b.kasi, [b.office]);

    const byPk = await api('POST', '/comparisons', {
      token: a.pk,
      body: { reference: pa.id, compared: [pa2.id] },
    });
    expect(byPk.status).toBe(403);
    const otherOffice = await api('POST', '/comparisons', {
      token: a.kasi,
      body: { reference: pa.id, compared: [pb.id] },
    });
    expect(otherOffice.status).toBe(404);
    const byViewer = await api('POST', '/comparisons', {
      token: await tokenFor('viewer', BNNP),
      body: { reference: pa.id, compared: [pb.id] },
    });
    expect(byViewer.status).toBe(201);
    // The viewer's comparison spans two offices: kasi of either office does not see it.
    const forKasiA = await api('GET', `/comparisons?period=${pa.id}`, { token: a.kasi });
    expect(forKasiA.body.items).toEqual([]);
    const forAdmin = await api('GET', `/comparisons?period=${pb.id}`, { token: a.admin });
    expect(forAdmin.body.items).toHaveLength(1);

    const self = await api('POST', '/comparisons', {
      token: a.kasi,
      body: { reference: pa.id, compared: [pa.id] },
    });
    expect(self.status).toBe(400);
    expect(self.body.error.details[0].path).toBe('compared');
    const six = await api('POST', '/comparisons', {
      token: a.admin,
      body: { reference: pa.id, compared: Array.from({ length: 6 }, () => pa2.id) },
    });
    expect(six.status).toBe(400);
    expect((await api('GET', '/comparisons', { token: a.admin })).status).toBe(400);
  }, 120_000);
});
