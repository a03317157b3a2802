import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  type IHttpRouteAuthorizer,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { pascalCase } from '../provinces';
import { FALLBACK_HANDLER, type RouteDefinition } from '../routes';
import { PascarehabFunction } from './pascarehab-function';

/** `clients/create-client` -> `ClientsCreateClient`: the construct id of a route's function. */
export function functionId(handler: string): string {
  return handler.split('/').map(pascalCase).join('');
}

export interface Throttle {
  rateLimit: number;
  burstLimit: number;
}

/**
 * The routes anyone may call without a token (GET /health, GET /openapi.json) each run a
 * function: a low limit keeps strangers from spending the province's Lambda budget. Requests
 * without a valid token to any other route stop at the JWT authorizer, before any function.
 */
export const PUBLIC_ROUTE_THROTTLE: Throttle = { rateLimit: 5, burstLimit: 10 };

/** The throttle a route gets: public, writing (POST, PATCH) or reading. */
export function routeThrottle(
  route: Pick<RouteDefinition, 'method' | 'auth'>,
  throttle: { reads: Throttle; writes: Throttle },
): Throttle {
  if (!route.auth) return PUBLIC_ROUTE_THROTTLE;
  return route.method === 'GET' ? throttle.reads : throttle.writes;
}

export interface ProvinceApiProps {
  routes: readonly RouteDefinition[];
  table: ITable;
  /** Report bucket, for routes whose `reports` says they read or write report files. */
  reportBucket: IBucket;
  userPool: UserPool;
  client: UserPoolClient;
  environment: Record<string, string>;
  /** Extra variables of the functions that write reports (WHOQOL_PERMISSION_REF). */
  reportEnvironment: Record<string, string>;
  logRetention: RetentionDays;
  architecture: 'arm64' | 'x86_64';
  /** Per route: reads (GET) get `reads`, writes (POST, PATCH) `writes`, public routes PUBLIC_ROUTE_THROTTLE. */
  throttle: { reads: Throttle; writes: Throttle };
  /** Browser origin of the forms: the only origin CORS allows. */
  formsOrigin: string;
  /** The import queue, for routes whose `imports` says they send jobs (docs/imports.md). */
  importQueue: IQueue;
}

/**
 * The HTTP API, made from the route table (shared/api/routes.ts): one function per route,
 * with the table access the route declares, plus the fallback function on `$default`. Every
 * route requires a Cognito JWT (ID token of the forms client) unless the route table says
 * `auth: false` - only GET /health and GET /openapi.json.
 */
