import { AUDIT_READERS } from '../../domain/access';
import { defineRoute } from '../route';
import { auditEntry, auditQuery } from '../schemas/audit';
import { page } from '../schemas/common';

export const listAuditRoute = /* @__PURE__ */ defineRoute({
  method: 'GET',
  path: '/audit',
  handler: 'audit/list-audit',
  auth: true,
  roles: AUDIT_READERS,
  table: 'read',
  summary: 'The audit trail of one record, newest first (admin).',
  tag: 'audit',
  query: auditQuery,
  response: { status: 200, schema: page(auditEntry), description: 'One page of audit entries.' },
});
