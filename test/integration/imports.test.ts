import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { readWorkbook, type SheetRows, writeWorkbook } from '../../shared/imports/workbook';
import { api, createClient, officeWithStaff } from './helpers';
import { download, step, upload, XLSX } from './import-helpers';

const AT = new Date('2026-01-01T00:00:00Z');
const WHOQOL_PRE = [3, 3, 3, 2, 3, 3, 3, 3, 3, 3, 3, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 2];
const WHOQOL_POST = WHOQOL_PRE.map((v, i) => ([2, 3, 25].includes(i) ? v : Math.min(5, v + 1)));
const q = (answers: number[]) => Object.fromEntries(answers.map((v, i) => [`q${i + 1}`, v]));

/** A small past cohort of `office`: two clients, the old opening, a meeting, pre and post scores. */
function history(office: string): SheetRows {
  const ref = (n: number) => ({ period: 'A', office, registrationNumber: `R-${n}` });
  return {
    periods: [
      {
        code: 'A',
        name: `Mei-Okt 2024 ${office}`,
        startDate: '2024-05-01',
        endDate: '2024-10-31',
        capacity: 2,
        offices: office,
        opening: 'Tes urine, Pertemuan kelompok',
        cadence_urine_test: 30,
        instruments: 'WHOQOL-BREF',
        closed: 'Ya',
      },
    ],
    clients: [1, 2].map((n) => ({
      office,
      registrationNumber: `R-${n}`,
      fullName: `Klien ${n}`,
      sex: 'Laki-laki',
      birthDate: '1990-01-0' + n,
      nik: `337401170590000${n}`,
    })),
    enrollments: [
      { ...ref(1), enrolledOn: '2024-05-13', status: 'Selesai', statusDate: '2024-10-31' },
      {
        ...ref(2),
        enrolledOn: '2024-05-13',
        status: 'Berhenti',
        statusDate: '2024-07-01',
        statusReason: 'Pindah',
      },
    ],
    activities: [
      {
        ...ref(1),
        type: 'Pertemuan kelompok',
        date: '2024-05-20',
        topic: 'Pencegahan kekambuhan',
        meeting: 'M1',
      },
      {
        ...ref(2),
        type: 'Pertemuan kelompok',
        date: '2024-05-20',
        topic: 'Pencegahan kekambuhan',
        meeting: 'M1',
      },
      { ...ref(1), type: 'Tes urine', date: '2024-05-14', result_methamphetamine: 'Negatif' },
      { ...ref(2), type: 'Tes urine', date: '2024-05-14', result_methamphetamine: 'Positif' },
      { ...ref(1), type: 'Tes urine', date: '2024-06-14', result_methamphetamine: 'Negatif' },
      { ...ref(1), type: 'Tes urine', date: '2024-06-14', result_methamphetamine: 'Negatif' },
    ],
    assessments: [
      { ...ref(1), instrument: 'WHOQOL-BREF', phase: 'Awal', date: '2024-05-14', ...q(WHOQOL_PRE) },
      { ...ref(1), instrument: 'WHOQOL-BREF', phase: 'Akhir', date: '2024-10-30', ...q(WHOQOL_POST) },
    ],
    outcomes: [{ ...ref(2), type: 'Kambuh', date: '2024-06-20', note: 'Tes positif' }],
  };
}

describe('GET /imports/template.xlsx', () => {
  it('is a workbook of the six sheets and the instructions, whose example rows import as nothing', async () => {
    const s = await officeWithStaff('tmpl');
    const res = await download('/imports/template.xlsx', s.kasi);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX);
    expect(res.headers.get('content-disposition')).toContain('templat-impor-pascarehab.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.bytes.slice().buffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'Periode',
      'Klien',
      'Pendaftaran',
      'Kegiatan',
      'Penilaian',
      'Hasil',
      'Petunjuk',
    ]);
    expect(workbook.getWorksheet('Kegiatan')?.getRow(1).values).toContain('Jenis');
    expect(workbook.getWorksheet('Kegiatan')?.getRow(2).getCell(4).value).toBe('Tes urine');
    const help = JSON.stringify(workbook.getWorksheet('Petunjuk')?.getSheetValues());
    expect(help).toContain('Kunjungan rumah, Tes urine, Pertemuan kelompok, Konseling');
    const read = await readWorkbook(res.bytes);
    expect(Object.values(read.rows).flat()).toEqual([]);
    expect(read.errors).toEqual([]);
    expect((await download('/imports/template.xlsx', s.pk)).status).toBe(403);
  });
});

