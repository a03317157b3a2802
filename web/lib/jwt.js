// Reads a JWT's payload WITHOUT verifying it: only to show the officer who they are signed in
// as and to hide actions the role may not do. The API verifies every token; nothing here is a
// security decision.

const ROLES = ['admin', 'kasi', 'pk', 'konselor', 'viewer'];

function base64UrlDecode(segment) {
  if (!/^[A-Za-z0-9_-]*$/.test(segment)) throw new Error('bukan base64url');
  const b64 = segment.replace(/-/g, '+').replace(/_/g, '/');
  const padded = b64 + '='.repeat((4 - (b64.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/** The payload object of a compact JWT, or null if the text is not one. */
export function decodeJwtPayload(token) {
  if (typeof token !== 'string') return null;
  const segments = token.trim().split('.');
  if (segments.length !== 3 || !segments[1]) return null;
  try {
    const payload = JSON.parse(base64UrlDecode(segments[1]));
    return payload && typeof payload === 'object' && !Array.isArray(payload) ? payload : null;
  } catch {
    return null;
  }
}

/** The role from `cognito:groups` (an array, or API Gateway's "[a b]" string form). */
export function roleFromClaims(claims) {
  let groups = claims?.['cognito:groups'];
  if (typeof groups === 'string') groups = groups.replace(/^\[|\]$/g, '').split(/[\s,]+/);
  if (!Array.isArray(groups)) return null;
  return ROLES.find((r) => groups.includes(r)) ?? null;
}

/**
 * Who the token says the caller is: { role, office, sub, expiresAt (ms or null), expired }.
 * null when the token has no role or no office (the API would answer 401 anyway).
 */
export function sessionFromToken(token, nowMs = Date.now()) {
  const claims = decodeJwtPayload(token);
  if (!claims) return null;
  const role = roleFromClaims(claims);
  const office = typeof claims['custom:office'] === 'string' ? claims['custom:office'] : null;
  if (!role || !office) return null;
  const expiresAt = typeof claims.exp === 'number' ? claims.exp * 1000 : null;
  return {
    role,
    office,
    sub: typeof claims.sub === 'string' ? claims.sub : '',
    expiresAt,
    expired: expiresAt !== null && expiresAt <= nowMs,
  };
}
