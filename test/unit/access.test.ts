import { describe, expect, it } from 'vitest';
import {
  CLIENT_READERS,
  CLIENT_WRITERS,
  canManagePeriod,
  canReadClient,
  canReadEnrollment,
  canReadPeriod,
  canWriteClient,
  ENROLLMENT_WRITERS,
  inOfficeScope,
  isProvinceWide,
  listableOffice,
  PERIOD_MANAGERS,
  requireRole,
} from '../../shared/domain/access';
import { type Actor, ROLES, type Role } from '../../shared/domain/actor';
import { thrownBy } from './helpers';

// Every actor sits at OWN so that "own vs other" means the same for every role; a
// province-wide role must not become office-scoped just because its token carries an office.
const OWN = 'bapas-semarang';
const OTHER = 'bapas-surakarta';

function actor(role: Role, office = OWN): Actor {
  return { sub: `sub-${role}`, role, office };
}

describe('isProvinceWide', () => {
  it.each<[Role, boolean]>([
    ['admin', true],
    ['konselor', true],
    ['viewer', true],
    ['kasi', false],
    ['pk', false],
  ])('%s -> %s', (role, expected) => {
    expect(isProvinceWide(actor(role))).toBe(expected);
  });
});

describe('inOfficeScope', () => {
  it.each<[Role, boolean, boolean]>([
    ['admin', true, true],
    ['konselor', true, true],
    ['viewer', true, true],
    ['kasi', true, false],
    ['pk', true, false],
  ])('%s: own office %s, other office %s', (role, own, other) => {
    expect(inOfficeScope(actor(role), OWN)).toBe(own);
    expect(inOfficeScope(actor(role), OTHER)).toBe(other);
  });
});

describe('requireRole', () => {
  it.each(ROLES)('lets %s through when its role is listed', (role) => {
    expect(() => requireRole(actor(role), [role])).not.toThrow();
  });

  it.each(ROLES)('refuses %s with 403 forbidden when every role but its own is listed', (role) => {
    // prepare
    const others = ROLES.filter((r) => r !== role);

    // act
    const error = thrownBy(() => requireRole(actor(role), others));

    // assess
    expect(error.status).toBe(403);
    expect(error.code).toBe('forbidden');
  });

  it.each<[string, readonly Role[], readonly Role[]]>([
    ['CLIENT_WRITERS', CLIENT_WRITERS, ['admin', 'kasi', 'pk']],
    ['CLIENT_READERS', CLIENT_READERS, ['admin', 'kasi', 'pk', 'konselor']],
    ['PERIOD_MANAGERS', PERIOD_MANAGERS, ['admin', 'kasi']],
    ['ENROLLMENT_WRITERS', ENROLLMENT_WRITERS, ['admin', 'kasi', 'pk']],
  ])('%s admits exactly %j', (_name, list, admitted) => {
    for (const role of ROLES) {
      const passes = (() => {
        try {
          requireRole(actor(role), list);
          return true;
        } catch {
          return false;
        }
      })();
      expect(passes, role).toBe(admitted.includes(role));
    }
  });
});

describe('listableOffice', () => {
  it.each<Role>(['admin', 'konselor', 'viewer'])('gives province-wide %s the office it asked for', (role) => {
    expect(listableOffice(actor(role), undefined)).toBeUndefined();
    expect(listableOffice(actor(role), OWN)).toBe(OWN);
    expect(listableOffice(actor(role), OTHER)).toBe(OTHER);
  });

  it.each<Role>(['pk', 'kasi'])('gives %s its own office when it asks for none or its own', (role) => {
    expect(listableOffice(actor(role), undefined)).toBe(OWN);
    expect(listableOffice(actor(role), OWN)).toBe(OWN);
  });

  it.each<Role>(['pk', 'kasi'])('refuses %s asking for another office with 403 forbidden', (role) => {
    const error = thrownBy(() => listableOffice(actor(role), OTHER));

    expect(error.status).toBe(403);
    expect(error.code).toBe('forbidden');
  });
});

