// Turns API error responses into what the officer sees: the API's Indonesian `message`, and its
// per-field `details` placed next to the fields. Pure, no DOM.

const GENERIC = {
  0: 'Tidak dapat terhubung ke server. Periksa koneksi internet lalu coba lagi.',
  401: 'Sesi Anda berakhir atau token tidak valid. Silakan masuk lagi.',
  403: 'Anda tidak berwenang melakukan ini.',
  404: 'Data tidak ditemukan.',
  413: 'Data terlalu besar.',
  429: 'Terlalu banyak permintaan. Tunggu sebentar lalu coba lagi.',
  500: 'Terjadi kesalahan di server. Coba lagi nanti.',
};

/**
 * { status, code, message, details[] } from a response status and its parsed body (or null).
 * Understands the API envelope, API Gateway's own `{"message":"Unauthorized"}` for 401 (its
 * English text is not shown), and anything else (an HTML 502 from a proxy) as a generic message.
 */
export function describeError(status, body) {
  const e = body && typeof body === 'object' ? body.error : undefined;
  if (e && typeof e === 'object' && typeof e.message === 'string') {
    const details = Array.isArray(e.details)
      ? e.details.filter((d) => d && typeof d.path === 'string' && typeof d.message === 'string')
      : [];
    return { status, code: String(e.code ?? 'error'), message: e.message, details };
  }
  const generic = GENERIC[status] ?? (status >= 500 ? GENERIC[500] : 'Permintaan ditolak server.');
  return { status, code: status === 401 ? 'unauthorized' : 'error', message: generic, details: [] };
}

/** The message for a failed fetch (no response at all). */
export function networkError(timedOut = false) {
  return {
    status: 0,
    code: timedOut ? 'timeout' : 'network',
    message: timedOut
      ? 'Server tidak menjawab. Coba kirim lagi; data tidak akan tercatat dua kali.'
      : GENERIC[0],
    details: [],
  };
}

/**
 * Places details on the form's fields: a detail goes to the field named by its path, or by
 * the longest leading part of it ('results.thc' -> 'results', 'address.city' -> 'address.city'
 * or 'address'); details naming no field are returned in `other`, to show above the form.
 * -> { byField: { [field]: string[] }, other: string[] }
 */
export function placeDetails(details, fields) {
  const known = new Set(fields);
  const byField = {};
  const other = [];
  for (const d of details ?? []) {
    const segments = String(d.path ?? '').split('.');
    let target = null;
    for (let n = segments.length; n > 0 && !target; n--) {
      const candidate = segments.slice(0, n).join('.');
      if (known.has(candidate)) target = candidate;
    }
    if (target) {
      byField[target] ??= [];
      byField[target].push(d.message);
    } else other.push(d.path ? `${d.path}: ${d.message}` : d.message);
  }
  return { byField, other };
}

/**
 * Group meetings: the API names a refused attendee by its index (`attendees.3`); this puts the
 * client's name in the message and files it under `attendees`.
 */
export function attendeeDetails(details, attendees, nameOf) {
  return (details ?? []).map((d) => {
    const m = /^attendees\.(\d+)$/.exec(d.path ?? '');
    const id = m ? attendees[Number(m[1])] : undefined;
    // The API's message may itself start with the enrollment id: the name replaces it.
    const text = id ? d.message.replace(new RegExp(`^${id}:\\s*`), '') : d.message;
    return id ? { path: 'attendees', message: `${nameOf(id)}: ${text}` } : d;
  });
}
