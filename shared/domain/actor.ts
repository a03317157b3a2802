import { Refusal, refuse } from './refusal';

/** The five roles (docs/api.md); in production they are Cognito groups. */
export const ROLES = ['admin', 'kasi', 'pk', 'konselor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Office codes: `bapas-<city>` for probation offices, `bnnp-<province>` for the BNNP. */
export const OFFICE_CODE = /^(bapas|bnnp)-[a-z0-9]+(-[a-z0-9]+)*$/;
export const BAPAS_CODE = /^bapas-[a-z0-9]+(-[a-z0-9]+)*$/;

export function isRole(value: string): value is Role {
  return ROLES.some((role) => role === value);
}

export interface Actor {
  sub: string;
  role: Role;
  office: string;
}

type Claims = Record<string, string | number | boolean | string[] | undefined>;

/**
 * API Gateway's JWT authorizer hands claims to the Lambda in strings; an array claim like
 * `cognito:groups` arrives flattened: "[admin kasi]". Accept that form, a JSON array string
 * and a real array, so that the handler reads the same thing locally and in production.
 */
export function parseGroups(value: Claims[string]): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.map(String);
  const text = String(value).trim();
  if (text.startsWith('[') && text.endsWith(']')) {
    const inner = text.slice(1, -1).trim();
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return parsed.map(String);
    } catch {
      // not JSON: API Gateway's "[a b]" form
    }
    return inner.length === 0 ? [] : inner.split(/[\s,]+/).filter(Boolean);
  }
  return text.length === 0 ? [] : [text];
}

/**
 * Builds the caller from the verified claims (verification is API Gateway's JWT authorizer in
 * production, the local adapter's jose check locally). Anything missing or unknown is 401:
 * a token without a usable role or office cannot act.
 */
export function actorFromClaims(claims: Claims | undefined): Actor {
  if (!claims) throw new Refusal('unauthorized');
  const sub = claims.sub;
  if (typeof sub !== 'string' || sub.length === 0) throw new Refusal('unauthorized');
  const roles = parseGroups(claims['cognito:groups']).filter(isRole);
  if (roles.length === 0) throw new Refusal('unauthorized');
  // One user, one role: a user put in two role groups is a misconfiguration, not a union.
  if (roles.length > 1) throw refuse.forbidden('Akun memiliki lebih dari satu peran; hubungi admin.');
  const office = claims['custom:office'];
  if (typeof office !== 'string' || !OFFICE_CODE.test(office)) throw new Refusal('unauthorized');
  return { sub, role: roles[0]!, office };
}
