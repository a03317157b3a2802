import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

export interface LocalStack {
  baseUrl: string;
  dynamodbEndpoint: string;
  dataDir: string;
  process: ChildProcess;
  output: () => string;
  /** Resolves when the stack has printed a line matching `pattern`. */
  waitFor(pattern: RegExp, ms?: number): Promise<void>;
  /** SIGTERM and wait for the process to exit. */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

/** Runs scripts/start.ts (what `npm start` runs) and waits for its "ready" line. */
export async function startLocalStack(
  options: { dataDir?: string; env?: Record<string, string> } = {},
): Promise<LocalStack> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'pascarehab-test-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: '0',
      DYNAMODB_PORT: '0',
      S3_PORT: '0',
      SEED_DEMO: '0',
      LOG_LEVEL: 'WARN',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const baseUrl = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`local stack not ready in 90 s:\n${output}`)), 90_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /ready at (http:\/\/\S+)/.exec(output);
      if (m?.[1]) {
        clearTimeout(timer);
        resolveUrl(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`local stack exited (${code}):\n${output}`));
    });
  });
  const dynamodbEndpoint = /DynamoDB Local (http:\/\/\S+)/.exec(output)?.[1] ?? '';
  return {
    baseUrl,
    dynamodbEndpoint,
    dataDir,
    process: child,
    output: () => output,
    async waitFor(pattern: RegExp, ms = 60_000) {
      const end = Date.now() + ms;
      while (!pattern.test(output)) {
        if (Date.now() > end || child.exitCode !== null) throw new Error(`no ${pattern} in:\n${output}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async stop({ keepData = false } = {}) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      if (!keepData && !options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
