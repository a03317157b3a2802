import { Agent, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as ddbRaw from '@aws-sdk/client-dynamodb';
import { percentile } from './stats';

/**
 * Routes measured through the local API (the same handlers, the same local API Gateway
 * stand-in as `npm start`), against DynamoDB Local in this process:
 * - warm latency p50/p95 per route, against a raw-SDK replay of exactly the DynamoDB calls
 *   that route made (same inputs, the same parallel waves), so the ratio is our overhead;
 * - DynamoDB calls, RCU and WCU per request (ReturnConsumedCapacity; DynamoDB Local's
 *   capacity model);
 * - that a list's page reads the same with ten times more unrelated data in other periods and
 *   other offices.
 */

export interface RecordedCall {
  command: string;
  input: Record<string, unknown>;
  start: number;
  end: number;
  rcu: number;
  wcu: number;
}

type Client = ddbRaw.DynamoDBClient;

/** Records every DynamoDB call of the process's document client (shared/aws.ts). */
export class CallRecorder {
  calls: RecordedCall[] = [];
  recording = false;

  attach(client: { middlewareStack: Client['middlewareStack'] }): void {
    // Ask for the consumed capacity of every call (before the document client marshals).
    client.middlewareStack.add(
      (next) => async (args) => {
        const input = args.input as Record<string, unknown>;
        if (this.recording) input.ReturnConsumedCapacity = 'TOTAL';
        return next(args);
      },
      { step: 'initialize', name: 'benchConsumedCapacity', priority: 'high' },
    );
    // Record the wire-level (marshalled) input and the capacity the call consumed.
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (!this.recording) return next(args);
        const start = performance.now();
        const call: RecordedCall = {
          command: context.commandName ?? '?',
          input: structuredClone(args.input as Record<string, unknown>),
          start,
          end: start,
          rcu: 0,
          wcu: 0,
        };
        this.calls.push(call);
        try {
          const result = await next(args);
          const { rcu, wcu } = capacityOf(
            (result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity,
            WRITES.has(call.command),
          );
          call.rcu = rcu;
          call.wcu = wcu;
          return result;
        } finally {
          call.end = performance.now();
        }
      },
      { step: 'build', name: 'benchRecorder' },
    );
  }
}

const WRITES = new Set([
  'TransactWriteItemsCommand',
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'BatchWriteItemCommand',
]);

/** RCU and WCU of a call's ConsumedCapacity (one entry, or one per table in a transaction). */
function capacityOf(consumed: unknown, isWrite: boolean): { rcu: number; wcu: number } {
  const list = Array.isArray(consumed) ? consumed : consumed ? [consumed] : [];
  let rcu = 0;
  let wcu = 0;
  for (const c of list) {
    const read = Number(Reflect.get(c, 'ReadCapacityUnits') ?? 0);
    const write = Number(Reflect.get(c, 'WriteCapacityUnits') ?? 0);
    const total = Number(Reflect.get(c, 'CapacityUnits') ?? 0);
    if (read || write) {
      rcu += read;
      wcu += write;
    } else if (isWrite) {
      wcu += total;
    } else {
      rcu += total;
    }
  }
  return { rcu, wcu };
}

/** Consecutive calls that started before the first of them ended ran in parallel. */
export function waves(calls: readonly RecordedCall[]): RecordedCall[][] {
  const out: RecordedCall[][] = [];
  for (const call of calls) {
    const last = out.at(-1);
    const first = last?.[0];
    if (last && first && call.start < first.end) last.push(call);
    else out.push([call]);
  }
  return out;
}

/**
 * A recorded write made replayable: conditions removed (they would refuse a second run, and
 * their evaluation is negligible), names and values no expression uses any more dropped.
 */
export function replayable(input: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(input);
  delete copy.ReturnConsumedCapacity;
  if (Array.isArray(copy.TransactItems)) {
    copy.TransactItems = copy.TransactItems.map((item: Record<string, Record<string, unknown>>) =>
      Object.fromEntries(Object.entries(item).map(([op, body]) => [op, withoutCondition(body)])),
    );
    return copy;
  }
  return withoutCondition(copy);
}

function withoutCondition(body: Record<string, unknown>): Record<string, unknown> {
  const out = { ...body };
  delete out.ConditionExpression;
  delete out.ReturnValuesOnConditionCheckFailure;
  const expressions = [
    out.UpdateExpression,
    out.KeyConditionExpression,
    out.FilterExpression,
    out.ProjectionExpression,
  ]
    .filter((e): e is string => typeof e === 'string')
    .join(' ');
  for (const field of ['ExpressionAttributeNames', 'ExpressionAttributeValues'] as const) {
    const map = out[field];
    if (!map || typeof map !== 'object') continue;
    const kept = Object.fromEntries(Object.entries(map).filter(([k]) => expressions.includes(k)));
    if (Object.keys(kept).length > 0) out[field] = kept;
    else delete out[field];
  }
  return out;
}

