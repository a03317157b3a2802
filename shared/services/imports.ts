import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { RouteInput, RouteOutput } from '../api/route';
import type {
  applyImportRoute,
  createImportRoute,
  getImportRoute,
  validateImportRoute,
} from '../api/routes/imports';
import { s3 } from '../aws';
import { config } from '../config';
import {
  getImportRecord,
  type ImportRecord,
  type ImportState,
  moveImport,
  putNewImport,
} from '../data/entities/import';
import { keys } from '../data/keys';
import { executeWrite, newId } from '../data/write';
import { inOfficeScope } from '../domain/access';
import type { Actor } from '../domain/actor';
import { Refusal, refuse } from '../domain/refusal';
import { UPLOAD_URL_SECONDS, XLSX_TYPE } from '../imports/constants';
import type { RequestContext } from './context';

import { enqueue, type ImportJob } from './import-queue';

/**
 * Spreadsheet imports (docs/imports.md). POST /imports answers a presigned PUT; validate and
 * apply hand a job to the import worker (SQS in AWS; in process locally), which reads the
 * workbook, judges every row by the API's rules (shared/imports/plan.ts), and on apply writes
 * each row through the API's own use cases, acting for the officer who made the import, with a
 * row guard in the row's transaction so that no row is ever written twice.
 */

type Status = RouteOutput<typeof getImportRoute>;

function statusOf(r: ImportRecord): Status {
  return {
    id: r.id,
    fileName: r.fileName,
    state: r.state,
    counts: r.counts ?? {},
    errors: r.errors,
    errorCount: r.errorCount,
    rounds: r.rounds,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** An import the actor may see: their office's (admin: every one); others look absent. */
async function visibleImport(actor: Actor, id: string): Promise<ImportRecord> {
  const record = await getImportRecord(id);
  if (!record || !inOfficeScope(actor, record.office)) throw refuse.notFound();
  return record;
}

/** POST /imports: the import record and a 15-minute presigned PUT for the workbook. */
export async function createImport(
  { body }: RouteInput<typeof createImportRoute>,
  ctx: RequestContext,
): Promise<RouteOutput<typeof createImportRoute>> {
  return executeWrite(ctx, async () => {
    const id = newId();
    const at = ctx.now.toISOString();
    const record: ImportRecord = {
      id,
      fileName: body.fileName,
      objectKey: keys.importObject(id),
      office: ctx.actor.office,
      createdBy: { sub: ctx.actor.sub, role: ctx.actor.role, office: ctx.actor.office },
      state: 'uploaded',
      errors: [],
      errorCount: 0,
      rounds: 0,
      createdAt: at,
      updatedAt: at,
    };
    const uploadUrl = await getSignedUrl(
      s3(),
      new PutObjectCommand({ Bucket: config().reportBucket, Key: record.objectKey, ContentType: XLSX_TYPE }),
      { expiresIn: UPLOAD_URL_SECONDS },
    );
    return {
      parts: [putNewImport(record)],
      audit: [{ entity: 'import', entityId: id, action: 'create', changedFields: ['fileName'] }],
      result: {
        id,
        state: record.state,
        uploadUrl,
        expiresAt: new Date(ctx.now.getTime() + UPLOAD_URL_SECONDS * 1000).toISOString(),
      },
    };
  });
}

/** GET /imports/{id}. */
export async function getImport(
  { params }: RouteInput<typeof getImportRoute>,
  ctx: RequestContext,
): Promise<RouteOutput<typeof getImportRoute>> {
  return statusOf(await visibleImport(ctx.actor, params.id));
}

const notReady = (message: string) => new Refusal('import_state', [], message);

/** Longer than a worker run (15 min) and its hand-over: a job this quiet is gone. */
const STALE_MS = 20 * 60 * 1000;
function isStale(record: ImportRecord, now: Date): boolean {
  return now.getTime() - Date.parse(record.updatedAt) > STALE_MS;
}

/** POST /imports/{id}/validate: the job checks every row; nothing is written. */
export async function validateImport(
  { params }: RouteInput<typeof validateImportRoute>,
  ctx: RequestContext,
): Promise<RouteOutput<typeof validateImportRoute>> {
  const record = await visibleImport(ctx.actor, params.id);
  try {
    await s3().send(new HeadObjectCommand({ Bucket: config().reportBucket, Key: record.objectKey }));
  } catch {
    throw notReady('Berkas belum diunggah ke alamat unggah impor ini.');
  }
  const from: ImportState[] = ['uploaded', 'valid', 'invalid', 'failed'];
  // A job that died without a word (a local process stopped, a worker that never ran) leaves
  // its import validating or applying; after STALE_MS it may be validated again.
  if ((record.state === 'validating' || record.state === 'applying') && isStale(record, ctx.now)) {
    from.push(record.state);
  }
  if (
    !(await moveImport(record.id, from, 'validating', ctx.now.toISOString(), {
      errors: [],
      errorCount: 0,
      rounds: 0,
    }))
  ) {
    throw notReady(
      `Impor sedang ${record.state === 'applying' ? 'diterapkan' : 'diproses'} atau sudah diterapkan.`,
    );
  }
  await enqueueOrUndo(record, 'validating', { importId: record.id, action: 'validate' });
  return statusOf({
    ...record,
    state: 'validating',
    errors: [],
    errorCount: 0,
    rounds: 0,
    updatedAt: ctx.now.toISOString(),
  });
}

/** POST /imports/{id}/apply: a valid import (or one whose application failed) is written. */
export async function applyImport(
  { params }: RouteInput<typeof applyImportRoute>,
  ctx: RequestContext,
): Promise<RouteOutput<typeof applyImportRoute>> {
  const record = await visibleImport(ctx.actor, params.id);
  if (!(await moveImport(record.id, ['valid', 'failed'], 'applying', ctx.now.toISOString()))) {
    throw notReady(
      record.state === 'applied'
        ? 'Impor ini sudah diterapkan.'
        : 'Hanya impor yang sudah divalidasi tanpa kesalahan yang dapat diterapkan.',
    );
  }
  await enqueueOrUndo(record, 'applying', { importId: record.id, action: 'apply' });
  return statusOf({ ...record, state: 'applying', updatedAt: ctx.now.toISOString() });
}

/** Hands the job over; if that fails, the import goes back to where it was (and the request fails). */
async function enqueueOrUndo(record: ImportRecord, moved: ImportState, job: ImportJob): Promise<void> {
  try {
    await enqueue(job);
  } catch (err) {
    await moveImport(record.id, [moved], record.state, new Date().toISOString());
    throw err;
  }
}
