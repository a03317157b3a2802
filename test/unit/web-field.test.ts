import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dueFormHash, dueStepLabel } from '../../web/src/lib/due';
import { describeError, plainMessage } from '../../web/src/lib/errors';
import { formatDateTime } from '../../web/src/lib/format';
import { countsOf, outcomeOf, queueOrder, SENT_KEPT, sentToForget } from '../../web/src/lib/outbox-rules';
import { clientPatchPayload, homeVisitPayload } from '../../web/src/lib/payloads';
import { queuedActivities, withQueued } from '../../web/src/lib/protocol-view';
import type { OutboxRecord } from '../../web/src/store';

const E = '01M8HQPYSBGW8K97HPQ2KP37D2';
const P = '01M8HQPYSBGW8K97HPQ2KP37D3';

function record(id: number, fields: Partial<OutboxRecord> = {}): OutboxRecord {
  return {
    id,
    sub: 'demo-pk-semarang',
    method: 'POST',
    path: `/enrollments/${E}/activities`,
    body: { type: 'home_visit' },
    idempotencyKey: `key-${id}`,
    label: `kiriman ${id}`,
    formHash: `#/keikutsertaan/${E}/catat/home_visit`,
    fields: [],
    status: 'pending',
    createdAt: id,
    attempts: 0,
    ...fields,
  };
}

describe('the outbox rules', () => {
  it('tries again after no answer or a "later" answer, and stops for a refusal or a dead session', () => {
    expect(outcomeOf({ status: 0, code: 'network' })).toBe('retry');
    expect(outcomeOf({ status: 0, code: 'timeout' })).toBe('retry');
    expect(outcomeOf({ status: 503, code: 'error' })).toBe('retry');
    expect(outcomeOf({ status: 429, code: 'error' })).toBe('retry');
    expect(outcomeOf({ status: 409, code: 'concurrent_update' })).toBe('retry');
    expect(outcomeOf({ status: 401, code: 'unauthorized' })).toBe('signin');
    expect(outcomeOf({ status: 409, code: 'protocol_order' })).toBe('failed');
    expect(outcomeOf({ status: 400, code: 'validation_failed' })).toBe('failed');
    expect(outcomeOf({ status: 422, code: 'date_in_future' })).toBe('failed');
  });

  it('sends pending submissions in the order they were made, none past a refused one', () => {
    const order = queueOrder([record(3), record(1, { status: 'sent' }), record(2), record(5), record(4)]);
    expect(order.send.map((r) => r.id)).toEqual([2, 3, 4, 5]);
    expect(order.blockedBy).toBeUndefined();
    const blocked = queueOrder([record(2), record(3, { status: 'failed' }), record(4)]);
    expect(blocked.send.map((r) => r.id)).toEqual([2]);
    expect(blocked.blockedBy?.id).toBe(3);
  });

  it('keeps the newest sent ones listed and counts each state', () => {
    const sent = Array.from({ length: SENT_KEPT + 3 }, (_, i) =>
      record(i + 1, { status: 'sent', sentAt: i }),
    );
    expect(sentToForget(sent).map((r) => r.id)).toEqual([3, 2, 1]);
    expect(countsOf([...sent, record(99), record(100, { status: 'failed' })])).toEqual({
      pending: 1,
      failed: 1,
      sent: SENT_KEPT + 3,
    });
  });
});

describe('the protocol as the phone knows it', () => {
  const opening = ['home_visit', 'urine_test', 'group_meeting'] as const;
  const start = { opening: [...opening], done: [], nextExpected: 'home_visit' as const, complete: false };

  it('counts steps waiting in the outbox, in order, as done', () => {
    const queued = queuedActivities(E, [
      record(2, { body: { type: 'urine_test' } }),
      record(1, { body: { type: 'home_visit' } }),
      record(3, { path: `/enrollments/${P}/activities`, body: { type: 'counseling' } }),
      record(4, { path: `/periods/${P}/group-meetings`, body: { attendees: [E] } }),
      record(5, { status: 'failed', body: { type: 'counseling' } }),
    ]);
    expect(queued).toEqual(['home_visit', 'urine_test', 'group_meeting']);
    expect(withQueued(start, queued.slice(0, 1))).toEqual({
      opening: [...opening],
      done: ['home_visit'],
      nextExpected: 'urine_test',
      complete: false,
    });
    expect(withQueued(start, queued).complete).toBe(true);
    // A step out of order does not move the opening on (the server would refuse it).
    expect(withQueued(start, ['urine_test']).nextExpected).toBe('home_visit');
  });
});

describe('due steps', () => {
  it('reads as the step and opens the form that records it, or the enrollment for a reader', () => {
    const visit = { type: 'home_visit' as const, enrollmentId: E, periodId: P };
    const post = {
      type: 'assessment' as const,
      instrument: 'urica' as const,
      phase: 'post' as const,
      enrollmentId: E,
      periodId: P,
    };
    const meeting = { type: 'group_meeting' as const, enrollmentId: E, periodId: P };
    expect(dueStepLabel(visit)).toBe('Kunjungan rumah');
    expect(dueStepLabel(post)).toBe('Asesmen URICA (akhir)');
    expect(dueFormHash(visit, 'pk')).toBe(`#/keikutsertaan/${E}/catat/home_visit`);
    expect(dueFormHash(post, 'konselor')).toBe(`#/keikutsertaan/${E}/asesmen/urica/post`);
    expect(dueFormHash(meeting, 'kasi')).toBe(`#/periode/${P}/pertemuan`);
    expect(dueFormHash(visit, 'viewer')).toBe(`#/keikutsertaan/${E}`);
    expect(dueFormHash(post, 'viewer')).toBe(`#/keikutsertaan/${E}`);
  });
});

