import type { OfficerStatus } from '../api/schemas/officers';
import type { Role } from '../domain/actor';

/**
 * The officer directory: where accounts live and sign in. Two adapters implement it:
 * - Cognito (shared/directory/cognito.ts): the province's user pool in AWS, selected when
 *   USER_POOL_ID is set;
 * - the local provider's user store (shared/directory/local.ts): `npm start` and the tests.
 * The use case (shared/services/officers.ts) sees only this port.
 */
export interface DirectoryOfficer {
  /** Cognito's `sub`; the local provider's account id. The tokens' `sub` claim. */
  id: string;
  email: string;
  name: string;
  role: Role;
  office: string;
  enabled: boolean;
  status: OfficerStatus;
  createdAt: string;
}

export interface NewOfficer {
  email: string;
  name: string;
  role: Role;
  office: string;
}

export interface OfficerChanges {
  role?: Role | undefined;
  office?: string | undefined;
  enabled?: boolean | undefined;
}

export interface CreatedOfficer {
  officer: DirectoryOfficer;
  /** Only the local store hands it back; Cognito e-mails it to the officer. */
  temporaryPassword?: string | undefined;
}

export interface OfficerDirectory {
  /** Every officer of the province (a province has tens to a few hundred). */
  list(): Promise<DirectoryOfficer[]>;
  get(id: string): Promise<DirectoryOfficer | undefined>;
  /** Creates the account with a temporary password (first sign-in sets a new one). */
  create(officer: NewOfficer): Promise<CreatedOfficer>;
  /**
   * Applies the changes; `enabled: false` also ends every session of the officer (their
   * refresh tokens stop working), `enabled: true` lets them sign in again.
   */
  update(id: string, changes: OfficerChanges): Promise<DirectoryOfficer>;
}

/** An account with this e-mail exists already. */
export class OfficerExistsError extends Error {
  override name = 'OfficerExistsError';
}

/** No account with this id. */
export class OfficerNotFoundError extends Error {
  override name = 'OfficerNotFoundError';
}

/**
 * The directory failed in a way the caller cannot fix. Its message names the operation and
 * the provider's error name only: provider messages may quote an e-mail address.
 */
export class DirectoryError extends Error {
  override name = 'DirectoryError';
}
