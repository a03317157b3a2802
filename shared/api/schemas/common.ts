import * as z from 'zod/mini';
import id from 'zod/v4/locales/id.js';
import { config, isKnownOffice } from '../../config';
import { BAPAS_CODE, OFFICE_CODE } from '../../domain/actor';
import { todayIn } from '../../domain/dates';

/**
 * Building blocks of the API's schemas. zod/mini (not classic zod): the same engine and
 * messages, but tree-shakable, so a Lambda bundle carries only the schemas of its route
 * (docs/performance.md). Messages officers read come from zod's Indonesian locale, and only
 * that one locale is bundled.
 */
z.config(id());

/**
 * A description for the OpenAPI document, on a copy: shared building blocks (isoDate, ulidId)
 * must not carry one use's description into every other use.
 */
export function doc<T extends z.ZodMiniType>(schema: T, description: string): T {
  const copy = schema.clone();
  z.globalRegistry.add(copy, { description });
  return copy;
}

/** A named component of the OpenAPI document (a copy, like `doc`). */
export function component<T extends z.ZodMiniType>(schema: T, id: string, description?: string): T {
  const copy = schema.clone();
  z.globalRegistry.add(copy, { id, ...(description ? { description } : {}) });
  return copy;
}

/** Arrays whose entries must differ (offices, instruments, attendees, answers of a checklist). */
export function uniqueArray<T extends z.ZodMiniType>(
  item: T,
  limits: { min?: number; max?: number } = {},
  message = 'Tidak boleh berulang.',
) {
  const checks: Array<z.core.$ZodCheck<Array<z.output<T>>>> = [];
  if (limits.min !== undefined) checks.push(z.minLength(limits.min));
  if (limits.max !== undefined) checks.push(z.maxLength(limits.max));
  checks.push(z.refine((v) => new Set(v).size === v.length, message));
  return z.array(item).check(...checks);
}

/**
 * C0 and C1 control characters (U+0000-U+001F, U+007F-U+009F). One-line fields (names,
 * numbers, topics) refuse all of them; multi-line free text keeps tab and line breaks.
 */
const CONTROL_ONE_LINE = /\p{Cc}/u;
const CONTROL_MULTI_LINE = /(?![\t\n\r])\p{Cc}/u;
/** A lone UTF-16 surrogate (possible in JSON: "\ud800") cannot be stored in a key. */
const LONE_SURROGATE = /\p{Cs}/u;

function textOf(max: number, control: RegExp) {
  return z.string().check(
    z.trim(),
    z.minLength(1),
    z.maxLength(max),
    z.refine((v) => !control.test(v), 'Teks mengandung karakter kontrol yang tidak diizinkan.'),
    z.refine((v) => !LONE_SURROGATE.test(v), 'Teks mengandung karakter yang tidak valid.'),
  );
}

/** One line of text (a name, a number, a topic): trimmed, 1..max characters. */
export const line = (max: number) => textOf(max, CONTROL_ONE_LINE);
/** Free text an officer types in a text area: line breaks and tabs allowed. */
export const freeText = (max: number) => textOf(max, CONTROL_MULTI_LINE);

/** A real calendar date, YYYY-MM-DD. */
export const isoDate = z.iso.date();

/** A date before today in the province (birth dates). */
export const pastDate = isoDate.check(
  z.refine((d) => d >= '1900-01-01', 'Tanggal terlalu lama.'),
  z.refine((d) => d < todayIn(config().timeZone), 'Tanggal harus di masa lalu.'),
);

export const ulidId = z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'ID tidak valid.'));
export const isoDateTime = z.iso.datetime();

export const officeCode = z
  .string()
  .check(
    z.regex(OFFICE_CODE, 'Kode kantor tidak valid (contoh: bapas-semarang).'),
    z.refine(isKnownOffice, 'Kantor ini tidak terdaftar di provinsi ini.'),
  );
export const bapasCode = z
  .string()
  .check(
    z.regex(BAPAS_CODE, 'Harus kode Bapas (contoh: bapas-semarang).'),
    z.refine(isKnownOffice, 'Kantor ini tidak terdaftar di provinsi ini.'),
  );

/** An integer in [min, max]. */
export const intIn = (min: number, max: number) => z.int().check(z.gte(min), z.lte(max));

// --- routes' params and queries ---------------------------------------------------------

export const idParams = z.strictObject({ id: ulidId });
/** Routes without a query string refuse any parameter (400, one detail per parameter). */
export const noQuery = z.strictObject({});

/** The `limit` query string parameter: an integer 1..max, default `fallback`. */
export const limitParam = (max: number, fallback: number) =>
  z._default(
    z.coerce.number().check(
      z.refine((n) => Number.isInteger(n), 'Harus bilangan bulat.'),
      z.gte(1),
      z.lte(max),
    ),
    fallback,
  );
export const cursorParam = z.optional(z.string().check(z.minLength(1), z.maxLength(2048)));

export const pageQuery = z.strictObject({ limit: limitParam(100, 25), cursor: cursorParam });
export const officePageQuery = z.extend(pageQuery, { office: z.optional(officeCode) });

export const page = <T extends z.ZodMiniType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.nullable(z.string()) });

export const errorEnvelope = component(
  z.object({
    error: z.object({
      code: doc(z.string(), 'Stable machine code, e.g. validation_failed, capacity_reached.'),
      message: doc(z.string(), 'Indonesian text for officers.'),
      details: z.array(z.object({ path: z.string(), message: z.string() })),
    }),
  }),
  'Error',
);

/** Name and registration number beside an enrollment in lists (never for viewers). */
export const clientSummary = component(
  z.object({ fullName: z.string(), registrationNumber: z.string() }),
  'ClientSummary',
);
