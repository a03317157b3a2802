/**
 * The API's one error envelope:
 *   {"error":{"code":"...","message":"...","details":[{"path":"...","message":"..."}]}}
 * `code` is stable (forms switch on it); `message` is Indonesian, shown to officers.
 */
export interface ErrorDetail {
  path: string;
  message: string;
}

export interface ErrorBody {
  error: { code: string; message: string; details: ErrorDetail[] };
}

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, details: this.details } };
  }
}

export const errors = {
  unauthorized: () =>
    new ApiError(401, 'unauthorized', 'Sesi tidak sah atau sudah berakhir. Silakan masuk kembali.'),
  forbidden: (message = 'Peran Anda tidak diizinkan melakukan tindakan ini.') =>
    new ApiError(403, 'forbidden', message),
  notFound: () => new ApiError(404, 'not_found', 'Data tidak ditemukan.'),
  routeNotFound: () => new ApiError(404, 'not_found', 'Alamat tidak ditemukan.'),
  methodNotAllowed: (allowed: string[]) =>
    new ApiError(405, 'method_not_allowed', 'Metode tidak diizinkan untuk alamat ini.', [
      { path: 'method', message: `Metode yang diizinkan: ${allowed.join(', ')}` },
    ]),
  invalidJson: () => new ApiError(400, 'invalid_json', 'Isi permintaan bukan JSON yang valid.'),
  validationFailed: (details: ErrorDetail[]) =>
    new ApiError(400, 'validation_failed', 'Data yang dikirim tidak valid.', details),
  payloadTooLarge: (limit: number) =>
    new ApiError(413, 'payload_too_large', `Isi permintaan melebihi batas ${Math.floor(limit / 1024)} KiB.`),
  conflict: (code: string, message: string, details: ErrorDetail[] = []) =>
    new ApiError(409, code, message, details),
  unprocessable: (code: string, message: string, details: ErrorDetail[] = []) =>
    new ApiError(422, code, message, details),
  internal: () => new ApiError(500, 'internal', 'Terjadi kesalahan pada server. Silakan coba lagi.'),
};
