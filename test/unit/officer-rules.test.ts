import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalUserStore } from '../../shared/directory/local';
import { passwordProblems, temporaryPassword } from '../../shared/directory/password-policy';
import { OfficerExistsError } from '../../shared/directory/port';
import type { Actor } from '../../shared/domain/actor';
import {
  assignableRoles,
  canPlaceOfficer,
  canSeeOfficer,
  placementProblem,
} from '../../shared/domain/officers';

const admin: Actor = { sub: 'a', role: 'admin', office: 'bnnp-jawa-tengah' };
const kasi: Actor = { sub: 'k', role: 'kasi', office: 'bapas-semarang' };
const pk: Actor = { sub: 'p', role: 'pk', office: 'bapas-semarang' };

describe('who manages which officer', () => {
  it('gives an admin the whole province and every role', () => {
    expect(canSeeOfficer(admin, { role: 'konselor', office: 'bnnp-jawa-tengah' })).toBe(true);
    expect(assignableRoles(admin)).toEqual(['admin', 'kasi', 'pk', 'konselor', 'viewer']);
    expect(canPlaceOfficer(admin, { role: 'pk', office: 'bapas-pati' })).toBe(true);
  });

  it('gives a kasi the pk and kasi of their own office only', () => {
    expect(canSeeOfficer(kasi, { role: 'pk', office: 'bapas-semarang' })).toBe(true);
    expect(canSeeOfficer(kasi, { role: 'kasi', office: 'bapas-semarang' })).toBe(true);
    expect(canSeeOfficer(kasi, { role: 'pk', office: 'bapas-pati' })).toBe(false);
    expect(canSeeOfficer(kasi, { role: 'admin', office: 'bapas-semarang' })).toBe(false);
    expect(assignableRoles(kasi)).toEqual(['pk', 'kasi']);
    expect(canPlaceOfficer(kasi, { role: 'pk', office: 'bapas-pati' })).toBe(false);
    expect(canPlaceOfficer(kasi, { role: 'viewer', office: 'bapas-semarang' })).toBe(false);
  });

  it('gives nobody else anything', () => {
    expect(canSeeOfficer(pk, { role: 'pk', office: 'bapas-semarang' })).toBe(false);
    expect(assignableRoles(pk)).toEqual([]);
  });

  it('keeps pk and kasi at a Bapas and the konselor at the BNNP', () => {
    expect(placementProblem({ role: 'pk', office: 'bnnp-jawa-tengah' })).toBe(
      'PK dan Kasi harus berkantor di Bapas.',
    );
    expect(placementProblem({ role: 'konselor', office: 'bapas-pati' })).toBe(
      'Konselor harus berkantor di BNNP.',
    );
    expect(placementProblem({ role: 'viewer', office: 'bapas-pati' })).toBeNull();
    expect(placementProblem({ role: 'admin', office: 'bnnp-jawa-tengah' })).toBeNull();
  });
});

describe('password rules (the province pool policy)', () => {
  it('asks for 12 characters with both cases, a digit and a symbol', () => {
    expect(passwordProblems('Demo-Admin-2026')).toEqual([]);
    expect(passwordProblems('short')).toHaveLength(4);
    expect(passwordProblems('alllowercase-123')).toEqual(['Harus ada huruf besar.']);
  });

  it('makes temporary passwords that meet the rules', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = temporaryPassword();
      expect(passwordProblems(p)).toEqual([]);
      seen.add(p);
    }
    expect(seen.size).toBe(200);
  });
});

describe('the local user store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pascarehab-users-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps only a salted hash, checks passwords, and asks for a new one after an invitation', () => {
    const store = new LocalUserStore(join(dir, 'users.json'));
    const { user, temporaryPassword: temp } = store.create({
      email: 'Sri@Example.ID',
      name: 'Sri',
      role: 'pk',
      office: 'bapas-semarang',
    });
    expect(user.email).toBe('sri@example.id');
    expect(user.mustChangePassword).toBe(true);
    const file = readFileSync(store.file, 'utf8');
    expect(file).not.toContain(temp!);
    expect(file).toMatch(/"passwordHash": "scrypt\$16384\$8\$1\$/);
    expect(store.verify('SRI@example.id', temp!)?.id).toBe(user.id);
    expect(store.verify('sri@example.id', 'wrong')).toBeNull();
    expect(store.verify('nobody@example.id', temp!)).toBeNull();
    expect(() => store.setPassword(user.id, 'weak')).toThrow(/Minimal 12 karakter/);
    store.setPassword(user.id, 'Sri-Wahyuni-2026');
    expect(store.findById(user.id)?.mustChangePassword).toBe(false);
    expect(() =>
      store.create({ email: 'sri@example.id', name: 'X', role: 'pk', office: 'bapas-pati' }),
    ).toThrow(OfficerExistsError);
  });

  it('records when a disabled officer was signed out everywhere', () => {
    const store = new LocalUserStore(join(dir, 'users2.json'));
    const { user } = store.create({ email: 'd@example.id', name: 'D', role: 'pk', office: 'bapas-pati' });
    const before = Date.now();
    const disabled = store.update(user.id, { enabled: false });
    expect(disabled.enabled).toBe(false);
    expect(disabled.signedOutAt).toBeGreaterThanOrEqual(before);
    expect(store.update(user.id, { enabled: true }).signedOutAt).toBe(disabled.signedOutAt);
  });
});
