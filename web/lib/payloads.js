// Builds API request bodies from form values, with the same light checks the officer should
// see before a round trip on a slow connection. Pure: values are plain objects (strings from
// inputs, arrays for checkbox groups); the result is { payload, errors } where errors use the
// API's `details` shape ({ path, message }) so one renderer shows both. The API stays the
// judge: whatever passes here may still be refused there, and its messages are shown the same way.

export const PRESENT = ['client', 'parents', 'spouse', 'children', 'other'];
export const RISK_FACTORS = ['contact_with_users', 'idle', 'debt', 'conflict_at_home', 'other'];
export const SUBSTANCES = [
  'methamphetamine',
  'amphetamine',
  'thc',
  'opiates',
  'mdma',
  'benzodiazepines',
  'cocaine',
];
export const URINE_RESULTS = ['negative', 'positive', 'invalid'];

const REQUIRED = 'Wajib diisi.';
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const ULID_RE = /^[0-9A-HJKMNP-TV-Z]{26}$/;

function text(v) {
  return typeof v === 'string' ? v.trim() : '';
}

function list(v) {
  if (Array.isArray(v)) return v.map(text).filter(Boolean);
  const t = text(v);
  return t ? [t] : [];
}

function unique(arr) {
  return [...new Set(arr)];
}

function requireText(errors, path, value, max) {
  if (!value) errors.push({ path, message: REQUIRED });
  else if (max && value.length > max) errors.push({ path, message: `Maksimal ${max} karakter.` });
}

function requireDate(errors, path, value) {
  if (!value) errors.push({ path, message: REQUIRED });
  else if (!DATE_RE.test(value)) errors.push({ path, message: 'Tanggal tidak valid.' });
}

function optionalText(errors, out, path, value, max) {
  if (!value) return;
  if (max && value.length > max) errors.push({ path, message: `Maksimal ${max} karakter.` });
  out[path] = value;
}

/** An integer from an input's text, or NaN ('' -> NaN). */
function integer(v) {
  const t = text(typeof v === 'number' ? String(v) : v);
  return /^-?\d+$/.test(t) ? Number(t) : Number.NaN;
}

/** home_visit: { date, present[], livingSituation, familySupport, riskFactors[], findings, followUp } */
export function homeVisitPayload(v) {
  const errors = [];
  const date = text(v.date);
  requireDate(errors, 'date', date);
  const present = unique(list(v.present)).filter((p) => PRESENT.includes(p));
  if (present.length === 0) errors.push({ path: 'present', message: 'Pilih minimal satu orang yang hadir.' });
  const livingSituation = text(v.livingSituation);
  requireText(errors, 'livingSituation', livingSituation, 1000);
  const familySupport = integer(v.familySupport);
  if (!(familySupport >= 1 && familySupport <= 5)) {
    errors.push({ path: 'familySupport', message: 'Pilih nilai dukungan keluarga 1 sampai 5.' });
  }
  const riskFactors = unique(list(v.riskFactors)).filter((r) => RISK_FACTORS.includes(r));
  const findings = text(v.findings);
  requireText(errors, 'findings', findings, 5000);
  const payload = {
    type: 'home_visit',
    date,
    present,
    livingSituation,
    familySupport,
    riskFactors,
    findings,
  };
  optionalText(errors, payload, 'followUp', text(v.followUp), 2000);
  return { payload, errors };
}

/** urine_test: { date, specimenId, results: { substance: '' | negative | positive | invalid } } */
export function urineTestPayload(v) {
  const errors = [];
  const date = text(v.date);
  requireDate(errors, 'date', date);
  const results = {};
  for (const s of SUBSTANCES) {
    const r = text(v.results?.[s]);
    if (URINE_RESULTS.includes(r)) results[s] = r;
  }
  if (Object.keys(results).length === 0) {
    errors.push({ path: 'results', message: 'Isi hasil untuk minimal satu zat.' });
  }
  const payload = { type: 'urine_test', date, results };
  optionalText(errors, payload, 'specimenId', text(v.specimenId), 64);
  return { payload, errors };
}

