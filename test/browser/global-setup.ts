import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { type LocalStack, startLocalStack } from '../integration/stack';

/**
 * The browser tests' world, once per run: the local stack exactly as `npm start` runs it (it
 * builds the forms itself when web/dist is missing or stale), with its log kept in a file so
 * a test can check what was logged, and ONE headless Chromium (Debian's package, never a
 * downloaded browser) that every test file connects to.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Flags for this machine: root needs --no-sandbox; no background traffic (the network is closed). */
export const CHROMIUM_ARGS = [
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

let stack: LocalStack | undefined;
let browser: Awaited<ReturnType<typeof chromium.launchServer>> | undefined;

export default async function setup(project: TestProject) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  [stack, browser] = await Promise.all([
    startLocalStack({ env: { LOG_LEVEL: 'INFO' } }),
    chromium.launchServer({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS }),
  ]);
  const logFile = join(stack.dataDir, 'stack.log');
  writeFileSync(logFile, stack.output());
  const append = (d: Buffer) => appendFileSync(logFile, d);
  stack.process.stdout?.on('data', append);
  stack.process.stderr?.on('data', append);
  project.provide('baseUrl', stack.baseUrl);
  project.provide('dataDir', stack.dataDir);
  project.provide('logFile', logFile);
  project.provide('browserEndpoint', browser.wsEndpoint());
  return async () => {
    await browser?.close();
    await stack?.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    logFile: string;
    browserEndpoint: string;
  }
}
