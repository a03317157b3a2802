import { describe, expect, it } from 'vitest';
import { ENROLLMENT_STATUSES, OUTCOME_TYPES, SUBSTANCES } from '../../shared/api/schemas';
import { ROLES } from '../../shared/domain/actor';
import { STATUS_TRANSITIONS } from '../../shared/domain/records';
import { STATUS_LABEL, substanceLabel } from '../../shared/reports/html/labels';
import {
  ENROLLMENT_STATUS_LABELS,
  OUTCOME_LABELS,
  ROLE_LABELS,
  SUBSTANCE_LABELS,
} from '../../web/src/lib/labels';
import { officerChangePayload, officerPayload } from '../../web/src/lib/payloads';
import { timelineSummary, timelineTitle } from '../../web/src/lib/timeline';
import type { TimelineItem } from '../../web/src/types';

const ULID = '01M8HQPYSBGW8K97HPQ2KP37D2';
const entry = (fields: Record<string, unknown>) =>
  ({ id: ULID, date: '2026-11-02', ...fields }) as unknown as TimelineItem;

describe('one vocabulary for forms and reports', () => {
  it('labels every enrollment status once, with the words the reports use', () => {
    expect(Object.keys(ENROLLMENT_STATUS_LABELS).sort()).toEqual([...ENROLLMENT_STATUSES].sort());
    for (const s of ENROLLMENT_STATUSES) expect(ENROLLMENT_STATUS_LABELS[s]).toBe(STATUS_LABEL[s]);
    expect(ENROLLMENT_STATUS_LABELS.dropped_out).toBe('Berhenti (putus program)');
    // The statuses an enrollment may end in are the server's (shared/domain/records.ts).
    expect(STATUS_TRANSITIONS.every((s) => ENROLLMENT_STATUS_LABELS[s])).toBe(true);
  });

  it('has a label for every code the API sends', () => {
    expect(Object.keys(OUTCOME_LABELS).sort()).toEqual([...OUTCOME_TYPES].sort());
    expect(Object.keys(ROLE_LABELS).sort()).toEqual([...ROLES].sort());
    for (const s of SUBSTANCES) expect(SUBSTANCE_LABELS[s]).toBe(substanceLabel(s));
  });
});

describe('timeline lines', () => {
  it('reads a full counselling and home visit record', () => {
    expect(
      timelineSummary(
        entry({
          kind: 'activity',
          type: 'counseling',
          topic: 'Motivasi',
          durationMinutes: 60,
          counselor: 'Ibu Rina',
        }),
      ),
    ).toBe('Motivasi (60 menit, Ibu Rina)');
    expect(
      timelineSummary(
        entry({
          kind: 'activity',
          type: 'home_visit',
          present: ['client', 'parents'],
          familySupport: 4,
          riskFactors: [],
          findings: 'Rumah rapi.',
        }),
      ),
    ).toBe('Hadir: Klien, Orang tua · Dukungan keluarga 4/5 · Tanpa faktor risiko · Rumah rapi.');
  });

  it('leaves out what a viewer does not receive, never "undefined" or an empty "Hadir:"', () => {
    // The viewer's copies (free text removed by the server: redactForViewer).
    const counseling = timelineSummary(entry({ kind: 'activity', type: 'counseling', durationMinutes: 60 }));
    expect(counseling).toBe('60 menit');
    const visit = timelineSummary(
      entry({ kind: 'activity', type: 'home_visit', present: [], familySupport: 3, riskFactors: ['idle'] }),
    );
    expect(visit).toBe('Dukungan keluarga 3/5 · Risiko: Tidak ada kegiatan / menganggur');
    expect(timelineSummary(entry({ kind: 'group_meeting', type: 'group_meeting' }))).toBe('');
    expect(timelineSummary(entry({ kind: 'outcome', type: 'rearrest' }))).toBe('Ditangkap kembali');
    for (const text of [counseling, visit]) {
      expect(text).not.toContain('undefined');
      expect(text).not.toMatch(/Hadir:\s*(·|$)/);
    }
    expect(timelineTitle(entry({ kind: 'group_meeting', type: 'group_meeting' }))).toBe('Pertemuan kelompok');
  });

  it('names WHOQOL-BREF domains and the URICA stage from the server scores', () => {
    expect(
      timelineSummary(
        entry({
          kind: 'assessment',
          instrument: 'whoqol-bref',
          phase: 'pre',
          scores: {
            domains: {
              physical: { score0to100: 62.5 },
              psychological: null,
              social: { score0to100: 50 },
              environment: { score0to100: 75 },
            },
          },
        }),
      ),
    ).toBe('WHOQOL-BREF (awal): fisik 63, sosial 50, lingkungan 75');
    expect(
      timelineSummary(
        entry({
          kind: 'assessment',
          instrument: 'urica',
          phase: 'post',
          scores: { stage: 'preparation_action', readiness: 12.25 },
        }),
      ),
    ).toBe('URICA (akhir): tahap persiapan/tindakan, kesiapan 12,3');
  });
});

describe('officer forms', () => {
  it('builds an invitation with a lower-case e-mail', () => {
    expect(
      officerPayload({
        email: ' Sri@Example.ID ',
        name: ' Sri Wahyuni ',
        role: 'pk',
        office: 'bapas-semarang',
      }),
    ).toEqual({
      payload: { email: 'sri@example.id', name: 'Sri Wahyuni', role: 'pk', office: 'bapas-semarang' },
      errors: [],
    });
  });

  it("refuses what the API's schema refuses: a bad e-mail, a pk outside a Bapas", () => {
    const r = officerPayload({ email: 'bukan-email', name: '', role: '', office: '' });
    expect(r.errors.map((e) => e.path)).toEqual(['email', 'name', 'role', 'office']);
    expect(r.errors.find((e) => e.path === 'role')?.message).toBe('Pilih peran.');
    const misplaced = officerPayload({ email: 'a@b.id', name: 'A', role: 'pk', office: 'bnnp-jawa-tengah' });
    expect(misplaced.errors).toEqual([{ path: 'office', message: 'PK dan Kasi harus berkantor di Bapas.' }]);
  });

  it('sends only what changed, and says so when nothing did', () => {
    const current = { role: 'pk', office: 'bapas-semarang', enabled: true };
    expect(officerChangePayload({ role: 'kasi', office: 'bapas-semarang' }, current)).toEqual({
      payload: { role: 'kasi' },
      errors: [],
    });
    expect(officerChangePayload({ role: 'pk', office: 'bapas-semarang' }, current).errors).toEqual([
      { path: '(root)', message: 'Tidak ada yang diubah.' },
    ]);
  });
});
