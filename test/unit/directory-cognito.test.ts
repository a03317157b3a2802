import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { afterEach, describe, expect, it } from 'vitest';
import { directory, useDirectory } from '../../shared/directory';
import { CognitoDirectory } from '../../shared/directory/cognito';
import { LocalDirectory } from '../../shared/directory/local';
import { DirectoryError, OfficerExistsError } from '../../shared/directory/port';

/**
 * The Cognito adapter against a MOCKED SDK client: Cognito cannot run here (no emulator that
 * implements the admin API is available offline). The fake records every command it receives
 * and answers from a script; what it proves is the sequence and the parameters the adapter
 * sends, and how it maps Cognito's answers and errors.
 */
type Handler = (input: Record<string, unknown>) => unknown;

function fakeCognito(handlers: Record<string, Handler>) {
  const calls: Array<{ command: string; input: Record<string, unknown> }> = [];
  const client = {
    send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      const name = command.constructor.name.replace(/Command$/, '');
      calls.push({ command: name, input: command.input });
      const handler = handlers[name];
      if (!handler) throw new Error(`unexpected ${name}`);
      return handler(command.input);
    },
  } as unknown as CognitoIdentityProviderClient;
  return { client, calls };
}

function cognitoError(name: string, message = 'An account with the given email already exists.') {
  return Object.assign(new Error(message), { name, $metadata: { requestId: 'req-1' } });
}

const POOL = 'ap-southeast-3_TestPool';
const SUB = '6b1f2c1e-5f5e-4b7e-9d7e-0d2e4c1f3a21';
const attrs = (email: string, office: string) => [
  { Name: 'sub', Value: SUB },
  { Name: 'email', Value: email },
  { Name: 'name', Value: 'Sri Wahyuni' },
  { Name: 'custom:office', Value: office },
];

describe('CognitoDirectory.create', () => {
  it('creates the user with an e-mailed invitation, then puts them in their role group', async () => {
    const { client, calls } = fakeCognito({
      AdminCreateUser: () => ({
        User: {
          Username: SUB,
          Attributes: attrs('sri@example.id', 'bapas-semarang'),
          Enabled: true,
          UserStatus: 'FORCE_CHANGE_PASSWORD',
          UserCreateDate: new Date('2026-12-01T02:00:00Z'),
        },
      }),
      AdminAddUserToGroup: () => ({}),
    });

    const created = await new CognitoDirectory(client, POOL).create({
      email: 'sri@example.id',
      name: 'Sri Wahyuni',
      role: 'pk',
      office: 'bapas-semarang',
    });

    expect(calls).toEqual([
      {
        command: 'AdminCreateUser',
        input: {
          UserPoolId: POOL,
          Username: 'sri@example.id',
          UserAttributes: [
            { Name: 'email', Value: 'sri@example.id' },
            { Name: 'email_verified', Value: 'true' },
            { Name: 'name', Value: 'Sri Wahyuni' },
            { Name: 'custom:office', Value: 'bapas-semarang' },
          ],
          DesiredDeliveryMediums: ['EMAIL'],
        },
      },
      { command: 'AdminAddUserToGroup', input: { UserPoolId: POOL, Username: SUB, GroupName: 'pk' } },
    ]);
    expect(created).toEqual({
      officer: {
        id: SUB,
        email: 'sri@example.id',
        name: 'Sri Wahyuni',
        role: 'pk',
        office: 'bapas-semarang',
        enabled: true,
        status: 'invited',
        createdAt: '2026-12-01T02:00:00.000Z',
      },
    });
    // Cognito e-mails the temporary password: it never comes back through the API.
    expect(created.temporaryPassword).toBeUndefined();
  });

  it('maps a taken e-mail to OfficerExistsError', async () => {
    const { client } = fakeCognito({
      AdminCreateUser: () => {
        throw cognitoError('UsernameExistsException');
      },
    });
    await expect(
      new CognitoDirectory(client, POOL).create({
        email: 'a@b.id',
        name: 'A',
        role: 'pk',
        office: 'bapas-pati',
      }),
    ).rejects.toBeInstanceOf(OfficerExistsError);
  });

  it('takes the account back when the role cannot be given, and names no e-mail in the error', async () => {
    const { client, calls } = fakeCognito({
      AdminCreateUser: () => ({ User: { Username: SUB, Attributes: attrs('sri@example.id', 'bapas-pati') } }),
      AdminAddUserToGroup: () => {
        throw cognitoError('ResourceNotFoundException', 'Group pk not found for sri@example.id');
      },
      AdminDeleteUser: () => ({}),
    });

    const failure = await new CognitoDirectory(client, POOL)
      .create({ email: 'sri@example.id', name: 'Sri', role: 'pk', office: 'bapas-pati' })
      .catch((e: Error) => e);

    expect(failure).toBeInstanceOf(DirectoryError);
    expect((failure as Error).message).toBe(
      'cognito AdminAddUserToGroup failed: ResourceNotFoundException (request req-1)',
    );
    expect((failure as Error).message).not.toContain('@');
    expect(calls.map((c) => c.command)).toEqual([
      'AdminCreateUser',
      'AdminAddUserToGroup',
      'AdminDeleteUser',
    ]);
    expect(calls[2]?.input).toEqual({ UserPoolId: POOL, Username: SUB });
  });
});

