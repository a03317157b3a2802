import { randomBytes, randomUUID, scryptSync, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as z from 'zod/mini';
import { ROLES, type Role } from '../domain/actor';
import { passwordProblems, temporaryPassword } from './password-policy';
import {
  type CreatedOfficer,
  type DirectoryOfficer,
  type NewOfficer,
  type OfficerChanges,
  type OfficerDirectory,
  OfficerExistsError,
  OfficerNotFoundError,
} from './port';

/**
 * The local OpenID provider's user store (`npm start`): one JSON file under $DATA_DIR/oidc,
 * read on every call and replaced atomically on every change, so the provider (sign-in) and
 * the API handlers (officer administration), which run in the same process, always agree.
 * Passwords are stored in scrypt hashes with a per-user salt. Local only: in AWS the
 * directory is Cognito (shared/directory/cognito.ts).
 */
export interface LocalUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  office: string;
  enabled: boolean;
  /** Set for a new account: the first sign-in asks for a new password. */
  mustChangePassword: boolean;
  passwordHash: string;
  /** ms epoch of the last "sign out everywhere" (disable): sessions and tokens from before die. */
  signedOutAt?: number;
  createdAt: string;
  updatedAt: string;
}

const storedUser = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  office: z.string(),
  enabled: z.boolean(),
  mustChangePassword: z.boolean(),
  passwordHash: z.string(),
  signedOutAt: z.optional(z.number()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const storeFile = z.object({ version: z.literal(1), users: z.array(storedUser) });
type StoreFile = z.output<typeof storeFile>;

/** The store file, checked (a hand-edited file that does not fit fails loudly). */
function parseStoreFile(value: unknown): StoreFile {
  return storeFile.parse(value);
}

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 };

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

export function checkPassword(password: string, stored: string): boolean {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = scryptSync(password, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return timingSafeEqual(actual, expected);
}

/**
 * A hash nobody's password matches, so an unknown e-mail costs the same time a known one does.
 * Made on first use, not at module load: scrypt takes about 120 ms, which every officer
 * function's cold start would otherwise pay (docs/performance.md).
 */
let dummyHash: string | undefined;
function dummy(): string {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}

export class LocalUserStore {
  constructor(readonly file: string) {}

  private read(): StoreFile {
    try {
      return parseStoreFile(JSON.parse(readFileSync(this.file, 'utf8')));
    } catch (err) {
      if (err instanceof Error && Reflect.get(err, 'code') === 'ENOENT') return { version: 1, users: [] };
      throw err;
    }
  }

  private write(store: StoreFile): void {
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(store, null, 1)}\n`, { mode: 0o600 });
    renameSync(tmp, this.file);
  }

  private change(id: string, fn: (user: LocalUser) => void): LocalUser {
    const store = this.read();
    const user = store.users.find((u) => u.id === id);
    if (!user) throw new OfficerNotFoundError('no such local user');
    fn(user);
    user.updatedAt = new Date().toISOString();
    this.write(store);
    return user;
  }

  isEmpty(): boolean {
    return this.read().users.length === 0;
  }

  list(): LocalUser[] {
    return this.read().users;
  }

  findById(id: string): LocalUser | undefined {
    return this.read().users.find((u) => u.id === id);
  }

  findByEmail(email: string): LocalUser | undefined {
    const wanted = email.trim().toLowerCase();
    return this.read().users.find((u) => u.email === wanted);
  }

  /**
   * Adds a user. Without `password`, a temporary one is made and returned, and the first
   * sign-in must replace it (as Cognito's AdminCreateUser does).
   */
  create(input: NewOfficer & { id?: string; password?: string }): {
    user: LocalUser;
    temporaryPassword?: string;
  } {
    const store = this.read();
    const email = input.email.trim().toLowerCase();
    if (store.users.some((u) => u.email === email)) throw new OfficerExistsError('e-mail taken');
    if (input.id && store.users.some((u) => u.id === input.id)) throw new OfficerExistsError('id taken');
    const temporary = input.password === undefined ? temporaryPassword() : undefined;
    const at = new Date().toISOString();
    const user: LocalUser = {
      id: input.id ?? randomUUID(),
      email,
      name: input.name,
      role: input.role,
      office: input.office,
      enabled: true,
      mustChangePassword: temporary !== undefined,
      passwordHash: hashPassword(input.password ?? temporary!),
      createdAt: at,
      updatedAt: at,
    };
    store.users.push(user);
    this.write(store);
    return { user, ...(temporary ? { temporaryPassword: temporary } : {}) };
  }

  /** The user whose e-mail and password match, else null (same work either way). */
  verify(email: string, password: string): LocalUser | null {
    const user = this.findByEmail(email);
    const ok = checkPassword(password, user?.passwordHash ?? dummy());
    return ok && user ? user : null;
  }

  /** Sets a new password (first sign-in); throws with the rules it breaks. */
  setPassword(id: string, password: string): LocalUser {
    const problems = passwordProblems(password);
    if (problems.length) throw new Error(problems.join(' '));
    return this.change(id, (u) => {
      u.passwordHash = hashPassword(password);
      u.mustChangePassword = false;
    });
  }

  update(id: string, changes: OfficerChanges): LocalUser {
    return this.change(id, (u) => {
      if (changes.role !== undefined) u.role = changes.role;
      if (changes.office !== undefined) u.office = changes.office;
      if (changes.enabled !== undefined) {
        // Disabling signs the officer out everywhere (AdminUserGlobalSignOut in AWS).
        if (u.enabled && !changes.enabled) u.signedOutAt = Date.now();
        u.enabled = changes.enabled;
      }
    });
  }
}

function toOfficer(u: LocalUser): DirectoryOfficer {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    office: u.office,
    enabled: u.enabled,
    status: u.mustChangePassword ? 'invited' : 'confirmed',
    createdAt: u.createdAt,
  };
}

/** The directory port over the local user store. */
export class LocalDirectory implements OfficerDirectory {
  constructor(readonly store: LocalUserStore) {}

  async list(): Promise<DirectoryOfficer[]> {
    return this.store.list().map(toOfficer);
  }

  async get(id: string): Promise<DirectoryOfficer | undefined> {
    const u = this.store.findById(id);
    return u ? toOfficer(u) : undefined;
  }

  async create(officer: NewOfficer): Promise<CreatedOfficer> {
    const { user, temporaryPassword } = this.store.create(officer);
    return { officer: toOfficer(user), temporaryPassword };
  }

  async update(id: string, changes: OfficerChanges): Promise<DirectoryOfficer> {
    return toOfficer(this.store.update(id, changes));
  }
}
