// Who is signed in on this screen (set by main.ts at each navigation): the key under which
// drafts, the outbox and copies of reads are kept (store.ts).
import type { Session } from './lib/jwt';

let current: Session | null = null;

export function setSession(session: Session | null): void {
  current = session;
}

export function session(): Session | null {
  return current;
}