/** Replays the recorded calls with the raw SDK, wave by wave; returns the wall time in ms. */
export async function replay(client: Client, calls: readonly RecordedCall[]): Promise<number> {
  const start = performance.now();
  for (const wave of waves(calls)) {
    await Promise.all(
      wave.map((call) => {
        const command = rawCommand(call.command, replayable(call.input));
        // biome-ignore lint/suspicious/noExplicitAny: each raw command goes to the same client
        return client.send(command as any);
      }),
    );
  }
  return performance.now() - start;
}

/** The raw SDK command for a recorded call (its input is already the wire input). */
function rawCommand(name: string, input: Record<string, unknown>) {
  switch (name) {
    case 'GetItemCommand':
      return new ddbRaw.GetItemCommand(input as unknown as ddbRaw.GetItemCommandInput);
    case 'QueryCommand':
      return new ddbRaw.QueryCommand(input as unknown as ddbRaw.QueryCommandInput);
    case 'BatchGetItemCommand':
      return new ddbRaw.BatchGetItemCommand(input as unknown as ddbRaw.BatchGetItemCommandInput);
    case 'TransactWriteItemsCommand':
      return new ddbRaw.TransactWriteItemsCommand(input as unknown as ddbRaw.TransactWriteItemsCommandInput);
    case 'PutItemCommand':
      return new ddbRaw.PutItemCommand(input as unknown as ddbRaw.PutItemCommandInput);
    case 'UpdateItemCommand':
      return new ddbRaw.UpdateItemCommand(input as unknown as ddbRaw.UpdateItemCommandInput);
    default:
      throw new Error(`replay: unknown command ${name}`);
  }
}

/** What the bench needs of an HTTP answer. */
export interface BenchResponse {
  ok: boolean;
  status: number;
  text(): Promise<string>;
}

const keepAlive = new Agent({ keepAlive: true, maxSockets: 8 });

/**
 * One HTTP request to the local API with node:http on a keep-alive connection, as API Gateway
 * keeps its connections to Lambda warm. Not fetch: undici's fetch adds about 0.4 ms per request
 * on this machine (a trivial server: fetch p50 0.53 ms, node:http 0.12 ms), client-side time
 * that is not the system's overhead (docs/performance.md).
 */
export function benchRequest(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<BenchResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: init.method ?? 'GET', headers: init.headers ?? {}, agent: keepAlive },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('error', reject);
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          const body = Buffer.concat(chunks).toString('utf8');
          resolve({ ok: status >= 200 && status < 300, status, text: async () => body });
        });
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

export interface RouteMeasure {
  route: string;
  p50: number;
  p95: number;
  rawP50: number;
  ratio: number;
  calls: number;
  rcu: number;
  wcu: number;
}

/**
 * Times `request` (an HTTP call through the local API) `runs` times after a warm-up, records the
 * DynamoDB calls of one run, and replays those calls raw the same number of times.
 */
export async function measureRoute(
  name: string,
  request: () => Promise<BenchResponse>,
  recorder: CallRecorder,
  raw: Client,
  runs: number,
): Promise<RouteMeasure> {
  for (let i = 0; i < 5; i++) await expectOk(name, await request());
  recorder.calls = [];
  recorder.recording = true;
  await expectOk(name, await request());
  recorder.recording = false;
  const calls = [...recorder.calls];
  const times: number[] = [];
  const rawTimes: number[] = [];
  for (let i = 0; i < 3; i++) await replay(raw, calls);
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await expectOk(name, await request());
    times.push(performance.now() - t);
    rawTimes.push(await replay(raw, calls));
  }
  const p50 = percentile(times, 50);
  const rawP50 = percentile(rawTimes, 50);
  return {
    route: name,
    p50,
    p95: percentile(times, 95),
    rawP50,
    ratio: p50 / rawP50,
    calls: calls.length,
    rcu: calls.reduce((n, c) => n + c.rcu, 0),
    wcu: calls.reduce((n, c) => n + c.wcu, 0),
  };
}

/** The RCU one request of a route consumes. */
export async function rcuOf(
  request: () => Promise<BenchResponse>,
  recorder: CallRecorder,
  name: string,
): Promise<number> {
  recorder.calls = [];
  recorder.recording = true;
  await expectOk(name, await request());
  recorder.recording = false;
  return recorder.calls.reduce((n, c) => n + c.rcu, 0);
}

async function expectOk(name: string, res: BenchResponse): Promise<void> {
  const text = await res.text();
  if (!res.ok) throw new Error(`${name}: ${res.status} ${text.slice(0, 300)}`);
}

export function serverPort(server: { address(): AddressInfo | string | null }): number {
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('server has no port');
  return address.port;
}
