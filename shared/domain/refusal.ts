/**
 * A refusal: the domain's (or the data layer's) "no", with a stable code and details a form
 * can show beside each field. It knows nothing of HTTP: shared/http/refusals.ts maps each code
 * to its status and default Indonesian message, in one table.
 */
export const REFUSAL_CODES = [
  // the request itself
  'unauthorized',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'invalid_json',
  'validation_failed',
  'payload_too_large',
  'idempotency_key_reused',
  // rules of the domain
  'duplicate_registration',
  'capacity_reached',
  'already_enrolled',
  'period_closed',
  'office_not_in_period',
  'protocol_order',
  'enrollment_not_active',
  'instrument_not_in_period',
  'invalid_transition',
  'too_many_missing',
  'date_in_future',
  'date_outside_period',
  'period_in_past',
  'record_too_large',
  'officer_exists',
  'own_account',
  'concurrent_update',
  'record_voided',
  'report_exists',
  'report_not_final',
  'import_state',
  'export_too_large',
  'internal',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export interface RefusalDetail {
  /** Dot path of the field (`attendees.3`, `responses.physical`), or `(root)`. */
  path: string;
  message: string;
}

export class Refusal extends Error {
  override name = 'Refusal';
  constructor(
    readonly code: RefusalCode,
    readonly details: RefusalDetail[] = [],
    /** A more specific Indonesian message than the code's default, when the rule has one. */
    readonly specificMessage?: string,
  ) {
    super(specificMessage ?? code);
  }
}

/** Shorthands for the refusals raised in many places. */
export const refuse = {
  notFound: () => new Refusal('not_found'),
  forbidden: (message?: string) => new Refusal('forbidden', [], message),
  validation: (details: RefusalDetail[]) => new Refusal('validation_failed', details),
  concurrentUpdate: () => new Refusal('concurrent_update'),
};
