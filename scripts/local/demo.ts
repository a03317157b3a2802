import { addDays, todayIn } from '../../shared/domain/dates';
import { type KeyFiles, signLocalToken } from './identity';

/**
 * Demo data for `npm start` on an empty database (SEED_DEMO=0 skips it): the Semarang case
 * of DOMAIN.md brought to today's calendar. It goes through the HTTP API like a form would,
 * so it exercises the same validation, protocol and audit as real entries:
 * - "Kohort 1" (new protocol: home visit first), 16 clients of Bapas Semarang, started about
 *   five months ago: opening done, monthly urine tests, group meetings, counselling, pre and
 *   post WHOQOL-BREF and URICA, one dropout, a relapse and a re-arrest;
 * - "Kohort lanjutan", 5 places, started a month ago, old protocol (urine test first);
 * - "Kohort 2026", 35 places across Semarang and Surakarta, starting next month.
 * Names and NIKs are invented.
 */
const FIRST = [
  'Agus',
  'Budi',
  'Candra',
  'Dedi',
  'Eko',
  'Fajar',
  'Gilang',
  'Hendra',
  'Irfan',
  'Joko',
  'Kurniawan',
  'Lukman',
  'Made',
  'Nanda',
  'Oki',
  'Putra',
  'Rizki',
  'Slamet',
  'Taufik',
  'Wahyu',
  'Yoga',
];
const LAST = ['Santoso', 'Wibowo', 'Saputra', 'Hidayat', 'Prasetyo', 'Setiawan', 'Nugroho', 'Purnomo'];