/** counseling: { date, counselor, topic, durationMinutes } */
export function counselingPayload(v) {
  const errors = [];
  const date = text(v.date);
  requireDate(errors, 'date', date);
  const counselor = text(v.counselor);
  requireText(errors, 'counselor', counselor, 200);
  const topic = text(v.topic);
  requireText(errors, 'topic', topic, 500);
  const durationMinutes = integer(v.durationMinutes);
  if (!(durationMinutes >= 1 && durationMinutes <= 600)) {
    errors.push({ path: 'durationMinutes', message: 'Isi durasi 1 sampai 600 menit.' });
  }
  return { payload: { type: 'counseling', date, counselor, topic, durationMinutes }, errors };
}

const ACTIVITY_BUILDERS = {
  home_visit: homeVisitPayload,
  urine_test: urineTestPayload,
  counseling: counselingPayload,
};

/** The body of POST /enrollments/{id}/activities for a form type. */
export function activityPayload(type, values) {
  const build = ACTIVITY_BUILDERS[type];
  if (!build) throw new Error(`unknown activity type: ${type}`);
  return build(values);
}

/** POST /periods/{id}/group-meetings: { date, topic, facilitator, attendees[] (enrollment ids) } */
export function groupMeetingPayload(v) {
  const errors = [];
  const date = text(v.date);
  requireDate(errors, 'date', date);
  const topic = text(v.topic);
  requireText(errors, 'topic', topic, 500);
  const attendees = unique(list(v.attendees)).filter((id) => ULID_RE.test(id));
  if (attendees.length === 0) errors.push({ path: 'attendees', message: 'Pilih minimal satu peserta.' });
  else if (attendees.length > 90)
    errors.push({ path: 'attendees', message: 'Maksimal 90 peserta per pertemuan.' });
  const payload = { date, topic, attendees };
  optionalText(errors, payload, 'facilitator', text(v.facilitator), 200);
  return { payload, errors };
}

/**
 * POST /clients. Optional fields left empty are left out (the API refuses empty strings);
 * the NIK may be typed with spaces or dots; address parts form `address` only if any is filled.
 */
export function clientPayload(v) {
  const errors = [];
  const payload = {
    office: text(v.office),
    registrationNumber: text(v.registrationNumber),
    fullName: text(v.fullName),
    sex: text(v.sex),
    birthDate: text(v.birthDate),
  };
  if (!payload.office) errors.push({ path: 'office', message: REQUIRED });
  requireText(errors, 'registrationNumber', payload.registrationNumber, 64);
  requireText(errors, 'fullName', payload.fullName, 200);
  if (payload.sex !== 'male' && payload.sex !== 'female') {
    errors.push({ path: 'sex', message: 'Pilih jenis kelamin.' });
  }
  requireDate(errors, 'birthDate', payload.birthDate);
  const nik = text(v.nik).replace(/[\s.-]/g, '');
  if (nik) {
    if (!/^\d{16}$/.test(nik)) errors.push({ path: 'nik', message: 'NIK harus 16 angka.' });
    payload.nik = nik;
  }
  const phone = text(v.phone);
  if (phone) {
    if (!/^\+?[0-9][0-9 ()-]{5,19}$/.test(phone)) {
      errors.push({ path: 'phone', message: 'Nomor telepon tidak valid.' });
    }
    payload.phone = phone;
  }
  const address = {};
  for (const part of ['street', 'village', 'district', 'city']) {
    const t = text(v.address?.[part]);
    if (t) address[part] = t;
  }
  if (Object.keys(address).length) payload.address = address;
  const legalStatus = text(v.legalStatus);
  if (legalStatus) payload.legalStatus = legalStatus;
  optionalText(errors, payload, 'caseArticle', text(v.caseArticle), 200);
  const supervisionStart = text(v.supervisionStart);
  if (supervisionStart) payload.supervisionStart = supervisionStart;
  const supervisionEnd = text(v.supervisionEnd);
  if (supervisionEnd) payload.supervisionEnd = supervisionEnd;
  if (supervisionStart && supervisionEnd && supervisionEnd < supervisionStart) {
    errors.push({ path: 'supervisionEnd', message: 'Akhir pengawasan tidak boleh sebelum awalnya.' });
  }
  return { payload, errors };
}

/**
 * A fresh Idempotency-Key (the API allows 1-255 of A-Za-z0-9._:-). One per form fill: a double
 * tap or a retry after a lost response sends the same key and the API records once.
 */
