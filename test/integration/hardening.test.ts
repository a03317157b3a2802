import { describe, expect, it } from 'vitest';
import {
  api,
  COUNSELING,
  createClient,
  createPeriod,
  enrolledClient,
  HOME_VISIT,
  isoDay,
  officeWithStaff,
  record,
  tokenFor,
} from './helpers';

/** `[[[...]]]` nested `depth` levels deep. */
function nested(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

describe('hostile bodies never give 500', () => {
  it('refuses JSON nested deeper than 32 levels with 400 validation_failed, key or no key', async () => {
    const staff = await officeWithStaff('nest');
    const period = await createPeriod(staff.kasi, [staff.office]);
    for (const path of [`/periods/${period.id}/close`, `/periods/${period.id}/reports`, '/clients']) {
      const withKey: Record<string, string> = { 'idempotency-key': `deep-${path.length}` };
      for (const headers of [withKey, {}]) {
        const res = await api('POST', path, {
          token: staff.kasi,
          rawBody: nested(3_000),
          headers: { 'content-type': 'application/json', ...headers },
        });
        expect(res.status, path).toBe(400);
        expect(res.body.error.code).toBe('validation_failed');
        expect(res.body.error.details[0].path).toBe('(root)');
      }
    }
    // 33 levels is refused, 32 is parsed (and then judged by the route's schema).
    const over = await api('POST', '/clients', {
      token: staff.kasi,
      rawBody: `{"a":${nested(32)}}`,
      headers: { 'content-type': 'application/json' },
    });
    expect(over.body.error.details[0]).toEqual(expect.objectContaining({ path: '(root)' }));
    const within = await api('POST', '/clients', {
      token: staff.kasi,
      rawBody: `{"a":${nested(31)}}`,
      headers: { 'content-type': 'application/json' },
    });
    expect(within.status).toBe(400);
    expect(within.body.error.details.map((d: { path: string }) => d.path)).toContain('a');
  });

  it('refuses a non-empty body on routes that take none, and writes nothing', async () => {
    const staff = await officeWithStaff('nobody');
    const period = await createPeriod(staff.kasi, [staff.office]);
    const close = await api('POST', `/periods/${period.id}/close`, {
      token: staff.kasi,
      body: { reason: 'x' },
    });
    expect(close.status).toBe(400);
    expect(close.body.error.code).toBe('validation_failed');
    const still = await api('GET', `/periods/${period.id}`, { token: staff.kasi });
    expect(still.body.status).toBe('open');
    const report = await api('POST', `/periods/${period.id}/reports`, { token: staff.kasi, body: {} });
    expect(report.status).toBe(400);
    const list = await api('GET', `/periods/${period.id}/reports`, { token: staff.kasi });
    expect(list.body.items).toEqual([]);
    // An empty body (no bytes) is what these routes expect.
    expect((await api('POST', `/periods/${period.id}/close`, { token: staff.kasi })).status).toBe(200);
  });

  it('validates the query string of GET /periods/{id}/reports like every other list', async () => {
    const staff = await officeWithStaff('rq');
    const period = await createPeriod(staff.kasi, [staff.office]);
    const unknown = await api('GET', `/periods/${period.id}/reports?bogus=1`, { token: staff.kasi });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0].path).toBe('bogus');
  });

  it('refuses control characters in names, registration numbers and free text', async () => {
    const staff = await officeWithStaff('ctl');
    const cases: Array<Record<string, unknown>> = [
      { fullName: 'Budi\u0000Santoso' },
      { fullName: 'Budi\nSantoso' },
      { registrationNumber: 'PAS-\u001b001' },
      { registrationNumber: 'PAS-\t001' },
      { fullName: 'Budi \u0085Santoso' },
      { caseArticle: 'Pasal\u007f112' },
      { address: { street: 'Jl. Pemuda\u000712' } },
    ];
    for (const overrides of cases) {
      const res = await api('POST', '/clients', {
        token: staff.pk,
        body: {
          office: staff.office,
          registrationNumber: `PAS-${Math.random().toString(36).slice(2, 10)}`,
          fullName: 'Budi Santoso',
          sex: 'male',
          birthDate: '1990-05-17',
          ...overrides,
        },
      });
      expect(res.status, JSON.stringify(overrides)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.details[0].path).toBe(
        Object.keys(overrides)[0] === 'address' ? 'address.street' : Object.keys(overrides)[0],
      );
    }
    const { enrollment } = await enrolledClient(staff, { protocol: { opening: [] } });
    const bell = await record(staff.pk, enrollment.id, 'activities', {
      ...HOME_VISIT,
      date: isoDay(-1),
      findings: 'Rumah\u0007 bersih',
    });
    expect(bell.status).toBe(400);
    expect(bell.body.error.details[0].path).toBe('findings');
    // Tabs and line breaks are ordinary in free text.
    const lines = await record(staff.pk, enrollment.id, 'activities', {
      ...HOME_VISIT,
      date: isoDay(-1),
      findings: 'Baris satu\r\nBaris dua\n\tcatatan',
    });
    expect(lines.status).toBe(201);
    expect(lines.body.findings).toBe('Baris satu\r\nBaris dua\n\tcatatan');
  });

  it('answers paths under /app/ that do not exist in the error envelope', async () => {
    for (const path of ['/app/../../etc/passwd', '/app/no-such-file.js', '/app/%2e%2e/package.json']) {
      const res = await fetch(`${(await import('./helpers')).baseUrl}${path}`);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/json');
      expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
    }
  });
});

