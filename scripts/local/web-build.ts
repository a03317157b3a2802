import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The forms' build (web/ -> web/dist), made on demand so that the README's two commands stay
 * true on a fresh clone: `npm start` and the browser tests call ensureWebBuild(), which builds
 * when web/dist is missing or stale and does nothing otherwise (`npm run build:web` always
 * builds).
 *
 * Stale means: any file the last build read (its module graph, as Vite reported it, minus
 * node_modules) changed, disappeared, or package-lock.json changed. A new file that nothing
 * imports yet cannot change the output; once imported, the importing file has changed.
 * Concurrent callers (a test run starts several stacks) take a lock, build into a temporary
 * directory and swap it in, so nobody serves half a build.
 */
const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const WEB_DIR = join(ROOT, 'web');
export const WEB_DIST = join(WEB_DIR, 'dist');
const STAMP = '.build-inputs.json';
const LOCK = join(WEB_DIR, '.build-lock');
const ALWAYS = [
  'web/index.html',
  'web/vite.config.ts',
  'package-lock.json',
  // Built by a plugin (not in the module graph) and copied as they are.
  'web/sw/sw.ts',
  'web/public/manifest.webmanifest',
];

interface Stamp {
  files: Record<string, string>;
}

function hashFile(path: string): string | null {
  try {
    return createHash('sha256').update(readFileSync(path)).digest('hex');
  } catch {
    return null;
  }
}

/** Why web/dist must be rebuilt, or null when it is up to date. */
export function staleReason(dist = WEB_DIST): string | null {
  let stamp: Stamp;
  try {
    stamp = JSON.parse(readFileSync(join(dist, STAMP), 'utf8')) as Stamp;
  } catch {
    return 'no build yet';
  }
  if (!existsSync(join(dist, 'index.html'))) return 'no build yet';
  for (const [file, hash] of Object.entries(stamp.files)) {
    if (hashFile(join(ROOT, file)) !== hash) return `${file} changed`;
  }
  return null;
}

async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // Someone else builds (seconds). A lock older than a minute is left by a killed build.
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > 60_000) rmSync(LOCK, { recursive: true, force: true });
      } catch {
        // gone meanwhile
      }
      if (Date.now() > deadline) throw new Error(`web build lock ${LOCK} held too long`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Builds web/ into web/dist now (npm run build:web). */
export async function buildWeb(): Promise<void> {
  const { build } = await import('vite');
  const tmp = join(WEB_DIR, `.dist-tmp-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  try {
    const output = await build({
      configFile: join(WEB_DIR, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: tmp, emptyOutDir: true },
    });
    const files = new Set(ALWAYS);
    for (const out of Array.isArray(output) ? output : [output]) {
      if (!('output' in out)) continue;
      for (const chunk of out.output) {
        if (chunk.type !== 'chunk') continue;
        for (const id of chunk.moduleIds) {
          const path = id.split('?')[0]!;
          if (path.includes('/node_modules/') || path.startsWith('\0') || !path.startsWith(ROOT)) continue;
          files.add(relative(ROOT, path));
        }
      }
    }
    // The stylesheet and index.html are read by Vite outside the JS module graph.
    files.add('web/src/style.css');
    const stamp: Stamp = { files: {} };
    for (const f of [...files].sort()) stamp.files[f] = hashFile(join(ROOT, f)) ?? '';
    writeFileSync(join(tmp, STAMP), `${JSON.stringify(stamp, null, 1)}\n`);
    const old = join(WEB_DIR, `.dist-old-${process.pid}`);
    if (existsSync(WEB_DIST)) renameSync(WEB_DIST, old);
    renameSync(tmp, WEB_DIST);
    rmSync(old, { recursive: true, force: true });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Builds web/dist when it is missing or stale; returns what it did. */
export async function ensureWebBuild(log: (line: string) => void = () => {}): Promise<'fresh' | 'built'> {
  if (staleReason() === null) return 'fresh';
  return withLock(async () => {
    const reason = staleReason(); // another process may have built it while we waited
    if (reason === null) return 'fresh';
    const started = Date.now();
    await buildWeb();
    log(`forms built (${reason}) in ${Date.now() - started} ms: web/dist`);
    return 'built';
  });
}

// `npm run build:web`
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  withLock(buildWeb).then(
    () =>
      console.log(`forms built in ${Date.now() - started} ms: ${relative(process.cwd(), WEB_DIST) || '.'}`),
    (err: Error) => {
      console.error(`build failed: ${err.message}`);
      process.exit(1);
    },
  );
}
