import type * as z from 'zod/mini';
import type { Role } from '../domain/actor';
import type { RefusalCode } from '../domain/refusal';
import type { FileBody } from '../http/file';

type Schema = z.ZodMiniType;
/** Params and query strings are objects of strings. */
type ObjectSchema = z.ZodMiniObject;

/**
 * One route of the API: the executable contract. The HTTP layer validates params, query and
 * body with these schemas before the use case runs (a route without `body` refuses one,
 * without `query` refuses any parameter); the local server routes with it; the CDK stack
 * makes one Lambda per route with least-privilege grants from `table`/`reports`; OpenAPI is
 * generated from it. `handler` is the file under functions/.
 */
export interface RouteSpec {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  handler: string;
  /** false only for GET /health and GET /openapi.json. */
  auth: boolean;
  /**
   * Roles that may call the route at all (403 for the others, before the input is judged);
   * absent: every role, the use case scopes what each sees. Office scope is the use case's.
   */
  roles?: readonly Role[];
  /** What the function needs of the table, for least-privilege grants. */
  table: 'none' | 'read' | 'write';
  /** What it needs of the report bucket: read (presigned downloads), write (report files). */
  reports?: ReadonlyArray<'read' | 'write'>;
  /**
   * What it needs of the officer directory (the province's Cognito user pool): read (list and
   * read accounts), write (create, change, disable). The stack grants it and sets USER_POOL_ID.
   */
  directory?: 'read' | 'write';
  /**
   * What it needs of spreadsheet imports: upload (sign a PUT under the report bucket's
   * imports/ prefix), read (look at an uploaded workbook), queue (hand a job to the import
   * worker). The stack grants exactly these and sets IMPORT_QUEUE_URL.
   */
  imports?: ReadonlyArray<'upload' | 'read' | 'queue'>;
  /** Lambda sizing when the default (512 MB, 10 s) is not enough; at most 29 s behind the API. */
  memoryMB?: number;
  timeoutSeconds?: number;
  summary: string;
  tag: string;
  params?: ObjectSchema;
  query?: ObjectSchema;
  body?: Schema;
  /**
   * The success answer: JSON in the shape of `schema`, or, with `file`, a file of that media
   * type (the use case returns a FileBody; shared/http/file.ts).
   */
  response: { status: number; schema?: Schema; file?: { contentType: string }; description: string };
  /** Refusals beyond the common ones (400/401/403/404), for the documentation. */
  errors?: readonly RefusalCode[];
}

/**
 * Declares a route, keeping its literal types (the use case's input and output derive from them).
 * Every call is written `/* @__PURE__ *\/ defineRoute({...})`: esbuild then drops the routes of an
 * area's file that a function does not use, and with them the schemas only they use (package.json
 * `sideEffects`), so a function builds only its own route's schemas at a cold start
 * (docs/performance.md).
 */
export function defineRoute<const R extends RouteSpec>(route: R): R {
  return route;
}

type Output<S> = S extends Schema ? z.output<S> : undefined;

/** What a use case receives: params, query and body, already parsed by the route's schemas. */
export interface RouteInput<R extends RouteSpec> {
  params: Output<R['params']>;
  query: R['query'] extends Schema ? z.output<R['query']> : Record<string, never>;
  body: Output<R['body']>;
}

/** What a use case returns: the success body, in the shape of the route's response schema. */
export type RouteOutput<R extends RouteSpec> = R['response'] extends { file: object }
  ? FileBody
  : R['response']['schema'] extends Schema
    ? z.input<R['response']['schema']>
    : unknown;