describe('canReadClient', () => {
  // [role, own not enrolled, own enrolled, other not enrolled, other enrolled]
  it.each<[Role, boolean, boolean, boolean, boolean]>([
    ['admin', true, true, true, true],
    ['kasi', true, true, false, false],
    ['pk', true, true, false, false],
    ['konselor', false, true, false, true],
    ['viewer', false, false, false, false],
  ])('%s: own %s/%s (not enrolled/enrolled), other %s/%s', (role, ownNo, ownYes, otherNo, otherYes) => {
    const a = actor(role);
    expect(canReadClient(a, { office: OWN, enrolled: false })).toBe(ownNo);
    expect(canReadClient(a, { office: OWN, enrolled: true })).toBe(ownYes);
    expect(canReadClient(a, { office: OTHER, enrolled: false })).toBe(otherNo);
    expect(canReadClient(a, { office: OTHER, enrolled: true })).toBe(otherYes);
  });

  it('treats a client without an enrolled flag as not enrolled for a konselor', () => {
    expect(canReadClient(actor('konselor'), { office: OWN })).toBe(false);
  });

  it('lets a BNNP konselor read an enrolled client of any Bapas', () => {
    const konselor = actor('konselor', 'bnnp-jawa-tengah');

    expect(canReadClient(konselor, { office: OWN, enrolled: true })).toBe(true);
    expect(canReadClient(konselor, { office: OTHER, enrolled: true })).toBe(true);
  });
});

describe('canWriteClient', () => {
  it.each<[Role, boolean, boolean]>([
    ['admin', true, true],
    ['kasi', true, false],
    ['pk', true, false],
    ['konselor', false, false],
    ['viewer', false, false],
  ])('%s: own office %s, other office %s', (role, own, other) => {
    expect(canWriteClient(actor(role), { office: OWN })).toBe(own);
    expect(canWriteClient(actor(role), { office: OTHER })).toBe(other);
  });
});

describe('canReadPeriod', () => {
  // [role, period of own office, period of other office, joint period of both]
  it.each<[Role, boolean, boolean, boolean]>([
    ['admin', true, true, true],
    ['konselor', true, true, true],
    ['viewer', true, true, true],
    ['kasi', true, false, true],
    ['pk', true, false, true],
  ])('%s: own %s, other %s, joint %s', (role, own, other, joint) => {
    expect(canReadPeriod(actor(role), { offices: [OWN] })).toBe(own);
    expect(canReadPeriod(actor(role), { offices: [OTHER] })).toBe(other);
    expect(canReadPeriod(actor(role), { offices: [OTHER, OWN] })).toBe(joint);
  });
});

describe('canManagePeriod', () => {
  it('lets admin manage any period, joint ones included', () => {
    const admin = actor('admin', 'bnnp-jawa-tengah');

    expect(canManagePeriod(admin, { offices: [OWN] })).toBe(true);
    expect(canManagePeriod(admin, { offices: [OTHER] })).toBe(true);
    expect(canManagePeriod(admin, { offices: [OWN, OTHER] })).toBe(true);
  });

  it('lets kasi manage a period whose only office is their own', () => {
    expect(canManagePeriod(actor('kasi'), { offices: [OWN] })).toBe(true);
  });

  it.each([
    ['another office', [OTHER]],
    ['a joint period with their own office first', [OWN, OTHER]],
    ['a joint period with their own office last', [OTHER, OWN]],
    ['a period without offices', []],
  ])('refuses kasi for %s', (_label, offices) => {
    expect(canManagePeriod(actor('kasi'), { offices })).toBe(false);
  });

  it.each<Role>(['pk', 'konselor', 'viewer'])('never lets %s manage a period', (role) => {
    expect(canManagePeriod(actor(role), { offices: [OWN] })).toBe(false);
    expect(canManagePeriod(actor(role), { offices: [OTHER] })).toBe(false);
    expect(canManagePeriod(actor(role), { offices: [OWN, OTHER] })).toBe(false);
  });
});

describe('canReadEnrollment', () => {
  it.each<[Role, boolean, boolean]>([
    ['admin', true, true],
    ['konselor', true, true],
    ['viewer', true, true],
    ['kasi', true, false],
    ['pk', true, false],
  ])('%s: own office %s, other office %s', (role, own, other) => {
    expect(canReadEnrollment(actor(role), { office: OWN })).toBe(own);
    expect(canReadEnrollment(actor(role), { office: OTHER })).toBe(other);
  });
});
