import type { LocalUserStore } from '../../shared/directory/local';
import type { Role } from '../../shared/domain/actor';

/**
 * One officer per role in the local provider's user store, created on a new DATA_DIR so that
 * someone can sign in to the forms at all (in AWS the first admin is made with the AWS CLI).
 * Their ids are the `sub`s the demo data was entered with (scripts/local/demo.ts), so the
 * audit trail of the demo data names these accounts. The passwords are documented in the
 * README; they work only on this machine's local provider.
 */
export const DEMO_OFFICERS: ReadonlyArray<{
  id: string;
  email: string;
  name: string;
  role: Role;
  office: string;
  password: string;
}> = [
  {
    id: 'demo-admin',
    email: 'admin@pascarehab.test',
    name: 'Admin Provinsi (demo)',
    role: 'admin',
    office: 'bnnp-jawa-tengah',
    password: 'Demo-Admin-2026',
  },
  {
    id: 'demo-kasi-semarang',
    email: 'kasi.semarang@pascarehab.test',
    name: 'Kasi Bapas Semarang (demo)',
    role: 'kasi',
    office: 'bapas-semarang',
    password: 'Demo-Kasi-2026',
  },
  {
    id: 'demo-pk-semarang',
    email: 'pk.semarang@pascarehab.test',
    name: 'PK Bapas Semarang (demo)',
    role: 'pk',
    office: 'bapas-semarang',
    password: 'Demo-Pk-2026!',
  },
  {
    id: 'demo-konselor',
    email: 'konselor@pascarehab.test',
    name: 'Konselor BNNP (demo)',
    role: 'konselor',
    office: 'bnnp-jawa-tengah',
    password: 'Demo-Konselor-2026',
  },
  {
    id: 'demo-viewer',
    email: 'pimpinan@pascarehab.test',
    name: 'Pimpinan BNNP (demo)',
    role: 'viewer',
    office: 'bnnp-jawa-tengah',
    password: 'Demo-Pimpinan-2026',
  },
];

/** Adds the demo officers when the store has nobody yet; returns how many were added. */
export function seedDemoOfficers(users: LocalUserStore): number {
  if (!users.isEmpty()) return 0;
  for (const o of DEMO_OFFICERS) users.create(o);
  return DEMO_OFFICERS.length;
}