export class ProvinceApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly functions: PascarehabFunction[] = [];
  readonly accessLogs: LogGroup;

  constructor(scope: Construct, id: string, props: ProvinceApiProps) {
    super(scope, id);

    // Issuer: the user pool; audience: the forms client. API Gateway checks signature,
    // expiry, issuer and audience before any function runs.
    const authorizer = new HttpUserPoolAuthorizer('CognitoAuthorizer', props.userPool, {
      userPoolClients: [props.client],
    });
    const publicRoute = new HttpNoneAuthorizer();

    this.api = new HttpApi(this, 'HttpApi', {
      // The console name; derived from the stack so that two provinces never look alike.
      apiName: Stack.of(this).stackName,
      description: 'Pascarehab API',
      // The stage is created below with throttling and access logs.
      createDefaultStage: false,
      // Secure by default: a route added without an explicit authorizer still needs a token.
      defaultAuthorizer: authorizer,
      // Browsers may call the API from the forms' origin only.
      corsPreflight: {
        allowOrigins: [props.formsOrigin],
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PATCH, CorsHttpMethod.DELETE],
        allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
        // Lets a form see that a retried POST was answered from the idempotency record.
        exposeHeaders: ['idempotent-replayed'],
        maxAge: Duration.hours(1),
      },
    });

    this.accessLogs = new LogGroup(this, 'AccessLogs', { retention: props.logRetention });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle.reads,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        // No bodies, no query strings, no tokens: paths carry ULIDs only, never identities.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            sourceIp: '$context.identity.sourceIp',
            routeKey: '$context.routeKey',
            path: '$context.path',
            status: '$context.status',
            responseLength: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            integrationLatencyMs: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            userSub: '$context.authorizer.claims.sub',
          }),
        ),
      },
    });

    const makeFunction = (
      handler: string,
      description: string,
      access: RouteDefinition['table'],
      reports?: RouteDefinition['reports'],
      sizing: Pick<RouteDefinition, 'memoryMB' | 'timeoutSeconds'> = {},
      directory?: RouteDefinition['directory'],
      imports?: RouteDefinition['imports'],
    ) => {
      // Closing a period can make its final report, so it writes reports too.
      const writesReports = reports?.includes('write') ?? false;
      const fn = new PascarehabFunction(this, functionId(handler), {
        handler,
        description,
        environment: { ...props.environment, ...(writesReports ? props.reportEnvironment : {}) },
        logRetention: props.logRetention,
        architecture: props.architecture,
        ...(sizing.memoryMB ? { memorySize: sizing.memoryMB } : {}),
        ...(sizing.timeoutSeconds ? { timeout: Duration.seconds(sizing.timeoutSeconds) } : {}),
      });
      if (access === 'read') fn.bindTable({ table: props.table, accessMode: 'RO' });
      if (access === 'write') fn.bindTable({ table: props.table, accessMode: 'RW' });
      if (reports && reports.length > 0) fn.bindReportBucket(props.reportBucket, reports);
      if (directory) fn.bindUserDirectory(props.userPool, directory);
      if (imports && imports.length > 0) fn.bindImports(props.reportBucket, imports, props.importQueue);
      this.functions.push(fn);
      return fn;
    };

    const tableRoutes: HttpRoute[] = [];
    for (const route of props.routes) {
      const fn = makeFunction(
        route.handler,
        `${route.method} ${route.path}`,
        route.table,
        route.reports,
        route,
        route.directory,
        route.imports,
      );
      const routeAuthorizer: IHttpRouteAuthorizer = route.auth ? authorizer : publicRoute;
      const [created, ...more] = this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${functionId(route.handler)}Integration`, fn),
        authorizer: routeAuthorizer,
      });
      tableRoutes.push(...(created ? [created] : []), ...more);
      if (!route.auth && created) {
        Validations.of(created).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${route.method} ${route.path} is public by design (route table auth: false): it returns no data of any user or client.`,
        });
      }
    }

    // Per-route limits: API Gateway answers 429 above them, before any function runs. The
    // stage resource names the route keys, so it must be created after the routes.
    const cfnStage = this.stage.node.defaultChild as CfnStage;
    cfnStage.routeSettings = Object.fromEntries(
      props.routes.map((route) => {
        const { rateLimit, burstLimit } = routeThrottle(route, props.throttle);
        return [
          `${route.method} ${route.path}`,
          { ThrottlingRateLimit: rateLimit, ThrottlingBurstLimit: burstLimit },
        ];
      }),
    );
    for (const route of tableRoutes) cfnStage.node.addDependency(route);

    // Requests that match no route get the API's 404/405 envelope. Authorized like every
    // other route, so that probing unknown paths without a token gets 401, not a map of the API.
    const fallback = makeFunction(FALLBACK_HANDLER, '$default: no route matched (404/405)', 'none');
    const fallbackIntegration = new HttpLambdaIntegration('FallbackIntegration', fallback);
    new HttpRoute(this, 'DefaultRoute', {
      httpApi: this.api,
      routeKey: HttpRouteKey.DEFAULT,
      integration: fallbackIntegration,
      authorizer,
    });

    // With an authorized $default route, API Gateway would send browsers' CORS preflight
    // (OPTIONS, which never carries credentials) to the authorizer and fail it. An
    // unauthorized OPTIONS /{proxy+} route takes precedence over $default; API Gateway
    // answers the preflight itself from the CORS configuration.
    const preflight = new HttpRoute(this, 'PreflightRoute', {
      httpApi: this.api,
      routeKey: HttpRouteKey.with('/{proxy+}', HttpMethod.OPTIONS),
      integration: fallbackIntegration,
      authorizer: publicRoute,
    });
    Validations.of(preflight).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'CORS preflight (OPTIONS) requests carry no credentials by the Fetch standard; API Gateway answers them from the CORS configuration, limited to the forms origin.',
    });
  }
}
