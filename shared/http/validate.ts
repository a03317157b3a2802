/** The issue mapping lives with the schemas (shared/api/issues.ts); the HTTP layer uses it. */
export { issueDetails, validate } from '../api/issues';
