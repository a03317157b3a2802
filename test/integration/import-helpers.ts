import { expect } from 'vitest';
import { baseUrl } from './helpers';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** GET of a file route: status, headers and the bytes. */
export async function download(path: string, token: string, base = baseUrl) {
  const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

/** POST /imports, PUT the bytes to the presigned URL; returns the import id. */
export async function upload(token: string, bytes: Uint8Array, base = baseUrl, fileName = 'riwayat.xlsx') {
  const created = await fetch(`${base}/imports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ fileName }),
  });
  expect(created.status).toBe(201);
  const body = (await created.json()) as { id: string; uploadUrl: string; state: string };
  expect(body.state).toBe('uploaded');
  const put = await fetch(body.uploadUrl, { method: 'PUT', headers: { 'content-type': XLSX }, body: bytes });
  expect(put.status).toBe(200);
  return body.id;
}

type Status = {
  state: string;
  counts: Record<string, { rows: number; new: number; existing: number; invalid: number }>;
  errors: Array<{ sheet: string; row: number; column: string; message: string }>;
  errorCount: number;
  rounds: number;
};

/** POST /imports/{id}/<step> (202), then GET until the state leaves validating/applying. */
export async function step(
  token: string,
  id: string,
  action: 'validate' | 'apply',
  base = baseUrl,
): Promise<Status> {
  const started = await fetch(`${base}/imports/${id}/${action}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  expect(started.status, await started.clone().text()).toBe(202);
  for (let i = 0; i < 600; i++) {
    const res = await fetch(`${base}/imports/${id}`, { headers: { authorization: `Bearer ${token}` } });
    const status = (await res.json()) as Status;
    if (status.state !== 'validating' && status.state !== 'applying') return status;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`import ${id} did not finish ${action}`);
}
