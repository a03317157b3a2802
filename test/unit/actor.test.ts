import { describe, expect, it } from 'vitest';
import { actorFromClaims, parseGroups, ROLES, type Role } from '../../shared/domain/actor';
import { thrownBy } from './helpers';

type Claims = Parameters<typeof actorFromClaims>[0];

/** Claims as API Gateway's JWT authorizer passes them, with overrides. */
function claims(overrides: Record<string, string | string[] | number | undefined> = {}): Claims {
  return {
    sub: 'user-1',
    'cognito:groups': '[pk]',
    'custom:office': 'bapas-semarang',
    ...overrides,
  };
}

describe('parseGroups', () => {
  it.each([
    ['the API Gateway flattened form "[pk]"', '[pk]', ['pk']],
    ['a real array', ['pk'], ['pk']],
    ['a JSON array string', '["pk"]', ['pk']],
    ['a bare string', 'pk', ['pk']],
    ['the flattened form with two groups', '[admin kasi]', ['admin', 'kasi']],
    ['the flattened form with commas', '[admin, kasi]', ['admin', 'kasi']],
    ['a JSON array string with two groups', '["admin","kasi"]', ['admin', 'kasi']],
    ['a real array with two groups', ['admin', 'kasi'], ['admin', 'kasi']],
  ])('reads %s', (_label, value, expected) => {
    // act
    const groups = parseGroups(value);

    // assess
    expect(groups).toEqual(expected);
  });

  it.each([
    ['undefined', undefined],
    ['an empty string', ''],
    ['blank text', '   '],
    ['the flattened empty list "[]"', '[]'],
    ['an empty array', []],
  ])('reads %s as no groups', (_label, value) => {
    expect(parseGroups(value)).toEqual([]);
  });
});

describe('actorFromClaims', () => {
  const offices: Record<Role, string> = {
    admin: 'bnnp-jawa-tengah',
    kasi: 'bapas-semarang',
    pk: 'bapas-surakarta',
    konselor: 'bnnp-jawa-tengah',
    viewer: 'bnnp-jawa-tengah',
  };

  it.each(ROLES)('builds a %s actor from valid claims', (role) => {
    // prepare
    const input = claims({
      sub: `sub-${role}`,
      'cognito:groups': `[${role}]`,
      'custom:office': offices[role],
    });

    // act
    const actor = actorFromClaims(input);

    // assess
    expect(actor).toEqual({ sub: `sub-${role}`, role, office: offices[role] });
  });

  it.each([
    ['"[pk]"', '[pk]'],
    ['["pk"]', ['pk']],
    ['\'["pk"]\'', '["pk"]'],
    ['"pk"', 'pk'],
  ])('reads the pk role from groups given as %s', (_label, groups) => {
    const actor = actorFromClaims(claims({ 'cognito:groups': groups }));

    expect(actor.role).toBe('pk');
  });

  it('ignores Cognito groups that are not roles when exactly one role group is present', () => {
    const actor = actorFromClaims(claims({ 'cognito:groups': '[evaluators kasi]' }));

    expect(actor.role).toBe('kasi');
  });

  it.each([
    ['no groups claim', undefined],
    ['an empty group list', '[]'],
    ['an unknown group', '[auditor]'],
    ['a role name in the wrong case', '[Admin]'],
  ])('refuses %s with 401 unauthorized', (_label, groups) => {
    const error = thrownBy(() => actorFromClaims(claims({ 'cognito:groups': groups })));

    expect(error.status).toBe(401);
    expect(error.code).toBe('unauthorized');
  });

  it.each([
    ['the flattened form', '[admin kasi]'],
    ['a real array', ['pk', 'konselor']],
    ['a JSON array string', '["kasi","viewer"]'],
  ])('refuses a user in two role groups (%s) with 403 forbidden', (_label, groups) => {
    const error = thrownBy(() => actorFromClaims(claims({ 'cognito:groups': groups })));

    expect(error.status).toBe(403);
    expect(error.code).toBe('forbidden');
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['not a string', 42],
  ])('refuses a sub that is %s with 401 unauthorized', (_label, sub) => {
    const error = thrownBy(() => actorFromClaims(claims({ sub })));

    expect(error.status).toBe(401);
    expect(error.code).toBe('unauthorized');
  });

  it.each([
    ['missing', undefined],
    ['a display name', 'Bapas Semarang'],
    ['a bare city', 'semarang'],
    ['upper case', 'BAPAS-SEMARANG'],
    ['a prefix without a city', 'bapas-'],
    ['an unknown kind of office', 'lapas-semarang'],
    ['an array', ['bapas-semarang']],
  ])('refuses an office that is %s with 401 unauthorized', (_label, office) => {
    const error = thrownBy(() => actorFromClaims(claims({ 'custom:office': office })));

    expect(error.status).toBe(401);
    expect(error.code).toBe('unauthorized');
  });

  it('accepts multi-word office codes such as bnnp-jawa-tengah', () => {
    const actor = actorFromClaims(
      claims({ 'cognito:groups': '[konselor]', 'custom:office': 'bnnp-jawa-tengah' }),
    );

    expect(actor.office).toBe('bnnp-jawa-tengah');
  });

  it('refuses undefined claims with 401 unauthorized', () => {
    const error = thrownBy(() => actorFromClaims(undefined));

    expect(error.status).toBe(401);
    expect(error.code).toBe('unauthorized');
  });
});