describe('records that grow without bound', () => {
  it('takes 1,000 group meetings with 500-character topics on one enrollment; its detail stays under 64 KB', async () => {
    const staff = await officeWithStaff('many');
    const { enrollment, period } = await enrolledClient(staff, { protocol: { opening: [] } });
    const topic = `${'Topik panjang pertemuan kelompok '.repeat(20)}`.slice(0, 500);
    expect(topic).toHaveLength(500);
    const failures: unknown[] = [];
    for (let i = 0; i < 1_000; i++) {
      const res = await api('POST', `/periods/${period.id}/group-meetings`, {
        token: staff.pk,
        body: { date: isoDay(-(i % 20)), topic, attendees: [enrollment.id] },
      });
      if (res.status !== 201) failures.push({ i, status: res.status, code: res.body?.error?.code });
      if (failures.length > 3) break;
    }
    expect(failures).toEqual([]);
    const detail = await fetch(`${(await import('./helpers')).baseUrl}/enrollments/${enrollment.id}`, {
      headers: { authorization: `Bearer ${staff.pk}` },
    });
    expect(detail.status).toBe(200);
    const text = await detail.text();
    expect(Buffer.byteLength(text)).toBeLessThan(64 * 1024);
    const body = JSON.parse(text);
    expect(body.groupMeetings.attended).toBe(1_000);
  }, 300_000);
});

describe('conflicts officers should never see', () => {
  it('8 writers x 25 activities on one enrollment: 0 refusals, 200 records', async () => {
    const staff = await officeWithStaff('busy');
    const { enrollment } = await enrolledClient(staff, { protocol: { opening: [] } });
    const writers = await Promise.all(
      Array.from({ length: 8 }, (_, w) =>
        tokenFor(w % 2 ? 'pk' : 'konselor', w % 2 ? staff.office : 'bnnp-jawa-tengah', `writer-${w}`),
      ),
    );
    const statuses = await Promise.all(
      writers.map(async (token, w) => {
        const out: number[] = [];
        for (let i = 0; i < 25; i++) {
          const res = await record(token, enrollment.id, 'activities', {
            ...COUNSELING,
            date: isoDay(-(i % 10)),
            topic: `Sesi ${w}-${i}`,
          });
          out.push(res.status);
        }
        return out;
      }),
    );
    const all = statuses.flat();
    expect(all.filter((s) => s !== 201)).toEqual([]);
    const detail = await api('GET', `/enrollments/${enrollment.id}`, { token: staff.pk });
    expect(detail.body.timeline.filter((t: { type: string }) => t.type === 'counseling')).toHaveLength(200);
  }, 300_000);
});

describe('idempotent replays', () => {
  it('every replayed PATCH carries Idempotent-Replayed: true, also when nothing changed', async () => {
    const staff = await officeWithStaff('replay');
    const client = await createClient(staff.pk, staff.office);
    for (const body of [{ fullName: 'Budi Santoso' }, { fullName: 'Budi S.' }]) {
      const key = `patch-${body.fullName.length}-${client.id}`;
      const first = await api('PATCH', `/clients/${client.id}`, {
        token: staff.pk,
        body,
        headers: { 'idempotency-key': key },
      });
      expect(first.status).toBe(200);
      expect(first.headers.get('idempotent-replayed')).toBeNull();
      const again = await api('PATCH', `/clients/${client.id}`, {
        token: staff.pk,
        body,
        headers: { 'idempotency-key': key },
      });
      expect(again.status).toBe(200);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body).toEqual(first.body);
    }
    const { enrollment } = await enrolledClient(staff);
    const end = { status: 'completed', date: isoDay(0) };
    const headers = { 'idempotency-key': `end-${enrollment.id}` };
    const first = await api('PATCH', `/enrollments/${enrollment.id}`, {
      token: staff.pk,
      body: end,
      headers,
    });
    expect(first.status).toBe(200);
    const again = await api('PATCH', `/enrollments/${enrollment.id}`, {
      token: staff.pk,
      body: end,
      headers,
    });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });
});