describe('refusals in plain Indonesian', () => {
  it('turns the validation library wording into words with labels, never codes or types', () => {
    expect(
      plainMessage('Pilihan tidak valid: diharapkan salah satu dari "home_visit"|"urine_test"|"counseling"'),
    ).toBe('Pilih salah satu: Kunjungan rumah, Tes urine, Konseling.');
    expect(plainMessage('Input tidak valid: diharapkan string, diterima undefined')).toBe('Wajib diisi.');
    expect(plainMessage('Terlalu besar: diharapkan string memiliki <=200 karakter')).toBe(
      'Paling banyak 200 karakter.',
    );
    expect(plainMessage('Terlalu besar: diharapkan number menjadi <=5')).toBe('Paling besar 5.');
    expect(plainMessage('Terlalu kecil: diharapkan number menjadi >=1')).toBe('Paling kecil 1.');
    expect(plainMessage('Terlalu kecil: diharapkan array memiliki >=1 elemen')).toBe(
      'Pilih paling sedikit 1.',
    );
    expect(plainMessage('tanggal format ISO tidak valid')).toBe('Tanggal tidak valid.');
    expect(plainMessage('Input tidak valid: diharapkan "home_visit"')).toBe('Harus Kunjungan rumah.');
    // The server's own messages pass unchanged.
    const own = 'Kegiatan berikutnya menurut protokol: kunjungan rumah.';
    expect(plainMessage(own)).toBe(own);
  });

  it('applies to what the API answers and to what the form checks before sending', () => {
    const info = describeError(400, {
      error: {
        code: 'validation_failed',
        message: 'Data yang dikirim tidak valid.',
        details: [
          { path: 'type', message: 'Pilihan tidak valid: diharapkan salah satu dari "relapse"|"rearrest"' },
        ],
      },
    });
    expect(info.details).toEqual([
      { path: 'type', message: 'Pilih salah satu: Kambuh (relapse), Ditangkap kembali.' },
    ]);
    const built = homeVisitPayload({ date: '2026-01-02', present: ['neighbour'], familySupport: '9' });
    const text = built.errors.map((e) => e.message).join(' ');
    expect(text).not.toMatch(/home_visit|"client"|number|string|undefined|<=|>=/);
    expect(built.errors.find((e) => e.path === 'present.0')?.message).toMatch(
      /^Pilih salah satu: Klien, Orang tua/,
    );
  });
});

describe('changing a client (PATCH /clients/{id})', () => {
  const now = {
    registrationNumber: 'PAS-1/2026',
    fullName: 'Budi Santoso',
    sex: 'male',
    birthDate: '1990-03-04',
    phone: '+62 811 1',
    address: { city: 'Semarang' },
    legalStatus: 'parole',
  };
  const form = (changes: Record<string, unknown> = {}) => ({
    registrationNumber: now.registrationNumber,
    fullName: now.fullName,
    sex: now.sex,
    birthDate: now.birthDate,
    phone: now.phone,
    address: { street: '', village: '', district: '', city: 'Semarang' },
    legalStatus: now.legalStatus,
    caseArticle: '',
    supervisionStart: '',
    supervisionEnd: '',
    nik: '',
    ...changes,
  });

  it('sends only what changed; an emptied optional field is cleared; an empty NIK stays as it is', () => {
    const r = clientPatchPayload(form({ fullName: 'Budi S.', phone: '', nik: '3374 0104 0390 0007' }), now);
    expect(r.errors).toEqual([]);
    expect(r.payload).toEqual({ fullName: 'Budi S.', phone: null, nik: '3374010403900007' });
    const address = clientPatchPayload(form({ address: { city: '' } }), now);
    expect(address.payload).toEqual({ address: null });
  });

  it('says so when nothing changed, and refuses an emptied required field', () => {
    expect(clientPatchPayload(form(), now).errors).toEqual([
      { path: '(root)', message: 'Tidak ada yang diubah.' },
    ]);
    expect(clientPatchPayload(form({ fullName: ' ' }), now).errors).toEqual([
      { path: 'fullName', message: 'Wajib diisi.' },
    ]);
  });
});

describe('times on the screens', () => {
  it("shows a moment in the province's time zone", () => {
    expect(formatDateTime(Date.parse('2026-12-04T07:05:00Z'), 'Asia/Jakarta')).toBe(
      '4 Desember 2026 pukul 14.05 WIB',
    );
    expect(formatDateTime('2026-12-04T07:05:00Z', 'Asia/Jayapura')).toBe('4 Desember 2026 pukul 16.05 WIT');
  });
});

describe('the installable app', () => {
  it('has a manifest a phone can install from: standalone, its own scope, 192 and 512 px icons that exist', () => {
    const dir = new URL('../../web/public/', import.meta.url);
    const manifest = JSON.parse(readFileSync(new URL('manifest.webmanifest', dir), 'utf8')) as {
      start_url: string;
      scope: string;
      display: string;
      lang: string;
      icons: Array<{ src: string; sizes: string; type: string; purpose?: string }>;
    };
    expect(manifest).toMatchObject({ start_url: './', scope: './', display: 'standalone', lang: 'id' });
    for (const size of ['192x192', '512x512']) {
      const icon = manifest.icons.find((i) => i.sizes === size && i.type === 'image/png' && !i.purpose);
      expect(icon, size).toBeDefined();
      const png = readFileSync(new URL(icon!.src, dir));
      // PNG signature, then the IHDR width and height.
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`).toBe(size);
    }
    const html = readFileSync(new URL('../index.html', dir), 'utf8');
    expect(html).toContain('<link rel="manifest" href="./manifest.webmanifest" />');
  });
});
