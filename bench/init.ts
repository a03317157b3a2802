import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { median } from './stats';

/**
 * Module init of a bundle: a fresh `node` process imports it and reports how long the import
 * took (what a Lambda cold start spends in our code before the first request), never counting
 * Node's own start. Runs are interleaved with the baseline so that machine load hits both alike.
 */
export function importMs(file: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(String(performance.now() - t));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, AWS_REGION: 'ap-southeast-3', LOG_LEVEL: 'SILENT' },
    timeout: 60_000,
  });
  const ms = Number(run.stdout);
  if (run.status !== 0 || !Number.isFinite(ms)) throw new Error(`import of ${file} failed: ${run.stderr}`);
  return ms;
}

export interface InitResult {
  ms: number;
  baselineMs: number;
  ratio: number;
  runs: number;
}

/** Median import time of `file` and of `baseline`, `runs` times each, interleaved. */
export function measureInit(file: string, baseline: string, runs: number): InitResult {
  const own: number[] = [];
  const base: number[] = [];
  importMs(file); // warm the file cache for both
  importMs(baseline);
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      base.push(importMs(baseline));
      own.push(importMs(file));
    } else {
      own.push(importMs(file));
      base.push(importMs(baseline));
    }
  }
  const ms = median(own);
  const baselineMs = median(base);
  return { ms, baselineMs, ratio: ms / baselineMs, runs };
}
