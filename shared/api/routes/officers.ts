import { OFFICER_MANAGERS } from '../../domain/officers';
import { defineRoute } from '../route';
import {
  createOfficerBody,
  officer,
  officerCreated,
  officerList,
  officerListQuery,
  officerParams,
  patchOfficerBody,
} from '../schemas/officers';

export const listOfficersRoute = /* @__PURE__ */ defineRoute({
  method: 'GET',
  path: '/officers',
  handler: 'officers/list-officers',
  auth: true,
  roles: OFFICER_MANAGERS,
  table: 'none',
  directory: 'read',
  summary: 'List officer accounts (admin: the province; kasi: pk and kasi of their office).',
  tag: 'officers',
  query: officerListQuery,
  response: { status: 200, schema: officerList, description: 'The officers in scope.' },
});

export const createOfficerRoute = /* @__PURE__ */ defineRoute({
  method: 'POST',
  path: '/officers',
  handler: 'officers/create-officer',
  auth: true,
  roles: OFFICER_MANAGERS,
  table: 'write',
  directory: 'write',
  summary: 'Invite an officer: the account gets a temporary password (admin; kasi: pk/kasi of their office).',
  tag: 'officers',
  body: createOfficerBody,
  response: { status: 201, schema: officerCreated, description: 'Account created; invitation sent (AWS).' },
  errors: ['officer_exists'],
});

export const patchOfficerRoute = /* @__PURE__ */ defineRoute({
  method: 'PATCH',
  path: '/officers/{id}',
  handler: 'officers/patch-officer',
  auth: true,
  roles: OFFICER_MANAGERS,
  table: 'write',
  directory: 'write',
  summary: "Change an officer's role or office, or disable/enable the account (disable ends its sessions).",
  tag: 'officers',
  params: officerParams,
  body: patchOfficerBody,
  response: { status: 200, schema: officer, description: 'The updated account.' },
  errors: ['own_account'],
});