// Deterministic pseudo-random numbers, so the demo is the same on every machine.
function generator(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

export async function seedDemo(
  apiUrl: string,
  keys: KeyFiles,
  timeZone = 'Asia/Jakarta',
): Promise<{ requests: number }> {
  const today = todayIn(timeZone);
  const day = (offset: number) => addDays(today, offset);
  const rand = generator(2024);
  const tokens = {
    admin: await signLocalToken(keys, { role: 'admin', office: 'bnnp-jawa-tengah', sub: 'demo-admin' }),
    kasi: await signLocalToken(keys, { role: 'kasi', office: 'bapas-semarang', sub: 'demo-kasi-semarang' }),
    pk: await signLocalToken(keys, { role: 'pk', office: 'bapas-semarang', sub: 'demo-pk-semarang' }),
    konselor: await signLocalToken(keys, {
      role: 'konselor',
      office: 'bnnp-jawa-tengah',
      sub: 'demo-konselor',
    }),
  };
  let requests = 0;
  async function call<T = { id: string }>(
    token: string,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<T> {
    requests += 1;
    const res = await fetch(`${apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`demo seed: ${method} ${path} -> ${res.status} ${text}`);
    return JSON.parse(text) as T;
  }
  const answers = (n: number, shift: number) =>
    Array.from({ length: n }, () => Math.min(5, Math.max(1, Math.round(2.2 + rand() * 2 + shift))));

  async function urineTest(enrollmentId: string, date: string, positive: boolean) {
    await call(tokens.pk, 'POST', `/enrollments/${enrollmentId}/activities`, {
      type: 'urine_test',
      date,
      results: {
        methamphetamine: positive ? 'positive' : 'negative',
        thc: 'negative',
        amphetamine: 'negative',
      },
    });
  }

  async function client(office: string, i: number) {
    return call(tokens.admin, 'POST', '/clients', {
      office,
      registrationNumber: `PAS-${office.slice(6, 9).toUpperCase()}-${String(i + 1).padStart(3, '0')}/2025`,
      fullName: `${FIRST[i % FIRST.length]} ${LAST[(i * 3) % LAST.length]}`,
      sex: rand() < 0.9 ? 'male' : 'female',
      birthDate: addDays('1985-01-01', Math.floor(rand() * 5000)),
      nik: `3374${String(100_000_000_000 + i * 7919)}`,
      legalStatus: rand() < 0.7 ? 'parole' : 'conditional_leave',
      caseArticle: 'UU 35/2009 Pasal 127',
      address: { city: office === 'bapas-semarang' ? 'Semarang' : 'Surakarta' },
    });
  }

  // --- Kohort 1: new protocol, 16 clients, mid-way through.
  const k1 = await call(tokens.kasi, 'POST', '/periods', {
    name: 'Pascarehabilitasi Kohort 1 (kunjungan rumah lebih dulu)',
    startDate: day(-150),
    endDate: day(30),
    capacity: 16,
    offices: ['bapas-semarang'],
    protocol: {
      opening: ['home_visit', 'urine_test', 'group_meeting'],
      cadenceDays: { home_visit: 60, urine_test: 30, counseling: 30 },
    },
    instruments: ['whoqol-bref', 'urica'],
  });
  // Clients are entered in parallel (as several officers would); each client's own records
  // stay in order. Random draws happen before the requests, so the data is deterministic.
  const plans = Array.from({ length: 16 }, (_, i) => ({
    i,
    whoqolPre: answers(26, 0),
    uricaPre: answers(32, 0),
    present: rand() < 0.6 ? 'parents' : 'spouse',
    withParents: rand() < 0.6,
    familySupport: 2 + Math.floor(rand() * 4),
    idle: rand() < 0.5,
    firstPositive: rand() < 0.25,
  }));
  const enrollments = await Promise.all(
    plans.map(async (p) => {
      const c = await client('bapas-semarang', p.i);
      const e = await call(tokens.pk, 'POST', `/periods/${k1.id}/enrollments`, {
        clientId: c.id,
        enrolledOn: day(-148),
      });
      await call(tokens.pk, 'POST', `/enrollments/${e.id}/assessments`, {
        instrument: 'whoqol-bref',
        phase: 'pre',
        date: day(-147),
        responses: p.whoqolPre,
      });
      await call(tokens.konselor, 'POST', `/enrollments/${e.id}/assessments`, {
        instrument: 'urica',
        phase: 'pre',
        date: day(-147),
        responses: p.uricaPre,
      });
      await call(tokens.pk, 'POST', `/enrollments/${e.id}/activities`, {
        type: 'home_visit',
        date: day(-146),
        present: ['client', p.present],
        livingSituation: p.withParents ? 'Tinggal bersama orang tua' : 'Tinggal bersama istri dan anak',
        familySupport: p.familySupport,
        riskFactors: p.idle ? ['idle'] : ['contact_with_users'],
        findings: 'Rumah layak huni; keluarga bersedia mendampingi.',
      });
      await urineTest(e.id, day(-145), p.firstPositive);
      return e.id;
    }),
  );
  for (let w = 0; w < 10; w++) {
    const attendees = enrollments.filter(() => w === 0 || rand() < 0.8);
    await call(tokens.konselor, 'POST', `/periods/${k1.id}/group-meetings`, {
      date: day(-144 + 14 * w),
      topic: ['Pencegahan kekambuhan', 'Dukungan keluarga', 'Mengelola stres', 'Mencari kerja'][w % 4],
      facilitator: 'Konselor BNNP Jawa Tengah',
      attendees,
    });
  }
  const later = enrollments.map((id, i) => ({
    id,
    i,
    positives: [1, 2, 3, 4].map(() => rand() < 0.08),
    whoqolPost: answers(26, 0.5),
    uricaPost: answers(32, 0.4),
  }));
  await Promise.all(
    later.map(async ({ id, i, positives, whoqolPost, uricaPost }) => {
      // Monthly urine tests after the opening (home visit, urine test, first group meeting).
      for (let m = 1; m < 5; m++) {
        if (i === 15 && day(-145 + 30 * m) > day(-60)) break;
        await urineTest(id, day(-145 + 30 * m), positives[m - 1]!);
      }
      await call(tokens.konselor, 'POST', `/enrollments/${id}/activities`, {
        type: 'counseling',
        date: day(-120 + (i % 5)),
        counselor: 'Konselor BNNP Jawa Tengah',
        topic: 'Motivasi dan rencana pemulihan',
        durationMinutes: 45,
      });
      if (i === 15) {
        await call(tokens.pk, 'PATCH', `/enrollments/${id}`, {
          status: 'dropped_out',
          date: day(-60),
          reason: 'Pindah domisili',
        });
      } else if (i < 14) {
        await call(tokens.pk, 'POST', `/enrollments/${id}/assessments`, {
          instrument: 'whoqol-bref',
          phase: 'post',
          date: day(-3),
          responses: whoqolPost,
        });
        await call(tokens.konselor, 'POST', `/enrollments/${id}/assessments`, {
          instrument: 'urica',
          phase: 'post',
          date: day(-3),
          responses: uricaPost,
        });
      }
    }),
  );
  await call(tokens.pk, 'POST', `/enrollments/${enrollments[3]}/outcomes`, {
    type: 'relapse',
    date: day(-40),
    note: 'Tes urine positif',
  });
  await call(tokens.pk, 'POST', `/enrollments/${enrollments[7]}/outcomes`, {
    type: 'rearrest',
    date: day(-20),
  });

  // --- Kohort lanjutan: 5 places, old protocol, a month in.
  const k2 = await call(tokens.kasi, 'POST', '/periods', {
    name: 'Pascarehabilitasi Kohort Lanjutan',
    startDate: day(-30),
    endDate: day(30),
    capacity: 5,
    offices: ['bapas-semarang'],
    protocol: { opening: ['urine_test', 'group_meeting'], cadenceDays: { urine_test: 14 } },
    instruments: ['whoqol-bref', 'urica'],
  });
  for (let i = 0; i < 5; i++) {
    const c = await client('bapas-semarang', 16 + i);
    const e = await call(tokens.pk, 'POST', `/periods/${k2.id}/enrollments`, {
      clientId: c.id,
      enrolledOn: day(-28),
    });
    await call(tokens.pk, 'POST', `/enrollments/${e.id}/activities`, {
      type: 'urine_test',
      date: day(-27),
      results: { methamphetamine: 'negative' },
    });
  }

  // --- Kohort 2026: joint, 35 places, not begun.
  await call(tokens.admin, 'POST', '/periods', {
    name: 'Pascarehabilitasi 2026',
    startDate: day(31),
    endDate: day(395),
    capacity: 35,
    offices: ['bapas-semarang', 'bapas-surakarta'],
    protocol: {
      opening: ['home_visit', 'urine_test', 'group_meeting'],
      cadenceDays: { home_visit: 60, urine_test: 30 },
    },
    instruments: ['whoqol-bref', 'urica'],
  });
  return { requests };
}
