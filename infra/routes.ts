/**
 * The one place infra/ reads the route table from (shared/api/routes.ts).
 */
export { FALLBACK_HANDLER, type RouteSpec as RouteDefinition, routes } from '../shared/api/routes';
