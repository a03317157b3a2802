// Turns API error responses into what the officer sees: the API's Indonesian `message`, and its
// per-field `details` placed next to the fields. Pure, no DOM.
import type { RefusalDetail as ErrorDetail } from '../../../shared/domain/refusal';
import { CODE_LABELS } from './labels';

export type { ErrorDetail };

export interface ErrorInfo {
  status: number;
  code: string;
  message: string;
  details: ErrorDetail[];
}

const GENERIC: Record<number, string> = {
  0: 'Tidak dapat terhubung ke server. Periksa koneksi internet lalu coba lagi.',
  401: 'Sesi Anda berakhir. Silakan masuk lagi.',
  403: 'Anda tidak berwenang melakukan ini.',
  404: 'Data tidak ditemukan.',
  413: 'Data terlalu besar.',
  429: 'Terlalu banyak permintaan. Tunggu sebentar lalu coba lagi.',
  500: 'Terjadi kesalahan di server. Coba lagi nanti.',
};

const unquote = (v: string) => v.trim().replace(/^"(.*)"$/, '$1');
const labelOf = (code: string) => CODE_LABELS[code] ?? code;

/**
 * A message as an officer should read it: the validation library's generic wording ("Pilihan
 * tidak valid: diharapkan salah satu dari "client"|...", "Terlalu besar: diharapkan string
 * memiliki <=200 karakter") turned into plain Indonesian with labels, never codes, types or
 * operators. Messages already written for officers pass unchanged.
 */
export function plainMessage(message: string): string {
  const m = message.trim();
  let r = /^Pilihan tidak valid: diharapkan salah satu dari (.+)$/.exec(m);
  if (r)
    return `Pilih salah satu: ${r[1]!
      .split('|')
      .map((v) => labelOf(unquote(v)))
      .join(', ')}.`;
  r = /^Input tidak valid: diharapkan "(.+)"$/.exec(m);
  if (r) return `Harus ${labelOf(r[1]!)}.`;
  r = /^Input tidak valid: diharapkan \S+, diterima (\S+)$/.exec(m);
  if (r) return r[1] === 'undefined' || r[1] === 'null' ? 'Wajib diisi.' : 'Isian tidak valid.';
  r = /^Terlalu (besar|kecil): diharapkan (\S+) (?:memiliki|menjadi) (<=|>=|<|>)(\S+)/.exec(m);
  if (r) {
    const [, side, origin, op, n] = r as unknown as [string, string, string, string, string];
    const big = side === 'besar';
    const strict = op === '<' || op === '>';
    if (origin === 'string') {
      if (!big && n === '1') return 'Wajib diisi.';
      return big ? `Paling banyak ${n} karakter.` : `Paling sedikit ${n} karakter.`;
    }
    if (origin === 'array' || origin === 'set') {
      return big ? `Paling banyak ${n} pilihan.` : `Pilih paling sedikit ${n}.`;
    }
    if (strict) return big ? `Harus kurang dari ${n}.` : `Harus lebih dari ${n}.`;
    return big ? `Paling besar ${n}.` : `Paling kecil ${n}.`;
  }
  if (/^tanggal format ISO tidak valid$/i.test(m)) return 'Tanggal tidak valid.';
  if (/^tanggal dan waktu format ISO tidak valid$/i.test(m)) return 'Tanggal dan jam tidak valid.';
  if (/^(Input|String) tidak valid(: harus sesuai pola .*)?$/.test(m)) return 'Isian tidak valid.';
  if (/^Kunci tidak dikenali/.test(m)) return 'Kolom tidak dikenal.';
  if (/^Angka tidak valid/.test(m)) return 'Angka tidak valid.';
  // Any code left in quotes ("home_visit") reads as its label.
  return m.replace(/"([a-z][a-z0-9_-]*)"/g, (whole, code: string) =>
    CODE_LABELS[code] ? `"${CODE_LABELS[code]}"` : whole,
  );
}

function isDetail(d: unknown): d is ErrorDetail {
  return (
    !!d &&
    typeof d === 'object' &&
    typeof (d as ErrorDetail).path === 'string' &&
    typeof (d as ErrorDetail).message === 'string'
  );
}

/**
 * { status, code, message, details[] } from a response status and its parsed body (or null).
 * Understands the API envelope, API Gateway's own `{"message":"Unauthorized"}` for 401 (its
 * English text is not shown), and anything else (an HTML 502 from a proxy) as a generic message.
 */
export function describeError(status: number, body: unknown): ErrorInfo {
  const e = body && typeof body === 'object' ? (body as { error?: unknown }).error : undefined;
  if (e && typeof e === 'object' && typeof (e as { message?: unknown }).message === 'string') {
    const err = e as { code?: unknown; message: string; details?: unknown };
    const details = Array.isArray(err.details)
      ? err.details.filter(isDetail).map((d) => ({ path: d.path, message: plainMessage(d.message) }))
      : [];
    return { status, code: String(err.code ?? 'error'), message: plainMessage(err.message), details };
  }
  const generic = GENERIC[status] ?? (status >= 500 ? GENERIC[500]! : 'Permintaan ditolak server.');
  return { status, code: status === 401 ? 'unauthorized' : 'error', message: generic, details: [] };
}

/** The message for a failed fetch (no response at all). */
export function networkError(timedOut = false): ErrorInfo {
  return {
    status: 0,
    code: timedOut ? 'timeout' : 'network',
    message: timedOut
      ? 'Server tidak menjawab. Coba kirim lagi; data tidak akan tercatat dua kali.'
      : GENERIC[0]!,
    details: [],
  };
}

/**
 * Places details on the form's fields: a detail goes to the field named by its path, or by
 * the longest leading part of it ('results.thc' -> 'results', 'address.city' -> 'address.city'
 * or 'address'); details naming no field are returned in `other`, to show above the form.
 */
export function placeDetails(
  details: readonly ErrorDetail[] | undefined,
  fields: readonly string[],
): { byField: Record<string, string[]>; other: string[] } {
  const known = new Set(fields);
  const byField: Record<string, string[]> = {};
  const other: string[] = [];
  for (const d of details ?? []) {
    const segments = String(d.path ?? '').split('.');
    let target: string | null = null;
    for (let n = segments.length; n > 0 && !target; n--) {
      const candidate = segments.slice(0, n).join('.');
      if (known.has(candidate)) target = candidate;
    }
    if (target) {
      byField[target] ??= [];
      byField[target]!.push(d.message);
    } else other.push(d.message);
  }
  return { byField, other };
}

/**
 * Group meetings: the API names a refused attendee by its index (`attendees.3`); this puts the
 * client's name in the message and files it under `attendees`.
 */
export function attendeeDetails(
  details: readonly ErrorDetail[] | undefined,
  attendees: readonly string[],
  nameOf: (enrollmentId: string) => string,
): ErrorDetail[] {
  return (details ?? []).map((d) => {
    const m = /^attendees\.(\d+)$/.exec(d.path ?? '');
    const id = m ? attendees[Number(m[1])] : undefined;
    // The API's message may itself start with the enrollment id: the name replaces it.
    const text = id ? d.message.replace(new RegExp(`^${id}:\\s*`), '') : d.message;
    return id ? { path: 'attendees', message: `${nameOf(id)}: ${text}` } : d;
  });
}
