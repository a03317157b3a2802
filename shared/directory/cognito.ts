import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  type AttributeType,
  type CognitoIdentityProviderClient,
  ListUsersInGroupCommand,
  type UserStatusType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { OfficerStatus } from '../api/schemas/officers';
import { ROLES, type Role } from '../domain/actor';
import {
  type CreatedOfficer,
  DirectoryError,
  type DirectoryOfficer,
  type NewOfficer,
  type OfficerChanges,
  type OfficerDirectory,
  OfficerExistsError,
  OfficerNotFoundError,
} from './port';

/**
 * The officer directory on the province's Cognito user pool (infra/constructs/auth.ts):
 * e-mail is the sign-in name, so Cognito's username of an account is its `sub`, which is
 * also the tokens' `sub` and this API's officer id. The role is the account's group (one of
 * the five role groups); the office is the custom attribute `custom:office`.
 * - create: AdminCreateUser (Cognito e-mails the invitation with a temporary password; the
 *   first sign-in must replace it), then AdminAddUserToGroup; a failed group step deletes the
 *   new account again, so no account is left without a role.
 * - disable: AdminDisableUser, then AdminUserGlobalSignOut (its refresh tokens stop working;
 *   an ID token already issued lives out its hour, at most).
 * Cannot run here: tested against a mocked SDK client (test/unit/directory-cognito.test.ts).
 */
export const OFFICE_CLAIM = 'custom:office';

function attribute(attributes: AttributeType[] | undefined, name: string): string | undefined {
  return attributes?.find((a) => a.Name === name)?.Value;
}

function statusOf(status: UserStatusType | string | undefined): OfficerStatus {
  if (status === 'FORCE_CHANGE_PASSWORD') return 'invited';
  if (status === 'CONFIRMED') return 'confirmed';
  if (status === 'RESET_REQUIRED') return 'reset_required';
  return 'other';
}

interface CognitoUser {
  Username?: string | undefined;
  Attributes?: AttributeType[] | undefined;
  Enabled?: boolean | undefined;
  UserStatus?: UserStatusType | string | undefined;
  UserCreateDate?: Date | undefined;
}

function toOfficer(user: CognitoUser, role: Role): DirectoryOfficer {
  return {
    id: attribute(user.Attributes, 'sub') ?? user.Username ?? '',
    email: attribute(user.Attributes, 'email') ?? '',
    name: attribute(user.Attributes, 'name') ?? '',
    role,
    office: attribute(user.Attributes, OFFICE_CLAIM) ?? '',
    enabled: user.Enabled !== false,
    status: statusOf(user.UserStatus),
    createdAt: (user.UserCreateDate ?? new Date(0)).toISOString(),
  };
}

function isRole(group: string | undefined): group is Role {
  return ROLES.some((role) => role === group);
}

export class CognitoDirectory implements OfficerDirectory {
  constructor(
    private readonly client: CognitoIdentityProviderClient,
    private readonly userPoolId: string,
  ) {}

