import { Logger } from '@aws-lambda-powertools/logger';
import type { LogLevel } from '@aws-lambda-powertools/logger/types';

/**
 * One structured logger. What goes in: request id, route, status, duration, the caller's
 * role and office. What never goes in: bodies, names, NIK, registration numbers, addresses,
 * phone numbers, tokens (PDP law, UU 27/2022). Error causes are logged by name and message.
 */
export const logger = new Logger({
  serviceName: 'pascarehab',
  logLevel: (process.env.LOG_LEVEL ?? 'INFO') as LogLevel,
});
