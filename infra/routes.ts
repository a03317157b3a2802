/**
 * The one place infra/ reads the route table from. When the table moves (to shared/api/), this
 * import is the only line to change.
 */
export { FALLBACK_HANDLER, type RouteDefinition, routes } from '../functions/routes';
