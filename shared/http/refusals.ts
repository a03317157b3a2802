import type { Refusal, RefusalCode, RefusalDetail } from '../domain/refusal';

/**
 * The one table from a refusal's code to its HTTP status and default Indonesian message
 * (officers read the message; forms switch on the code). docs/api.md lists the same codes.
 */
export const REFUSAL_HTTP: Record<RefusalCode, { status: number; message: string }> = {
  unauthorized: { status: 401, message: 'Sesi tidak sah atau sudah berakhir. Silakan masuk kembali.' },
  forbidden: { status: 403, message: 'Peran Anda tidak diizinkan melakukan tindakan ini.' },
  not_found: { status: 404, message: 'Data tidak ditemukan.' },
  method_not_allowed: { status: 405, message: 'Metode tidak diizinkan untuk alamat ini.' },
  invalid_json: { status: 400, message: 'Isi permintaan bukan JSON yang valid.' },
  validation_failed: { status: 400, message: 'Data yang dikirim tidak valid.' },
  payload_too_large: { status: 413, message: 'Isi permintaan melebihi batas 256 KiB.' },
  idempotency_key_reused: {
    status: 422,
    message: 'Idempotency-Key ini sudah dipakai untuk permintaan lain. Gunakan kunci baru.',
  },
  duplicate_registration: {
    status: 409,
    message: 'Nomor registrasi ini sudah dipakai klien lain di kantor yang sama.',
  },
  capacity_reached: { status: 409, message: 'Kuota periode sudah penuh.' },
  already_enrolled: { status: 409, message: 'Klien sudah terdaftar di periode ini.' },
  period_closed: { status: 409, message: 'Periode program sudah berakhir atau ditutup.' },
  office_not_in_period: { status: 409, message: 'Kantor klien tidak termasuk dalam periode program ini.' },
  protocol_order: { status: 409, message: 'Kegiatan tidak sesuai urutan protokol program.' },
  enrollment_not_active: {
    status: 409,
    message: 'Keikutsertaan klien sudah berakhir pada tanggal tersebut.',
  },
  instrument_not_in_period: { status: 409, message: 'Instrumen ini tidak dipakai dalam periode program.' },
  invalid_transition: { status: 409, message: 'Status keikutsertaan ini tidak dapat diubah lagi.' },
  too_many_missing: {
    status: 422,
    message: 'Terlalu banyak jawaban kosong; penilaian tidak dapat dihitung dan tidak disimpan.',
  },
  date_in_future: { status: 422, message: 'Tanggal tidak boleh di masa depan.' },
  date_outside_period: { status: 422, message: 'Tanggal di luar masa yang diizinkan.' },
  period_in_past: { status: 422, message: 'Periode yang sudah berakhir tidak dapat dibuat.' },
  record_too_large: {
    status: 422,
    message: 'Data terlalu besar untuk disimpan. Persingkat teks yang panjang.',
  },
  officer_exists: { status: 409, message: 'Sudah ada akun dengan alamat e-mail ini.' },
  own_account: { status: 422, message: 'Anda tidak dapat mengubah akun Anda sendiri di sini.' },
  concurrent_update: { status: 409, message: 'Data sedang diubah oleh pengguna lain. Silakan coba lagi.' },
  record_voided: { status: 409, message: 'Catatan ini sudah dibatalkan dan tidak dapat diubah lagi.' },
  report_exists: {
    status: 409,
    message: 'Laporan akhir untuk tanggal ini sudah ada dan tidak ditulis ulang.',
  },
  report_not_final: { status: 409, message: 'Hanya laporan akhir yang dapat direvisi.' },
  import_state: { status: 409, message: 'Impor tidak dapat diproses pada tahap ini.' },
  export_too_large: {
    status: 422,
    message: 'Berkas ekspor terlalu besar untuk diunduh langsung; ekspor per kantor.',
  },
  internal: { status: 500, message: 'Terjadi kesalahan pada server. Silakan coba lagi.' },
};

export interface ErrorBody {
  error: { code: RefusalCode; message: string; details: RefusalDetail[] };
}

export function refusalStatus(refusal: Refusal): number {
  return REFUSAL_HTTP[refusal.code].status;
}

/** The API's one error envelope. */
export function refusalBody(refusal: Refusal): ErrorBody {
  return {
    error: {
      code: refusal.code,
      message: refusal.specificMessage ?? REFUSAL_HTTP[refusal.code].message,
      details: refusal.details,
    },
  };
}
