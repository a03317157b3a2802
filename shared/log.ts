import { Logger } from '@aws-lambda-powertools/logger';
import type { LogLevel } from '@aws-lambda-powertools/logger/types';

const LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT', 'CRITICAL', 'TRACE'] as const;

/** LOG_LEVEL when it names a level, else INFO. */
function logLevel(value: string | undefined): LogLevel {
  return LEVELS.find((level) => level === value?.toUpperCase()) ?? 'INFO';
}

/**
 * One structured logger. What goes in: request id, route, status, duration, the caller's
 * role and office. What never goes in: bodies, names, NIK, registration numbers, addresses,
 * phone numbers, tokens (PDP law, UU 27/2022). Unexpected errors are logged by name, message
 * and the code locations of their stack (docs/architecture.md).
 */
export const logger = new Logger({
  serviceName: 'pascarehab',
  logLevel: logLevel(process.env.LOG_LEVEL),
});
