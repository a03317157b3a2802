import * as z from 'zod/mini';
import { ROLES, type Role } from '../../domain/actor';
import { placementProblem } from '../../domain/officers';
import { component, doc, isoDateTime, officeCode } from './common';

/**
 * Officer administration (GET/POST /officers, PATCH /officers/{id}): request and response
 * shapes. The HTTP layer validates with these, the forms validate with the same objects, and
 * GET /openapi.json documents them. E-mail and name are personal data: they are returned to
 * the admin and kasi who manage the account, and never logged or audited (audit entries name
 * the fields that changed, not their values).
 */

export const officerRole = z.enum(ROLES);

/** A directory user id: Cognito's `sub` (a UUID) in AWS, the local provider's id locally. */
export const officerId = z.string().check(z.regex(/^[\w.@:-]{1,128}$/, 'ID petugas tidak valid.'));

const officerName = z.string().check(
  z.trim(),
  z.minLength(1),
  z.maxLength(200),
  z.refine((v) => !/\p{Cs}|\p{Cc}/u.test(v), 'Nama mengandung karakter yang tidak valid.'),
);

const placement = z.superRefine((v: { role?: Role | undefined; office?: string | undefined }, ctx) => {
  if (!v.role || !v.office) return;
  const problem = placementProblem({ role: v.role, office: v.office });
  if (problem) ctx.addIssue({ code: 'custom', path: ['office'], message: problem });
});

export const createOfficerBody = component(
  z
    .strictObject({
      email: doc(
        z.email('Alamat e-mail tidak valid.').check(z.maxLength(254), z.toLowerCase()),
        'Sign-in name; the invitation goes here (AWS).',
      ),
      name: officerName,
      role: officerRole,
      office: officeCode,
    })
    .check(placement),
  'CreateOfficer',
);
export type CreateOfficerBody = z.input<typeof createOfficerBody>;

export const patchOfficerBody = component(
  z
    .strictObject({
      role: z.optional(officerRole),
      office: z.optional(officeCode),
      enabled: z.optional(doc(z.boolean(), 'false disables the account and ends its sessions.')),
    })
    .check(z.refine((v) => Object.keys(v).length > 0, 'Tidak ada kolom yang diubah.')),
  'PatchOfficer',
);
export type PatchOfficerBody = z.infer<typeof patchOfficerBody>;

export const OFFICER_STATUSES = ['invited', 'confirmed', 'reset_required', 'other'] as const;
export type OfficerStatus = (typeof OFFICER_STATUSES)[number];

const officerFields = {
  id: officerId,
  email: z.string(),
  name: z.string(),
  role: officerRole,
  office: z.string(),
  enabled: z.boolean(),
  status: doc(
    z.enum(OFFICER_STATUSES),
    'invited: has not yet set their own password (first sign-in pending).',
  ),
  createdAt: isoDateTime,
};

export const officer = component(z.object(officerFields), 'Officer');
export type Officer = z.infer<typeof officer>;

export const officerCreated = component(
  z.object({
    ...officerFields,
    temporaryPassword: z.optional(
      doc(z.string(), 'Local stack only (npm start): the first sign-in password. Never present in AWS.'),
    ),
  }),
  'OfficerCreated',
);

export const officerListQuery = z.strictObject({
  office: z.optional(doc(officeCode, 'admin: only this office; kasi: their own office anyway.')),
});

export const officerParams = z.strictObject({ id: officerId });

export const officerList = component(
  z.object({ items: z.array(officer), nextCursor: z.null() }),
  'OfficerList',
);
