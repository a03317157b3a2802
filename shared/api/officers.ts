import { z } from 'zod';
import { ROLES } from '../domain/actor';
import { placementProblem } from '../domain/officers';
import { officeCode } from './schemas';

/**
 * Officer administration (GET/POST /officers, PATCH /officers/{id}): request and response
 * shapes. The handlers validate with these, the forms validate with the same objects, and
 * GET /openapi.json documents them. E-mail and name are personal data: they are returned to
 * the admin and kasi who manage the account, and never logged or audited (audit entries name
 * the fields that changed, not their values).
 */

export const officerRole = z.enum(ROLES);

/** A directory user id: Cognito's `sub` (a UUID) in AWS, the local provider's id locally. */
export const officerId = z.string().regex(/^[\w.@:-]{1,128}$/, 'ID petugas tidak valid.');

const officerName = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine((v) => !/\p{Cs}|\p{Cc}/u.test(v), 'Nama mengandung karakter yang tidak valid.');

function placementIssue(v: { role?: string | undefined; office?: string | undefined }, ctx: z.RefinementCtx) {
  if (!v.role || !v.office) return;
  const problem = placementProblem({ role: v.role as z.infer<typeof officerRole>, office: v.office });
  if (problem) ctx.addIssue({ code: 'custom', path: ['office'], message: problem });
}

export const createOfficerBody = z
  .strictObject({
    email: z
      .email('Alamat e-mail tidak valid.')
      .max(254)
      .transform((e) => e.toLowerCase())
      .describe('Sign-in name; the invitation goes here (AWS).'),
    name: officerName,
    role: officerRole,
    office: officeCode,
  })
  .superRefine(placementIssue)
  .meta({ id: 'CreateOfficer' });
export type CreateOfficerBody = z.input<typeof createOfficerBody>;

export const patchOfficerBody = z
  .strictObject({
    role: officerRole.optional(),
    office: officeCode.optional(),
    enabled: z.boolean().optional().describe('false disables the account and ends its sessions.'),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'Tidak ada kolom yang diubah.' })
  .meta({ id: 'PatchOfficer' });
export type PatchOfficerBody = z.infer<typeof patchOfficerBody>;

export const OFFICER_STATUSES = ['invited', 'confirmed', 'reset_required', 'other'] as const;
export type OfficerStatus = (typeof OFFICER_STATUSES)[number];

export const officer = z
  .object({
    id: officerId,
    email: z.string(),
    name: z.string(),
    role: officerRole,
    office: z.string(),
    enabled: z.boolean(),
    status: z
      .enum(OFFICER_STATUSES)
      .describe('invited: has not yet set their own password (first sign-in pending).'),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Officer' });
export type Officer = z.infer<typeof officer>;

export const officerCreated = officer
  .extend({
    temporaryPassword: z
      .string()
      .optional()
      .describe('Local stack only (npm start): the first sign-in password. Never present in AWS.'),
  })
  .meta({ id: 'OfficerCreated' });

export const officerListQuery = z.strictObject({
  office: officeCode.optional().describe('admin: only this office; kasi: their own office anyway.'),
});

export const officerParams = z.strictObject({ id: officerId });

export const officerList = z
  .object({ items: z.array(officer), nextCursor: z.null() })
  .meta({ id: 'OfficerList' });
