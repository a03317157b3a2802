import { randomInt } from 'node:crypto';

/**
 * The password rules of the province's Cognito user pool (infra/constructs/auth.ts: at least
 * 12 characters with lower and upper case, a digit and a symbol), applied the same way by the
 * local provider, so a password that works locally also satisfies the pool.
 */
export const PASSWORD_MIN_LENGTH = 12;

/** Indonesian reasons the password does not meet the rules; empty when it does. */
export function passwordProblems(password: string): string[] {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) problems.push(`Minimal ${PASSWORD_MIN_LENGTH} karakter.`);
  if (password.length > 256) problems.push('Maksimal 256 karakter.');
  if (!/[a-z]/.test(password)) problems.push('Harus ada huruf kecil.');
  if (!/[A-Z]/.test(password)) problems.push('Harus ada huruf besar.');
  if (!/[0-9]/.test(password)) problems.push('Harus ada angka.');
  if (!/[^A-Za-z0-9]/.test(password)) problems.push('Harus ada simbol (mis. - ! # ?).');
  return problems;
}

const SETS = ['abcdefghijkmnpqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '-!#%+?'];

/** A random temporary password that meets the rules (no look-alike characters). */
export function temporaryPassword(length = 16): string {
  const all = SETS.join('');
  const chars = SETS.map((set) => set[randomInt(set.length)]!);
  while (chars.length < length) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
