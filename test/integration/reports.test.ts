import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseHtml } from 'node-html-parser';
import { describe, expect, inject, it } from 'vitest';
import { addDays } from '../../shared/domain/dates';
import {
  api,
  createClient,
  deleteItem,
  HOME_VISIT,
  isoDay,
  officeWithStaff,
  record,
  URINE_NEGATIVE,
} from './helpers';

const run = promisify(execFile);
const WHOQOL = [4, 3, 2, 1, 4, 4, 3, 4, 3, 4, 3, 2, 4, 3, 5, 3, 4, 4, 4, 4, 3, 4, 4, 3, 3, 2];
const WHOQOL_BETTER = WHOQOL.map((v, i) => (i >= 2 && v < 5 && ![2, 3, 25].includes(i) ? v + 1 : v));

/** `npm run job -- period-end --now ... --period ...` against the test stack. */
async function periodEndJob(now: string, periodId: string) {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', 'scripts/job.ts', 'period-end', '--now', now, '--period', periodId],
    {
      env: { ...process.env, DATA_DIR: inject('dataDir') },
    },
  );
  return JSON.parse(stdout) as {
    today: string;
    written: Array<{ kind: string; asOf: string }>;
    skipped: number;
  };
}

async function download(url: string) {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

/** A period with 3 clients, activities and pre/post WHOQOL, ending `endOffset` days from today. */
async function periodWithData(label: string, endOffset = 30) {
  const s = await officeWithStaff(label);
  const period = (
    await api('POST', '/periods', {
      token: s.kasi,
      body: {
        name: `Periode ${label}`,
        startDate: isoDay(-40),
        endDate: isoDay(endOffset),
        capacity: 5,
        offices: [s.office],
        protocol: { opening: ['home_visit', 'urine_test'], cadenceDays: { urine_test: 14 } },
        instruments: ['whoqol-bref', 'urica'],
      },
    })
  ).body;
  const names = ['Agus Salim', 'Siti Rahma', 'Dewi Lestari'];
  for (const [i, fullName] of names.entries()) {
    const c = await createClient(s.pk, s.office, { fullName, nik: `33740117059000${10 + i}` });
    const e = (
      await api('POST', `/periods/${period.id}/enrollments`, {
        token: s.pk,
        body: { clientId: c.id, enrolledOn: isoDay(-35) },
      })
    ).body;
    await record(s.pk, e.id, 'activities', { ...HOME_VISIT, date: isoDay(-30) });
    await record(s.pk, e.id, 'activities', { ...URINE_NEGATIVE, date: isoDay(-29) });
    await record(s.pk, e.id, 'assessments', {
      instrument: 'whoqol-bref',
      phase: 'pre',
      date: isoDay(-34),
      responses: WHOQOL,
    });
    await record(s.pk, e.id, 'assessments', {
      instrument: 'whoqol-bref',
      phase: 'post',
      date: isoDay(-2),
      responses: i === 2 ? WHOQOL : WHOQOL_BETTER,
    });
  }
  return { s, period, names };
}

describe('on-demand reports', () => {
  it('writes summary.json, enrollments.csv and report.html to S3 without client identities', async () => {
    const { s, period, names } = await periodWithData('rep');
    const res = await api('POST', `/periods/${period.id}/reports`, { token: s.kasi });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'on_demand', asOf: isoDay(0), id: `on_demand_${isoDay(0)}` });

    const json = JSON.parse((await download(res.body.files.json)).toString('utf8'));
    expect(json).toMatchObject({
      schemaVersion: 2,
      kind: 'on_demand',
      interim: true,
      asOf: isoDay(0),
      period: { id: period.id },
      // WHOQOL_PERMISSION_REF is not set in the test stack: the report says it is missing.
      licence: { whoqolPermissionRef: null },
    });
    // An interim report has no completion rate.
    expect(json.enrollment).toMatchObject({ enrolled: 3, active: 3, completionRate: null });
    expect(json.attrition.whoqol).toMatchObject({ enrolled: 3, withPre: 3, withPost: 3, analysed: 3 });
    expect(json.whoqol.domains.physical.nPairs).toBe(3);
    // Two clients answered better, one the same.
    expect(json.whoqol.domains.physical.direction).toEqual({ up: 2, same: 1, down: 0 });
    expect(json.whoqol.domains.physical.sensitivity).toMatchObject({
      method: 'baseline_carried_forward',
      n: 3,
    });
    expect(json.outcomes.relapse).toMatchObject({ events: 0, unknownAfterDropout: 0, per100PersonMonths: 0 });
    expect(json.whoqol.domains.physical.warnings).toContain('small_sample');
    expect(json.protocol.byType.home_visit.count).toBe(3);

    const csvBytes = await download(res.body.files.csv);
    expect(csvBytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const csvRows = parseCsv(csvBytes, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(csvRows).toHaveLength(3);
    expect(Object.keys(csvRows[0]!)).toEqual(expect.arrayContaining(['pseudonym', 'office', 'status']));
    // Days from enrollment (35 days ago) to the baseline (34 days ago) and follow-up (2 days ago).
    expect(csvRows.map((r) => [r.whoqol_pre_day, r.whoqol_post_day])).toEqual([
      ['1', '33'],
      ['1', '33'],
      ['1', '33'],
    ]);

    const htmlText = (await download(res.body.files.html)).toString('utf8');
    const html = parseHtml(htmlText);
    expect(html.querySelector('html')?.getAttribute('lang')).toBe('id');
    expect(html.querySelectorAll('svg').length).toBeGreaterThanOrEqual(3);
    expect(html.querySelector('[data-chart="funnel"]')).not.toBeNull();

    const everything = [JSON.stringify(json), csvBytes.toString('utf8'), htmlText].join('\n');
    for (const secret of [...names, '3374011705900010', 'Budi']) expect(everything).not.toContain(secret);
  });

  it('is for kasi and admin; the list is for kasi, admin, viewer and pk of the period', async () => {
    const { s, period } = await periodWithData('repr', 20);
    const other = await officeWithStaff('repo');
    for (const token of [s.pk, s.konselor, s.viewer]) {
      expect((await api('POST', `/periods/${period.id}/reports`, { token })).status).toBe(403);
    }
    expect((await api('POST', `/periods/${period.id}/reports`, { token: other.kasi })).status).toBe(404);
    expect((await api('POST', `/periods/${period.id}/reports`, { token: s.admin })).status).toBe(201);
    for (const token of [s.kasi, s.admin, s.viewer, s.pk]) {
      const list = await api('GET', `/periods/${period.id}/reports`, { token });
      expect(list.status).toBe(200);
      expect(list.body.items).toHaveLength(1);
    }
    expect((await api('GET', `/periods/${period.id}/reports`, { token: s.konselor })).status).toBe(403);
    expect((await api('GET', `/periods/${period.id}/reports`, { token: other.pk })).status).toBe(404);
  });
});

describe('the period-end job', () => {
  it('writes one final report after the end date, and a rerun leaves identical bytes and one record', async () => {
    const { s, period } = await periodWithData('final', 3);
    const endDate = isoDay(3);
    // On the end date itself: nothing final yet.
    expect((await periodEndJob(`${endDate}T23:00:00+07:00`, period.id)).written).toEqual([]);
    // Two days late (a missed run): caught up.
    const first = await periodEndJob(`${addDays(endDate, 2)}T01:00:00+07:00`, period.id);
    expect(first.written).toEqual([expect.objectContaining({ kind: 'final', asOf: endDate })]);
    const listed = (await api('GET', `/periods/${period.id}/reports`, { token: s.kasi })).body.items;
    expect(listed).toEqual([expect.objectContaining({ kind: 'final', asOf: endDate, generatedAt: endDate })]);
    const before = await Promise.all(Object.values(listed[0].files as Record<string, string>).map(download));
    // A final report is not interim and gives the completion rate (nobody completed yet: 0).
    expect(JSON.parse(before[0]!.toString('utf8'))).toMatchObject({
      kind: 'final',
      interim: false,
      enrollment: { completionRate: 0 },
    });

    // A rerun after the final report exists does not write it again.
    const second = await periodEndJob(`${addDays(endDate, 3)}T01:00:00+07:00`, period.id);
    expect(second.written).toEqual([]);
    expect(second.skipped).toBe(1);
    // With the record gone (as if the first run had died after the files), a rerun writes the
    // same keys with the same bytes, and there is again exactly one record.
    await deleteItem(`PERIOD#${period.id}`, `REPORT#final#${endDate}`);
    const third = await periodEndJob(`${addDays(endDate, 4)}T01:00:00+07:00`, period.id);
    expect(third.written).toEqual([expect.objectContaining({ kind: 'final', asOf: endDate })]);
    const relisted = (await api('GET', `/periods/${period.id}/reports`, { token: s.kasi })).body.items;
    expect(relisted).toHaveLength(1);
    const after = await Promise.all(Object.values(relisted[0].files as Record<string, string>).map(download));
    expect(after.map((b) => b.length)).toEqual(before.map((b) => b.length));
    expect(after).toEqual(before);
  });

  it('writes a monthly report on the 1st only, byte-identical when rerun for the same date', async () => {
    const { s, period } = await periodWithData('monthly', 90);
    const [y, m] = isoDay(0).split('-').map(Number) as [number, number];
    const next1st = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
    const notFirst = addDays(next1st, 1);
    expect((await periodEndJob(`${notFirst}T03:00:00+07:00`, period.id)).written).toEqual([]);
    const first = await periodEndJob(`${next1st}T01:00:00+07:00`, period.id);
    const asOf = addDays(next1st, -1);
    expect(first.written).toEqual([{ periodId: period.id, kind: 'monthly', asOf }]);
    const files1 = (await api('GET', `/periods/${period.id}/reports`, { token: s.admin })).body.items[0]
      .files;
    const bytes1 = await Promise.all(Object.values(files1 as Record<string, string>).map(download));
    await periodEndJob(`${next1st}T09:30:00+07:00`, period.id);
    const items = (await api('GET', `/periods/${period.id}/reports`, { token: s.admin })).body.items;
    expect(items).toHaveLength(1);
    const bytes2 = await Promise.all(Object.values(items[0].files as Record<string, string>).map(download));
    expect(bytes2).toEqual(bytes1);
    const summary = JSON.parse(bytes1[0]!.toString('utf8'));
    expect(summary).toMatchObject({ kind: 'monthly', interim: true, asOf, generatedAt: asOf });
    expect(summary.enrollment.completionRate).toBeNull();
  });
});
