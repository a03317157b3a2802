// Types for the tests (tsc does not check web/*.js; the app runs the .js as is).
export interface Session {
  role: 'admin' | 'kasi' | 'pk' | 'konselor' | 'viewer';
  office: string;
  sub: string;
  expiresAt: number | null;
  expired: boolean;
}
export function decodeJwtPayload(token: string): Record<string, unknown> | null;
export function roleFromClaims(claims: Record<string, unknown> | null | undefined): Session['role'] | null;
export function sessionFromToken(token: string, nowMs?: number): Session | null;
