import { CLIENT_READERS, CLIENT_WRITERS } from '../../domain/access';
import { defineRoute } from '../route';
import { client, clientListQuery, createClientBody, patchClientBody } from '../schemas/clients';
import { idParams, page } from '../schemas/common';
import { clientEnrollmentList } from '../schemas/enrollments';

export const createClientRoute = /* @__PURE__ */ defineRoute({
  method: 'POST',
  path: '/clients',
  handler: 'clients/create-client',
  auth: true,
  roles: CLIENT_WRITERS,
  table: 'write',
  summary: 'Register a client (pk, kasi: own office; admin).',
  tag: 'clients',
  body: createClientBody,
  response: { status: 201, schema: client, description: 'Client created.' },
  errors: ['duplicate_registration'],
});

export const listClientsRoute = /* @__PURE__ */ defineRoute({
  method: 'GET',
  path: '/clients',
  handler: 'clients/list-clients',
  auth: true,
  roles: CLIENT_READERS,
  table: 'read',
  summary:
    'List the clients of an office, find one by registration number, or search by part of the name or number (`q`; konselor: enrolled clients only).',
  tag: 'clients',
  query: clientListQuery,
  response: { status: 200, schema: page(client), description: 'One page of clients.' },
});

export const getClientRoute = /* @__PURE__ */ defineRoute({
  method: 'GET',
  path: '/clients/{id}',
  handler: 'clients/get-client',
  auth: true,
  roles: CLIENT_READERS,
  table: 'read',
  summary: 'Read a client (NIK masked).',
  tag: 'clients',
  params: idParams,
  response: { status: 200, schema: client, description: 'The client.' },
});

export const patchClientRoute = /* @__PURE__ */ defineRoute({
  method: 'PATCH',
  path: '/clients/{id}',
  handler: 'clients/patch-client',
  auth: true,
  roles: CLIENT_WRITERS,
  table: 'write',
  summary: 'Change a client (null clears an optional field; office cannot change).',
  tag: 'clients',
  params: idParams,
  body: patchClientBody,
  response: { status: 200, schema: client, description: 'The updated client.' },
  errors: ['duplicate_registration', 'concurrent_update'],
});

export const listClientEnrollmentsRoute = /* @__PURE__ */ defineRoute({
  method: 'GET',
  path: '/clients/{id}/enrollments',
  handler: 'clients/list-client-enrollments',
  auth: true,
  roles: CLIENT_READERS,
  table: 'read',
  summary: "A client's enrollments with their status and period, newest first (the client profile).",
  tag: 'clients',
  params: idParams,
  response: { status: 200, schema: clientEnrollmentList, description: "The client's enrollments." },
});
