// Reads an ID token's claims WITHOUT verifying them: only to show the officer who they are
// signed in as and to hide actions the role may not do. The API verifies every token; nothing
// here is a security decision. Role and office are read by the server's own rule
// (shared/domain/actor.ts: exactly one role group, a well-formed office code).
import { type Actor, actorFromClaims, parseGroups, ROLES, type Role } from '../../../shared/domain/actor';

export interface Session extends Actor {
  /** ms since epoch, or null when the token has no exp. */
  expiresAt: number | null;
  expired: boolean;
  /** The ID token's `name` / `email` claims, when present (shown in the top bar). */
  name?: string | undefined;
}

function base64UrlDecode(segment: string): string {
  if (!/^[A-Za-z0-9_-]*$/.test(segment)) throw new Error('bukan base64url');
  const b64 = segment.replace(/-/g, '+').replace(/_/g, '/');
  const padded = b64 + '='.repeat((4 - (b64.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/** The payload object of a compact JWT, or null if the text is not one. */
export function decodeJwtPayload(token: unknown): Record<string, unknown> | null {
  if (typeof token !== 'string') return null;
  const segments = token.trim().split('.');
  if (segments.length !== 3 || !segments[1]) return null;
  try {
    const payload: unknown = JSON.parse(base64UrlDecode(segments[1]));
    return payload && typeof payload === 'object' && !Array.isArray(payload)
      ? (payload as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** The role from `cognito:groups` (an array, or API Gateway's "[a b]" string form). */
export function roleFromClaims(claims: Record<string, unknown> | null | undefined): Role | null {
  const groups = parseGroups(claims?.['cognito:groups'] as string | string[] | undefined);
  return ROLES.find((r) => groups.includes(r)) ?? null;
}

/**
 * Who the claims say the caller is, or null when the API would refuse them (no role, two
 * roles, no office).
 */
export function sessionFromClaims(
  claims: Record<string, unknown> | null,
  nowMs = Date.now(),
): Session | null {
  if (!claims) return null;
  let actor: Actor;
  try {
    actor = actorFromClaims(claims as Parameters<typeof actorFromClaims>[0]);
  } catch {
    return null;
  }
  const expiresAt = typeof claims.exp === 'number' ? claims.exp * 1000 : null;
  const name = typeof claims.name === 'string' ? claims.name : undefined;
  return { ...actor, expiresAt, expired: expiresAt !== null && expiresAt <= nowMs, name };
}

/** sessionFromClaims on a compact JWT. */
export function sessionFromToken(token: unknown, nowMs = Date.now()): Session | null {
  return sessionFromClaims(decodeJwtPayload(token), nowMs);
}
