import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { signLocalToken } from '../scripts/local/identity';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../scripts/local/services';
import { ddb } from '../shared/aws';
import { addDays, todayIn } from '../shared/domain/dates';
import type { BenchStack } from './local-stack';
import { type BenchResponse, benchRequest, CallRecorder, measureRoute, rcuOf } from './routes';
import { percentile } from './stats';

interface Row {
  part: string;
  measure: string;
  value: string;
  baseline: string;
  ratio: number | null;
  goal: string;
  ok: boolean | null;
}

const A = 'bapas-benchsatu';
const B = 'bapas-benchdua';
const C = 'bapas-benchtiga';
const D = 'bapas-benchempat';
const BNNP = 'bnnp-jawa-tengah';
const WARM_GOAL = 1.5;

/**
 * Seeds a realistic office through the API, then measures the main routes (warm latency
 * against the raw replay of their DynamoDB calls; calls, RCU, WCU), and checks that the lists'
 * pages read the same after ten times more data lands in other periods and other offices.
 */
export async function runRouteBench(
  stack: BenchStack,
  options: { quick: boolean; routes: boolean; scope: boolean },
): Promise<Row[]> {
  const rows: Row[] = [];
  const today = todayIn('Asia/Jakarta');
  const token = (role: 'admin' | 'kasi' | 'pk', office: string) =>
    signLocalToken(stack.keys, { role, office, sub: `bench-${role}-${office}` });
  const admin = await token('admin', BNNP);
  const pkOf: Record<string, string> = {
    [A]: await token('pk', A),
    [B]: await token('pk', B),
    [C]: await token('pk', C),
    [D]: await token('pk', D),
  };
  const tokens = { pkA: pkOf[A] ?? '' };
  let sequence = 0;
  const next = () => {
    sequence += 1;
    return sequence;
  };
  const call = (method: string, path: string, tokenValue: string, body?: unknown) =>
    benchRequest(`${stack.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${tokenValue}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  const json = async (method: string, path: string, tokenValue: string, body?: unknown) => {
    const res = await call(method, path, tokenValue, body);
    const text = await res.text();
    if (!res.ok) throw new Error(`seed ${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
    return JSON.parse(text);
  };
  const client = (office: string, pk: string) =>
    json('POST', '/clients', pk, {
      office,
      registrationNumber: `BENCH-${next()}`,
      fullName: `Klien Bench ${sequence}`,
      sex: 'male',
      birthDate: '1990-01-01',
    });
  /** A period of `offices` with `perOffice` enrolled clients each, their opening done. */
  const periodWith = async (offices: string[], perOffice: number) => {
    const period = await json('POST', '/periods', admin, {
      name: 'Bench',
      startDate: addDays(today, -60),
      endDate: addDays(today, 60),
      capacity: 1000,
      offices,
      protocol: { opening: ['home_visit'], cadenceDays: { home_visit: 30, counseling: 14 } },
      instruments: ['whoqol-bref', 'urica'],
    });
    const enrollments: string[] = [];
    for (const office of offices) {
      const pk = pkOf[office] ?? '';
      for (let i = 0; i < perOffice; i++) {
        const c = await client(office, pk);
        const e = await json('POST', `/periods/${period.id}/enrollments`, pk, {
          clientId: c.id,
          enrolledOn: addDays(today, -50),
        });
        await json('POST', `/enrollments/${e.id}/activities`, pk, {
          type: 'home_visit',
          date: addDays(today, -49),
          present: ['client'],
          livingSituation: 'Tinggal bersama keluarga',
          familySupport: 4,
          riskFactors: [],
          findings: 'Rumah mendukung',
        });
        enrollments.push(e.id);
      }
    }
    return { period, enrollments };
  };

  process.stderr.write('route bench: seeding through the API ...\n');
  const main = await periodWith([A, B], 10);
  const clients = await json('GET', `/clients?office=${A}&limit=1`, tokens.pkA);
  const someClient: string = clients.items[0].id;
  const enrollment = main.enrollments[0] ?? '';

  const recorder = new CallRecorder();
  recorder.attach(ddb());
  const raw = new DynamoDBClient({
    endpoint: stack.dynamodbEndpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });

  /** Lists whose page may not read more when other offices grow; `period` marks those that
   *  also may not when other periods of the same office grow. */
  const lists: Array<[string, () => Promise<BenchResponse>, 'office' | 'period']> = [
    ['GET /periods (pk)', () => call('GET', '/periods', tokens.pkA), 'office'],
    ['GET /periods/{id} (pk)', () => call('GET', `/periods/${main.period.id}`, tokens.pkA), 'period'],
    ['GET /clients?office= (pk)', () => call('GET', `/clients?office=${A}`, tokens.pkA), 'office'],
    ['GET /clients/{id} (pk)', () => call('GET', `/clients/${someClient}`, tokens.pkA), 'period'],
    [
      'GET /periods/{id}/enrollments (pk)',
      () => call('GET', `/periods/${main.period.id}/enrollments`, tokens.pkA),
      'period',
    ],
    [
      'GET /periods/{id}/enrollments (admin)',
      () => call('GET', `/periods/${main.period.id}/enrollments`, admin),
      'period',
    ],
    ['GET /enrollments/{id} (pk)', () => call('GET', `/enrollments/${enrollment}`, tokens.pkA), 'period'],
    [
      'GET /periods/{id}/due (pk)',
      () => call('GET', `/periods/${main.period.id}/due?before=${addDays(today, 40)}`, tokens.pkA),
      'period',
    ],
    [
      'GET /periods/{id}/due (admin)',
      () => call('GET', `/periods/${main.period.id}/due?before=${addDays(today, 40)}`, admin),
      'period',
    ],
  ];

  if (options.routes) {
    const writes: Array<[string, () => Promise<BenchResponse>]> = [
      [
        'POST /enrollments/{id}/activities',
        () =>
          call('POST', `/enrollments/${enrollment}/activities`, tokens.pkA, {
            type: 'home_visit',
            date: addDays(today, -49),
            present: ['client'],
            livingSituation: 'Tinggal bersama keluarga',
            familySupport: 4,
            riskFactors: [],
            findings: 'Kunjungan lanjutan',
          }),
      ],
      [
        'POST /clients',
        () =>
          call('POST', '/clients', tokens.pkA, {
            office: A,
            registrationNumber: `BENCH-W-${next()}`,
            fullName: 'Klien Baru',
            sex: 'female',
            birthDate: '1992-02-02',
          }),
      ],
      [
        'PATCH /clients/{id}',
        () =>
          call('PATCH', `/clients/${someClient}`, tokens.pkA, {
            phone: `+62 812 ${1_000_000 + next()}`,
          }),
      ],
    ];
    const runs = options.quick ? 30 : 100;
    // The floor: the local API with no DynamoDB call and no token (what HTTP alone costs).
    const floor: number[] = [];
    for (let i = 0; i < runs + 10; i++) {
      const t = performance.now();
      await (await benchRequest(`${stack.baseUrl}/health`)).text();
      if (i >= 10) floor.push(performance.now() - t);
    }
    rows.push({
      part: 'warm',
      measure: 'GET /health (the HTTP floor, no DynamoDB)',
      value: `p50 ${percentile(floor, 50).toFixed(1)} ms, p95 ${percentile(floor, 95).toFixed(1)} ms`,
      baseline: '',
      ratio: null,
      goal: '',
      ok: null,
    });
    process.stderr.write(`route bench: ${lists.length + writes.length} routes x ${runs} requests ...\n`);
    for (const [label, request] of [...lists.map(([l, r]) => [l, r] as const), ...writes]) {
      const m = await measureRoute(label, request, recorder, raw, runs);
      rows.push({
        part: 'warm',
        measure: label,
        value: `p50 ${m.p50.toFixed(1)} ms, p95 ${m.p95.toFixed(1)} ms`,
        baseline: `raw ${m.rawP50.toFixed(1)} ms`,
        ratio: m.ratio,
        goal: `<= ${WARM_GOAL}x`,
        ok: m.ratio <= WARM_GOAL,
      });
      rows.push({
        part: 'dynamodb',
        measure: label,
        value: `${m.calls} calls, ${m.rcu} RCU, ${m.wcu} WCU`,
        baseline: '',
        ratio: null,
        goal: '',
        ok: null,
      });
    }
  }

  if (options.scope) {
    const measureAll = async () => {
      const out = new Map<string, number>();
      for (const [label, request] of lists) out.set(label, await rcuOf(request, recorder, label));
      return out;
    };
    const compare = (label: string, was: number | undefined, now: number | undefined, growth: string) => {
      rows.push({
        part: 'scope',
        measure: `${label}: a page, ${growth}`,
        value: `${now} RCU`,
        baseline: `${was} RCU before`,
        ratio: was && now !== undefined ? now / was : null,
        goal: 'same',
        ok: now === was,
      });
    };
    const before = await measureAll();
    process.stderr.write('route bench: ten times more data in other offices ...\n');
    await periodWith([C, D], 100);
    await periodWith([C], 50);
    const afterOffices = await measureAll();
    for (const [label] of lists)
      compare(label, before.get(label), afterOffices.get(label), 'other offices x10');
    process.stderr.write('route bench: ten times more data in another period of the same office ...\n');
    await periodWith([A], 100);
    const afterPeriods = await measureAll();
    for (const [label, , scope] of lists) {
      if (scope === 'period')
        compare(label, afterOffices.get(label), afterPeriods.get(label), 'other periods x10');
    }
  }
  raw.destroy();
  return rows;
}