describe('imports', () => {
  it('validate, then apply through the API rules: periods, clients, enrollments, records, closed with its final report', async () => {
    const s = await officeWithStaff('imp');
    const bytes = await writeWorkbook(history(s.office), { at: AT });
    const id = await upload(s.kasi, bytes);
    // Not yet valid: apply is refused.
    const early = await api('POST', `/imports/${id}/apply`, { token: s.kasi });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('import_state');

    const valid = await step(s.kasi, id, 'validate');
    expect(valid.errors).toEqual([]);
    expect(valid.state).toBe('valid');
    expect(valid.counts).toMatchObject({
      periods: { rows: 1, new: 1, existing: 0, invalid: 0 },
      clients: { rows: 2, new: 2 },
      enrollments: { rows: 2, new: 2 },
      activities: { rows: 6, new: 6 },
      assessments: { rows: 2, new: 2 },
      outcomes: { rows: 1, new: 1 },
    });
    // Validation wrote nothing.
    expect((await api('GET', `/periods?office=${s.office}`, { token: s.admin })).body.items).toEqual([]);

    const applied = await step(s.kasi, id, 'apply');
    expect(applied.errors).toEqual([]);
    expect(applied.state).toBe('applied');
    const periods = (await api('GET', `/periods?office=${s.office}`, { token: s.admin })).body.items;
    expect(periods).toHaveLength(1);
    expect(periods[0]).toMatchObject({ historical: true, status: 'closed', enrolledCount: 1, capacity: 2 });
    const reports = (await api('GET', `/periods/${periods[0].id}/reports`, { token: s.kasi })).body.items;
    expect(reports.map((r: { id: string }) => r.id)).toEqual(['final_2024-10-31']);
    const summary = (await (await fetch(reports[0].files.json)).json()) as {
      enrollment: Record<string, number>;
      urineTests: { tests: number; positiveTests: number };
      protocol: { groupMeetings: { sessions: number; attendances: number } };
      whoqol: { domains: { physical: { nPairs: number; meanDiff: number } } };
      outcomes: { relapse: { events: number } };
    };
    expect(summary.enrollment).toMatchObject({ enrolled: 2, completed: 1, droppedOut: 1 });
    expect(summary.urineTests).toMatchObject({ tests: 4, positiveTests: 1 });
    expect(summary.protocol.groupMeetings).toMatchObject({ sessions: 1, attendances: 2 });
    expect(summary.whoqol.domains.physical.nPairs).toBe(1);
    expect(summary.outcomes.relapse.events).toBe(1);
    // The records went through the API: the enrollment's protocol state and audit are there.
    const enrollments = (await api('GET', `/periods/${periods[0].id}/enrollments`, { token: s.kasi })).body
      .items;
    const first = enrollments.find(
      (e: { client: { registrationNumber: string } }) => e.client.registrationNumber === 'R-1',
    );
    const detail = (await api('GET', `/enrollments/${first.id}`, { token: s.kasi })).body;
    expect(detail.protocol).toMatchObject({ done: ['urine_test', 'group_meeting'], complete: true });
    const trail = (await api('GET', `/audit?entity=enrollment&id=${first.id}`, { token: s.admin })).body
      .items;
    expect(trail.every((a: { actor: { role: string }; requestId: string }) => a.actor.role === 'kasi')).toBe(
      true,
    );
    expect(trail.some((a: { requestId: string }) => a.requestId.startsWith(`import:${id}:activities:`))).toBe(
      true,
    );

    // The same file again, as a new import: every row is already there, nothing is added.
    const again = await upload(s.kasi, bytes);
    const revalidated = await step(s.kasi, again, 'validate');
    expect(revalidated.state).toBe('valid');
    for (const c of Object.values(revalidated.counts)) expect(c.new).toBe(0);
    expect(revalidated.counts.activities).toMatchObject({ rows: 6, existing: 6 });
    const reapplied = await step(s.kasi, again, 'apply');
    expect(reapplied.state).toBe('applied');
    const after = await api('GET', `/enrollments/${first.id}`, { token: s.kasi });
    expect(after.body.timeline).toHaveLength(detail.timeline.length);
    expect((await api('GET', `/periods?office=${s.office}`, { token: s.admin })).body.items).toHaveLength(1);
  });

  it('reports every bad row at its sheet, row and column, in Indonesian, and writes nothing', async () => {
    const s = await officeWithStaff('imperr');
    const rows = history(s.office);
    const bad: SheetRows = {
      ...rows,
      clients: [
        ...(rows.clients ?? []),
        {
          office: s.office,
          registrationNumber: 'R-3',
          fullName: 'Klien 3',
          sex: 'Pria',
          birthDate: '31/02/1990',
          nik: 3374011705900003,
        },
      ],
      activities: [
        ...(rows.activities ?? []),
        // Before the opening urine test: the old protocol refuses a counselling session first.
        {
          period: 'A',
          office: s.office,
          registrationNumber: 'R-1',
          type: 'Konseling',
          date: '2024-05-13',
          counselor: 'K',
          topic: 'T',
          durationMinutes: 30,
        },
        {
          period: 'B',
          office: s.office,
          registrationNumber: 'R-1',
          type: 'Tes urine',
          date: '2024-05-14',
          result_thc: 'Negatif',
        },
      ],
    };
    const id = await upload(s.kasi, await writeWorkbook(bad, { at: AT }));
    const status = await step(s.kasi, id, 'validate');
    expect(status.state).toBe('invalid');
    const at = (sheet: string, row: number, column: string) =>
      status.errors.find((e) => e.sheet === sheet && e.row === row && e.column === column)?.message;
    expect(at('Klien', 4, 'Jenis kelamin')).toContain('Nilai tidak dikenal');
    expect(at('Klien', 4, 'Tanggal lahir')).toContain('Tanggal tidak valid');
    expect(at('Klien', 4, 'NIK')).toContain('Ketik sebagai teks');
    expect(at('Kegiatan', 8, 'Jenis')).toContain('Kegiatan berikutnya menurut protokol: tes urine');
    expect(at('Kegiatan', 9, 'Kode periode')).toContain('tidak ada di lembar Periode');
    expect(status.counts.clients).toMatchObject({ rows: 3, invalid: 1 });
    expect((await api('POST', `/imports/${id}/apply`, { token: s.kasi })).body.error.code).toBe(
      'import_state',
    );
    expect((await api('GET', `/periods?office=${s.office}`, { token: s.admin })).body.items).toEqual([]);
  });

  it('refuses formulas, macro-enabled workbooks and files that are not .xlsx', async () => {
    const s = await officeWithStaff('impsafe');
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Klien');
    sheet.addRow(['Kantor', 'Nomor registrasi', 'Nama lengkap', 'Jenis kelamin', 'Tanggal lahir']);
    sheet.addRow([s.office, 'R-1', { formula: 'CONCAT("A","B")', result: 'AB' }, 'Laki-laki', '1990-01-01']);
    const withFormula = new Uint8Array(await wb.xlsx.writeBuffer());
    const formula = await step(s.kasi, await upload(s.kasi, withFormula), 'validate');
    expect(formula.state).toBe('invalid');
    expect(formula.errors).toContainEqual({
      sheet: 'Klien',
      row: 2,
      column: 'Nama lengkap',
      message: 'Rumus tidak diterima; tempel sebagai nilai.',
    });

    const zip = await JSZip.loadAsync(withFormula);
    zip.file('xl/vbaProject.bin', new Uint8Array([1, 2, 3]));
    const macro = await step(
      s.kasi,
      await upload(s.kasi, await zip.generateAsync({ type: 'uint8array' })),
      'validate',
    );
    expect(macro.errors[0]?.message).toContain('makro');

    const csv = await step(
      s.kasi,
      await upload(s.kasi, new TextEncoder().encode('Kantor,Nama\nx,y\n')),
      'validate',
    );
    expect(csv.errors[0]?.message).toBe('Berkas ini bukan buku kerja Excel (.xlsx).');
    const xls = await step(
      s.kasi,
      await upload(s.kasi, new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])),
      'validate',
    );
    expect(xls.errors[0]?.message).toContain('format Excel lama');
  });

  it('keeps imports to their office and role, and needs the upload before validating', async () => {
    const s = await officeWithStaff('impscope');
    const other = await officeWithStaff('impscope2');
    const created = await api('POST', '/imports', { token: s.kasi, body: { fileName: 'data.xlsx' } });
    expect(created.status).toBe(201);
    expect(created.body.uploadUrl).toContain(`imports/${created.body.id}.xlsx`);
    const notUploaded = await api('POST', `/imports/${created.body.id}/validate`, { token: s.kasi });
    expect(notUploaded.status).toBe(409);
    expect(notUploaded.body.error.code).toBe('import_state');
    expect((await api('GET', `/imports/${created.body.id}`, { token: other.kasi })).status).toBe(404);
    expect((await api('GET', `/imports/${created.body.id}`, { token: s.admin })).status).toBe(200);
    expect((await api('POST', '/imports', { token: s.pk, body: { fileName: 'data.xlsx' } })).status).toBe(
      403,
    );
    const csv = await api('POST', '/imports', { token: s.kasi, body: { fileName: 'data.csv' } });
    expect(csv.body.error.details[0].path).toBe('fileName');
    // A kasi's rows must be their office's: another office's clients are refused.
    const foreign = await upload(s.kasi, await writeWorkbook(history(other.office), { at: AT }));
    const status = await step(s.kasi, foreign, 'validate');
    expect(status.state).toBe('invalid');
    expect(status.errors.map((e) => e.message)).toContain(
      'Anda tidak dapat membuat periode untuk kantor ini.',
    );
  });
});

