import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { ddb } from '../shared/aws';
import { config } from '../shared/config';
import { keys } from '../shared/data/keys';
import { addDays } from '../shared/domain/dates';
import { scoreUrica, scoreWhoqolBref } from '../shared/domain/scoring';

/**
 * A large period written straight into the table (BatchWrite, 8 calls in flight), with a
 * realistic record load per enrollment: 6 home visits, 6 urine tests, 2 counselling sessions,
 * WHOQOL-BREF and URICA pre and post, an outcome for 1 in 5, and a group meeting every two
 * weeks. Deterministic (seeded pseudo-random numbers).
 */
export async function seedLargePeriod(n: number): Promise<{ periodId: string; items: number }> {
  const table = config().tableName;
  let pending: Array<Record<string, unknown>> = [];
  let batches: Array<Array<Record<string, unknown>>> = [];
  let written = 0;
  const drain = async () => {
    const queue = batches;
    batches = [];
    const worker = async () => {
      for (let batch = queue.shift(); batch; batch = queue.shift()) {
        let requests = batch.map((Item) => ({ PutRequest: { Item } }));
        while (requests.length > 0) {
          const out = await ddb().send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
          const left = out.UnprocessedItems?.[table] ?? [];
          written += requests.length - left.length;
          requests = left.flatMap((r) =>
            r.PutRequest?.Item ? [{ PutRequest: { Item: r.PutRequest.Item } }] : [],
          );
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
  };
  const put = async (item: Record<string, unknown>) => {
    pending.push(item);
    if (pending.length === 25) {
      batches.push(pending);
      pending = [];
      if (batches.length >= 64) await drain();
    }
  };
  let x = 42;
  const rand = () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x / 2 ** 31;
  };
  const answers = (count: number, shift: number) =>
    Array.from({ length: count }, () => Math.min(5, Math.max(1, Math.round(2 + rand() * 2 + shift))));

  const periodId = ulid();
  const offices = ['bapas-semarang', 'bapas-surakarta', 'bapas-pati', 'bapas-magelang'];
  const protocol = {
    opening: ['home_visit', 'urine_test', 'group_meeting'],
    cadenceDays: { home_visit: 60, urine_test: 30 },
  };
  await put({
    ...keys.period(periodId),
    ...keys.periodInProvince('2025-01-01', periodId),
    entityType: 'period',
    id: periodId,
    name: 'Bench 2025',
    startDate: '2025-01-01',
    endDate: '2025-12-31',
    capacity: 20_000,
    enrolledCount: n,
    offices,
    protocol,
    instruments: ['whoqol-bref', 'urica'],
    version: 1,
    createdAt: '2025-01-01T00:00:00.000Z',
  });
  const enrollmentIds: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = ulid();
    enrollmentIds.push(id);
    const office = offices[i % offices.length] ?? 'bapas-semarang';
    const enrolledOn = addDays('2025-01-01', i % 60);
    const status = i % 10 === 0 ? 'dropped_out' : 'completed';
    await put({
      ...keys.enrollment(id),
      ...keys.enrollmentInPeriod(periodId, office, id),
      entityType: 'enrollment',
      id,
      periodId,
      clientId: ulid(),
      office,
      status,
      enrolledOn,
      statusDate: '2025-12-20',
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
      protocolState: {
        openingDone: [
          { type: 'home_visit', date: addDays(enrolledOn, 1), id: 'a' },
          { type: 'urine_test', date: addDays(enrolledOn, 2), id: 'b' },
          { type: 'group_meeting', date: addDays(enrolledOn, 7), id: 'c' },
        ],
        lastDone: {},
        counts: {},
      },
      groupMeetings: { attended: 0, recent: [] },
      due: {},
      protocol,
      instruments: ['whoqol-bref', 'urica'],
      version: 1,
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
    });
    const rec = async (
      kind: 'ACTIVITY' | 'ASSESSMENT' | 'OUTCOME',
      date: string,
      body: Record<string, unknown>,
    ) => {
      const rid = ulid();
      const key =
        kind === 'ACTIVITY'
          ? keys.activity(id, date, rid)
          : kind === 'ASSESSMENT'
            ? keys.assessment(id, date, rid)
            : keys.outcome(id, date, rid);
      await put({
        ...key,
        ...keys.recordInPeriod(periodId, kind, date, rid),
        id: rid,
        enrollmentId: id,
        periodId,
        office,
        date,
        recordedBy: { role: 'pk', office },
        createdAt: '2025-01-01T00:00:00.000Z',
        ...body,
      });
    };
    for (let k = 0; k < 6; k++) {
      await rec('ACTIVITY', addDays(enrolledOn, 1 + 50 * k), {
        entityType: 'activity',
        type: 'home_visit',
        present: ['client'],
        livingSituation: 'x',
        familySupport: 3,
        riskFactors: [],
        findings: 'x',
      });
      const positive = rand() < 0.1;
      await rec('ACTIVITY', addDays(enrolledOn, 2 + 30 * k), {
        entityType: 'activity',
        type: 'urine_test',
        results: { methamphetamine: positive ? 'positive' : 'negative', thc: 'negative' },
        positive,
      });
    }
    for (let k = 0; k < 2; k++) {
      await rec('ACTIVITY', addDays(enrolledOn, 10 + 90 * k), {
        entityType: 'activity',
        type: 'counseling',
        counselor: 'x',
        topic: 'x',
        durationMinutes: 45,
      });
    }
    for (const [phase, shift, date] of [
      ['pre', 0, addDays(enrolledOn, 1)],
      ['post', 0.6, '2025-12-15'],
    ] as const) {
      const w = scoreWhoqolBref(answers(26, shift));
      const u = scoreUrica(answers(32, shift));
      if (w.ok)
        await rec('ASSESSMENT', date, {
          entityType: 'assessment',
          instrument: 'whoqol-bref',
          phase,
          responses: [],
          scores: w.scores,
        });
      if (u.ok)
        await rec('ASSESSMENT', date, {
          entityType: 'assessment',
          instrument: 'urica',
          phase,
          responses: [],
          scores: u.scores,
        });
    }
    if (rand() < 0.2) {
      await rec('OUTCOME', addDays(enrolledOn, 100), {
        entityType: 'outcome',
        type: rand() < 0.7 ? 'relapse' : 'rearrest',
      });
    }
  }
  for (let w = 0; w < 26; w++) {
    const date = addDays('2025-01-08', 14 * w);
    const id = ulid();
    await put({
      ...keys.groupMeeting(periodId, date, id),
      entityType: 'groupMeeting',
      id,
      periodId,
      date,
      topic: 'Pertemuan kelompok',
      attendees: enrollmentIds.slice((w * 90) % Math.max(1, n - 90), ((w * 90) % Math.max(1, n - 90)) + 90),
      recordedBy: { role: 'pk', office: 'bapas-semarang' },
      createdAt: '2025-01-01T00:00:00.000Z',
    });
  }
  if (pending.length > 0) batches.push(pending);
  pending = [];
  await drain();
  return { periodId, items: written };
}
