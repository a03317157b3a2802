import * as z from 'zod/mini';
import { LEGAL_STATUSES, SEXES } from '../../domain/vocabulary';
import {
  bapasCode,
  component,
  doc,
  isoDate,
  isoDateTime,
  line,
  officePageQuery,
  pastDate,
  ulidId,
} from './common';

const address = z.strictObject({
  street: z.optional(line(200)),
  village: z.optional(line(100)),
  district: z.optional(line(100)),
  city: z.optional(line(100)),
});

const fields = {
  registrationNumber: line(64),
  fullName: line(200),
  sex: z.enum(SEXES),
  birthDate: pastDate,
  nik: z.string().check(z.regex(/^\d{16}$/, 'NIK harus 16 digit angka.')),
  phone: z.string().check(z.trim(), z.regex(/^\+?[0-9][0-9 ()-]{5,19}$/, 'Nomor telepon tidak valid.')),
  address,
  legalStatus: z.enum(LEGAL_STATUSES),
  caseArticle: line(200),
  supervisionStart: isoDate,
  supervisionEnd: isoDate,
};

type Supervision = {
  supervisionStart?: string | null | undefined;
  supervisionEnd?: string | null | undefined;
};
const supervisionOrder = z.refine<Supervision>(
  (v) => !v.supervisionStart || !v.supervisionEnd || v.supervisionStart <= v.supervisionEnd,
  { message: 'Akhir masa pembimbingan tidak boleh sebelum awalnya.', path: ['supervisionEnd'] },
);

export const createClientBody = component(
  z
    .strictObject({
      office: bapasCode,
      registrationNumber: fields.registrationNumber,
      fullName: fields.fullName,
      sex: fields.sex,
      birthDate: fields.birthDate,
      nik: z.optional(fields.nik),
      phone: z.optional(fields.phone),
      address: z.optional(fields.address),
      legalStatus: z.optional(fields.legalStatus),
      caseArticle: z.optional(fields.caseArticle),
      supervisionStart: z.optional(fields.supervisionStart),
      supervisionEnd: z.optional(fields.supervisionEnd),
    })
    .check(supervisionOrder),
  'CreateClient',
);
export type CreateClientBody = z.infer<typeof createClientBody>;

/** PATCH: any field but office (moving a client between Bapas is a transfer); null clears. */
export const patchClientBody = component(
  z
    .strictObject({
      registrationNumber: z.optional(fields.registrationNumber),
      fullName: z.optional(fields.fullName),
      sex: z.optional(fields.sex),
      birthDate: z.optional(fields.birthDate),
      nik: z.optional(z.nullable(fields.nik)),
      phone: z.optional(z.nullable(fields.phone)),
      address: z.optional(z.nullable(fields.address)),
      legalStatus: z.optional(z.nullable(fields.legalStatus)),
      caseArticle: z.optional(z.nullable(fields.caseArticle)),
      supervisionStart: z.optional(z.nullable(fields.supervisionStart)),
      supervisionEnd: z.optional(z.nullable(fields.supervisionEnd)),
    })
    .check(z.refine((v) => Object.keys(v).length > 0, 'Tidak ada kolom yang diubah.')),
  'PatchClient',
);
export type PatchClientBody = z.infer<typeof patchClientBody>;

export const clientListQuery = z.extend(officePageQuery, {
  registrationNumber: z.optional(doc(line(64), 'Exact lookup (case and spacing ignored) within the office.')),
  q: z.optional(
    doc(
      line(100),
      'Search within the office: every word must begin a word of the name or of the registration number; case and accents ignored.',
    ),
  ),
});

export const client = component(
  z.object({
    id: ulidId,
    office: bapasCode,
    registrationNumber: z.string(),
    fullName: z.string(),
    sex: z.enum(SEXES),
    birthDate: isoDate,
    nik: z.optional(doc(z.string(), 'Masked: only the last 4 digits are shown.')),
    phone: z.optional(z.string()),
    address: z.optional(
      z.object({
        street: z.optional(z.string()),
        village: z.optional(z.string()),
        district: z.optional(z.string()),
        city: z.optional(z.string()),
      }),
    ),
    legalStatus: z.optional(z.enum(LEGAL_STATUSES)),
    caseArticle: z.optional(z.string()),
    supervisionStart: z.optional(isoDate),
    supervisionEnd: z.optional(isoDate),
    enrolled: doc(z.boolean(), 'True once the client has been enrolled in a period.'),
    version: z.int(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  }),
  'Client',
);
export type Client = z.infer<typeof client>;