export function newIdempotencyKey(cryptoImpl = globalThis.crypto) {
  if (typeof cryptoImpl?.randomUUID === 'function') return cryptoImpl.randomUUID();
  // randomUUID needs a secure context (https or localhost); getRandomValues does not.
  const bytes = cryptoImpl.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** POST /periods/{id}/enrollments: { clientId, enrolledOn? } (empty date: the API's default). */
export function enrollmentPayload(v) {
  const errors = [];
  const clientId = text(v.clientId);
  if (!clientId) errors.push({ path: 'clientId', message: 'Pilih klien.' });
  else if (!ULID_RE.test(clientId)) errors.push({ path: 'clientId', message: 'Klien tidak valid.' });
  const payload = { clientId };
  const enrolledOn = text(v.enrolledOn);
  if (enrolledOn) {
    if (!DATE_RE.test(enrolledOn)) errors.push({ path: 'enrolledOn', message: 'Tanggal tidak valid.' });
    payload.enrolledOn = enrolledOn;
  }
  return { payload, errors };
}

export const END_STATUSES = ['completed', 'dropped_out', 'transferred'];

/** PATCH /enrollments/{id}: { status, date, reason? }; `enrolledOn` (optional) bounds the date. */
export function enrollmentEndPayload(v, enrolledOn) {
  const errors = [];
  const status = text(v.status);
  if (!END_STATUSES.includes(status)) errors.push({ path: 'status', message: 'Pilih status akhir.' });
  const date = text(v.date);
  requireDate(errors, 'date', date);
  if (DATE_RE.test(date) && enrolledOn && date < enrolledOn) {
    errors.push({ path: 'date', message: 'Tanggal tidak boleh sebelum tanggal ikut program.' });
  }
  const payload = { status, date };
  optionalText(errors, payload, 'reason', text(v.reason), 1000);
  return { payload, errors };
}

export const OUTCOME_TYPES = ['relapse', 'reoffense', 'rearrest', 'parole_revoked'];

/** POST /enrollments/{id}/outcomes: { type, date, note? } */
export function outcomePayload(v) {
  const errors = [];
  const type = text(v.type);
  if (!OUTCOME_TYPES.includes(type)) errors.push({ path: 'type', message: 'Pilih jenis kejadian.' });
  const date = text(v.date);
  requireDate(errors, 'date', date);
  const payload = { type, date };
  optionalText(errors, payload, 'note', text(v.note), 2000);
  return { payload, errors };
}

export const ITEM_COUNTS = { 'whoqol-bref': 26, urica: 32 };
export const PHASES = ['pre', 'mid', 'post'];
// Item numbers only (no item texts): which answers the server needs to score (INSTRUMENTS.md).
const URICA_SUBSCALES = {
  prakontemplasi: [1, 5, 11, 13, 23, 26, 29],
  kontemplasi: [2, 8, 12, 15, 19, 21, 24],
  tindakan: [3, 7, 10, 14, 17, 25, 30],
  pemeliharaan: [6, 16, 18, 22, 27, 28, 32],
};

/**
 * POST /enrollments/{id}/assessments: { instrument, phase, date, responses[] }. Form values
 * carry answers as responses.{1..n} = '1'..'5' or '' (not answered -> null). The same minimum
 * answers the server demands are checked here so the officer finds out before sending.
 */
export function assessmentPayload(instrument, v) {
  const errors = [];
  const count = ITEM_COUNTS[instrument];
  if (!count) throw new Error(`unknown instrument: ${instrument}`);
  const phase = text(v.phase);
  if (!PHASES.includes(phase)) errors.push({ path: 'phase', message: 'Pilih tahap asesmen.' });
  const date = text(v.date);
  requireDate(errors, 'date', date);
  const responses = [];
  for (let i = 1; i <= count; i++) {
    const raw = v.responses?.[i] ?? v.responses?.[String(i)];
    const n = integer(raw);
    responses.push(n >= 1 && n <= 5 ? n : null);
  }
  const missing = responses.filter((r) => r === null).length;
  if (instrument === 'whoqol-bref' && missing >= 6) {
    errors.push({
      path: 'responses',
      message: `${missing} butir belum dijawab; paling banyak 5 boleh kosong.`,
    });
  }
  if (instrument === 'urica') {
    for (const [name, items] of Object.entries(URICA_SUBSCALES)) {
      const empty = items.filter((i) => responses[i - 1] === null);
      if (empty.length > 1) {
        errors.push({
          path: 'responses',
          message: `Skala ${name}: butir ${empty.join(', ')} belum dijawab; paling banyak 1 boleh kosong.`,
        });
      }
    }
  }
  return { payload: { instrument, phase, date, responses }, errors };
}