describe('GET /periods/{id}/export.xlsx', () => {
  it('is the period in the import layout, audited; a kasi of another office gets 404', async () => {
    const s = await officeWithStaff('exp');
    const bytes = await writeWorkbook(history(s.office), { at: AT });
    const id = await upload(s.kasi, bytes);
    await step(s.kasi, id, 'validate');
    expect((await step(s.kasi, id, 'apply')).state).toBe('applied');
    const period = (await api('GET', `/periods?office=${s.office}`, { token: s.admin })).body.items[0];

    const res = await download(`/periods/${period.id}/export.xlsx`, s.kasi);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX);
    const read = await readWorkbook(res.bytes);
    expect(read.errors).toEqual([]);
    expect(read.rows.clients.map((r) => r.cells.nik).sort()).toEqual([
      '3374011705900001',
      '3374011705900002',
    ]);
    expect(read.rows.activities).toHaveLength(6);
    expect(read.rows.periods[0]?.cells).toMatchObject({
      name: period.name,
      closed: 'Ya',
      opening: 'Tes urine, Pertemuan kelompok',
    });
    const trail = (await api('GET', `/audit?entity=period&id=${period.id}`, { token: s.admin })).body.items;
    expect(trail.map((a: { action: string }) => a.action)).toContain('export');
    const other = await officeWithStaff('exp2');
    expect((await download(`/periods/${period.id}/export.xlsx`, other.kasi)).status).toBe(404);
    expect((await download(`/periods/${period.id}/export.xlsx`, s.pk)).status).toBe(403);
    // A client created later outside the period is not in its export.
    await createClient(s.pk, s.office);
    const again = await readWorkbook((await download(`/periods/${period.id}/export.xlsx`, s.admin)).bytes);
    expect(again.rows.clients).toHaveLength(2);
  });
});