  /**
   * Runs one SDK call and maps its failure: a missing user and a taken e-mail become the
   * port's errors; anything else a DirectoryError naming the operation and Cognito's error
   * name only (Cognito's messages may quote the e-mail address, which must not reach a log).
   */
  private async call<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      const name = err instanceof Error ? err.name : 'Error';
      if (name === 'UserNotFoundException') throw new OfficerNotFoundError(`${operation}: no such user`);
      if (name === 'UsernameExistsException' || name === 'AliasExistsException') {
        throw new OfficerExistsError(`${operation}: e-mail taken`);
      }
      const metadata: unknown = err instanceof Error ? Reflect.get(err, '$metadata') : undefined;
      const requestId: unknown =
        metadata && typeof metadata === 'object' ? Reflect.get(metadata, 'requestId') : undefined;
      throw new DirectoryError(
        `cognito ${operation} failed: ${name}${requestId ? ` (request ${requestId})` : ''}`,
      );
    }
  }

  async list(): Promise<DirectoryOfficer[]> {
    const seen = new Set<string>();
    const out: DirectoryOfficer[] = [];
    for (const role of ROLES) {
      let token: string | undefined;
      do {
        const page = await this.call('ListUsersInGroup', () =>
          this.client.send(
            new ListUsersInGroupCommand({
              UserPoolId: this.userPoolId,
              GroupName: role,
              Limit: 60,
              NextToken: token,
            }),
          ),
        );
        for (const user of page.Users ?? []) {
          const officer = toOfficer(user, role);
          // A user in two role groups is a misconfiguration (the API refuses their tokens);
          // list them once, under the first role.
          if (seen.has(officer.id)) continue;
          seen.add(officer.id);
          out.push(officer);
        }
        token = page.NextToken;
      } while (token);
    }
    return out;
  }

  private async roleOf(id: string): Promise<Role | undefined> {
    const groups = await this.call('AdminListGroupsForUser', () =>
      this.client.send(new AdminListGroupsForUserCommand({ UserPoolId: this.userPoolId, Username: id })),
    );
    return groups.Groups?.map((g) => g.GroupName).find(isRole);
  }

  async get(id: string): Promise<DirectoryOfficer | undefined> {
    try {
      const user = await this.call('AdminGetUser', () =>
        this.client.send(new AdminGetUserCommand({ UserPoolId: this.userPoolId, Username: id })),
      );
      const role = await this.roleOf(id);
      if (!role) return undefined; // not one of ours: no role group
      return toOfficer({ ...user, Attributes: user.UserAttributes }, role);
    } catch (err) {
      if (err instanceof OfficerNotFoundError) return undefined;
      throw err;
    }
  }

  async create(officer: NewOfficer): Promise<CreatedOfficer> {
    const created = await this.call('AdminCreateUser', () =>
      this.client.send(
        new AdminCreateUserCommand({
          UserPoolId: this.userPoolId,
          Username: officer.email,
          UserAttributes: [
            { Name: 'email', Value: officer.email },
            { Name: 'email_verified', Value: 'true' },
            { Name: 'name', Value: officer.name },
            { Name: OFFICE_CLAIM, Value: officer.office },
          ],
          DesiredDeliveryMediums: ['EMAIL'],
        }),
      ),
    );
    const user = created.User ?? {};
    const username = user.Username ?? attribute(user.Attributes, 'sub');
    if (!username) throw new DirectoryError('cognito AdminCreateUser failed: no username returned');
    try {
      await this.call('AdminAddUserToGroup', () =>
        this.client.send(
          new AdminAddUserToGroupCommand({
            UserPoolId: this.userPoolId,
            Username: username,
            GroupName: officer.role,
          }),
        ),
      );
    } catch (err) {
      // No account without a role: take the new one back, then report the failure.
      await this.call('AdminDeleteUser', () =>
        this.client.send(new AdminDeleteUserCommand({ UserPoolId: this.userPoolId, Username: username })),
      ).catch(() => undefined);
      throw err;
    }
    return { officer: toOfficer(user, officer.role) };
  }

  async update(id: string, changes: OfficerChanges): Promise<DirectoryOfficer> {
    const pool = this.userPoolId;
    if (changes.role !== undefined) {
      const groups = await this.call('AdminListGroupsForUser', () =>
        this.client.send(new AdminListGroupsForUserCommand({ UserPoolId: pool, Username: id })),
      );
      const current = (groups.Groups ?? []).map((g) => g.GroupName).filter(isRole);
      if (!current.includes(changes.role)) {
        const role = changes.role;
        await this.call('AdminAddUserToGroup', () =>
          this.client.send(
            new AdminAddUserToGroupCommand({ UserPoolId: pool, Username: id, GroupName: role }),
          ),
        );
      }
      for (const old of current.filter((r) => r !== changes.role)) {
        await this.call('AdminRemoveUserFromGroup', () =>
          this.client.send(
            new AdminRemoveUserFromGroupCommand({ UserPoolId: pool, Username: id, GroupName: old }),
          ),
        );
      }
    }
    if (changes.office !== undefined) {
      const office = changes.office;
      await this.call('AdminUpdateUserAttributes', () =>
        this.client.send(
          new AdminUpdateUserAttributesCommand({
            UserPoolId: pool,
            Username: id,
            UserAttributes: [{ Name: OFFICE_CLAIM, Value: office }],
          }),
        ),
      );
    }
    if (changes.enabled === false) {
      await this.call('AdminDisableUser', () =>
        this.client.send(new AdminDisableUserCommand({ UserPoolId: pool, Username: id })),
      );
      await this.call('AdminUserGlobalSignOut', () =>
        this.client.send(new AdminUserGlobalSignOutCommand({ UserPoolId: pool, Username: id })),
      );
    } else if (changes.enabled === true) {
      await this.call('AdminEnableUser', () =>
        this.client.send(new AdminEnableUserCommand({ UserPoolId: pool, Username: id })),
      );
    }
    const updated = await this.get(id);
    if (!updated) throw new OfficerNotFoundError('update: user gone');
    return updated;
  }
}
