/**
 * One structured logger: a JSON line per entry on stdout, which Lambda sends to CloudWatch
 * Logs (and Logs Insights reads its fields). What goes in: request id, route, status,
 * duration, the caller's role and office. What never goes in: bodies, names, NIK,
 * registration numbers, addresses, phone numbers, e-mails, tokens (Law No. 27 of 2022).
 * Unexpected errors are logged by name, message and the code locations of their stack
 * (docs/architecture.md).
 *
 * Why not Powertools' Logger: the project used it for exactly these calls, and it is 20 KB of
 * every function's bundle (6 % of the raw-SDK baseline the bundle budget measures against,
 * docs/performance.md); nothing it adds (sampling, context injection) is used here.
 */
const LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR'] as const;
type Level = (typeof LEVELS)[number];

/** LOG_LEVEL when it names a level (SILENT: nothing), else INFO. */
function threshold(value: string | undefined): number {
  const upper = value?.toUpperCase();
  if (upper === 'SILENT') return LEVELS.length;
  const index = LEVELS.findIndex((level) => level === upper);
  return index === -1 ? 1 : index;
}

const SERVICE = 'pascarehab';
let minimum: number | undefined;

function write(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  // Read at the first entry, not at import: the local stack sets LOG_LEVEL after importing.
  minimum ??= threshold(globalThis.process?.env?.LOG_LEVEL);
  if (LEVELS.indexOf(level) < minimum) return;
  const line = JSON.stringify({
    level,
    message,
    timestamp: new Date().toISOString(),
    service: SERVICE,
    ...fields,
  });
  if (level === 'ERROR' || level === 'WARN') console.error(line);
  else console.log(line);
}

export const logger = {
  debug: (message: string, fields?: Record<string, unknown>) => write('DEBUG', message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write('INFO', message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write('WARN', message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write('ERROR', message, fields),
};
