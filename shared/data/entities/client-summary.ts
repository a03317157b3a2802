import type { Actor } from '../../domain/actor';
import { keys } from '../keys';
import { getItems } from '../read';
import { clientFromItem } from './client';

export interface ClientSummary {
  fullName: string;
  registrationNumber: string;
}

/**
 * Name and registration number of clients, for the people allowed to know (not viewers), in
 * one batch. Lists take them from the copy on each enrollment; this is for enrollments written
 * before the copy existed.
 */
export async function getClientSummaries(
  actor: Actor,
  clientIds: string[],
): Promise<Map<string, ClientSummary>> {
  const out = new Map<string, ClientSummary>();
  if (actor.role === 'viewer' || clientIds.length === 0) return out;
  for (const item of await getItems([...new Set(clientIds)].map((id) => keys.client(id)))) {
    const c = clientFromItem(item);
    out.set(c.id, { fullName: c.fullName, registrationNumber: c.registrationNumber });
  }
  return out;
}