describe('CognitoDirectory.update', () => {
  const found = {
    AdminGetUser: () => ({
      Username: SUB,
      UserAttributes: attrs('sri@example.id', 'bapas-semarang'),
      Enabled: false,
      UserStatus: 'CONFIRMED',
      UserCreateDate: new Date('2026-12-01T02:00:00Z'),
    }),
  };

  it('disables the account and signs it out everywhere, in that order', async () => {
    const { client, calls } = fakeCognito({
      ...found,
      AdminDisableUser: () => ({}),
      AdminUserGlobalSignOut: () => ({}),
      AdminListGroupsForUser: () => ({ Groups: [{ GroupName: 'pk' }] }),
    });

    const updated = await new CognitoDirectory(client, POOL).update(SUB, { enabled: false });

    expect(calls.slice(0, 2)).toEqual([
      { command: 'AdminDisableUser', input: { UserPoolId: POOL, Username: SUB } },
      { command: 'AdminUserGlobalSignOut', input: { UserPoolId: POOL, Username: SUB } },
    ]);
    expect(updated).toMatchObject({ id: SUB, role: 'pk', enabled: false, status: 'confirmed' });
  });

  it('enables without signing out', async () => {
    const { client, calls } = fakeCognito({
      ...found,
      AdminEnableUser: () => ({}),
      AdminListGroupsForUser: () => ({ Groups: [{ GroupName: 'pk' }] }),
    });
    await new CognitoDirectory(client, POOL).update(SUB, { enabled: true });
    expect(calls.map((c) => c.command)).toEqual([
      'AdminEnableUser',
      'AdminGetUser',
      'AdminListGroupsForUser',
    ]);
  });

  it('moves the user to the new role group and writes custom:office', async () => {
    let groups = [{ GroupName: 'pk' }, { GroupName: 'some-other-group' }];
    const { client, calls } = fakeCognito({
      ...found,
      AdminListGroupsForUser: () => ({ Groups: groups }),
      AdminAddUserToGroup: (input) => {
        groups = [...groups, { GroupName: String(input.GroupName) }];
        return {};
      },
      AdminRemoveUserFromGroup: (input) => {
        groups = groups.filter((g) => g.GroupName !== input.GroupName);
        return {};
      },
      AdminUpdateUserAttributes: () => ({}),
    });

    const updated = await new CognitoDirectory(client, POOL).update(SUB, {
      role: 'kasi',
      office: 'bapas-pati',
    });

    const writes = calls.filter((c) => !['AdminListGroupsForUser', 'AdminGetUser'].includes(c.command));
    expect(writes).toEqual([
      { command: 'AdminAddUserToGroup', input: { UserPoolId: POOL, Username: SUB, GroupName: 'kasi' } },
      { command: 'AdminRemoveUserFromGroup', input: { UserPoolId: POOL, Username: SUB, GroupName: 'pk' } },
      {
        command: 'AdminUpdateUserAttributes',
        input: {
          UserPoolId: POOL,
          Username: SUB,
          UserAttributes: [{ Name: 'custom:office', Value: 'bapas-pati' }],
        },
      },
    ]);
    // Groups that are not roles are left alone.
    expect(groups.map((g) => g.GroupName)).toEqual(['some-other-group', 'kasi']);
    expect(updated.role).toBe('kasi');
  });
});

describe('CognitoDirectory.list and get', () => {
  it('pages through each role group and takes the role from the group', async () => {
    const user = (sub: string, office: string) => ({
      Username: sub,
      Attributes: [
        { Name: 'sub', Value: sub },
        { Name: 'email', Value: `${sub}@example.id` },
        { Name: 'name', Value: sub },
        { Name: 'custom:office', Value: office },
      ],
      Enabled: true,
      UserStatus: 'CONFIRMED',
      UserCreateDate: new Date('2026-11-01T00:00:00Z'),
    });
    const { client, calls } = fakeCognito({
      ListUsersInGroup: (input) => {
        if (input.GroupName === 'pk' && !input.NextToken)
          return { Users: [user('p1', 'bapas-pati')], NextToken: 't2' };
        if (input.GroupName === 'pk') return { Users: [user('p2', 'bapas-pati')] };
        if (input.GroupName === 'admin') return { Users: [user('a1', 'bnnp-jawa-tengah')] };
        // A user put in two role groups is listed once.
        if (input.GroupName === 'viewer') return { Users: [user('p1', 'bapas-pati')] };
        return { Users: [] };
      },
    });

    const officers = await new CognitoDirectory(client, POOL).list();

    expect(officers.map((o) => [o.id, o.role])).toEqual([
      ['a1', 'admin'],
      ['p1', 'pk'],
      ['p2', 'pk'],
    ]);
    expect(calls.filter((c) => c.input.GroupName === 'pk').map((c) => c.input.NextToken)).toEqual([
      undefined,
      't2',
    ]);
    expect(calls.every((c) => c.input.UserPoolId === POOL && c.input.Limit === 60)).toBe(true);
  });

  it('reads an unknown user as absent', async () => {
    const { client } = fakeCognito({
      AdminGetUser: () => {
        throw cognitoError('UserNotFoundException', 'User does not exist.');
      },
    });
    expect(await new CognitoDirectory(client, POOL).get('nobody')).toBeUndefined();
  });
});

describe('directory()', () => {
  const saved = { pool: process.env.USER_POOL_ID, store: process.env.LOCAL_USER_STORE };
  afterEach(() => {
    process.env.USER_POOL_ID = saved.pool;
    process.env.LOCAL_USER_STORE = saved.store;
    if (saved.pool === undefined) delete process.env.USER_POOL_ID;
    if (saved.store === undefined) delete process.env.LOCAL_USER_STORE;
    useDirectory(undefined);
  });

  it('is Cognito when USER_POOL_ID is set, the local store otherwise, and nothing without either', async () => {
    process.env.USER_POOL_ID = POOL;
    process.env.LOCAL_USER_STORE = '/tmp/never-used.json';
    useDirectory(undefined);
    expect(await directory()).toBeInstanceOf(CognitoDirectory);

    delete process.env.USER_POOL_ID;
    useDirectory(undefined);
    expect(await directory()).toBeInstanceOf(LocalDirectory);

    delete process.env.LOCAL_USER_STORE;
    useDirectory(undefined);
    await expect(directory()).rejects.toThrow(/no officer directory configured/);
  });
});
