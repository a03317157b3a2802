import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The service worker (web/sw/sw.ts) as `sw.js` beside index.html: one classic script, with
 * this build's file list (every emitted file and every file of public/, source maps left out)
 * and a version made from that list and the page written in. Any change to the app changes
 * sw.js, so phones install the new build and drop the old one.
 */
function serviceWorker(): Plugin {
  return {
    name: 'pascarehab-service-worker',
    apply: 'build',
    // After Vite's own plugins, so that index.html is in the bundle.
    enforce: 'post',
    async generateBundle(_options, bundle) {
      const emitted = Object.keys(bundle).filter((f) => !f.endsWith('.map'));
      const publicFiles = readdirSync(`${root}public`).filter((f) => !f.startsWith('.'));
      const precache = ['./', ...new Set([...emitted, ...publicFiles])].sort();
      const page = bundle['index.html'];
      const version = createHash('sha256')
        .update(JSON.stringify(precache))
        .update(page && page.type === 'asset' ? String(page.source) : '')
        .digest('hex')
        .slice(0, 16);
      const out = await esbuild({
        entryPoints: [`${root}sw/sw.ts`],
        bundle: true,
        write: false,
        format: 'iife',
        target: 'es2022',
        minify: true,
        legalComments: 'none',
        define: { __PRECACHE__: JSON.stringify(precache), __BUILD__: JSON.stringify(version) },
      });
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: out.outputFiles[0]?.text ?? '' });
    },
  };
}

/**
 * The officers' forms: TypeScript in web/src, bundled with the server's own zod schemas and
 * vocabulary from shared/ (one set of rules for the forms and the API). `npm run build:web`
 * writes web/dist; `npm start` and the browser tests build it themselves when it is missing or
 * stale (scripts/local/web-build.ts).
 */
export default defineConfig({
  root,
  // Relative asset URLs: the same build serves at /app/ locally and at / behind CloudFront.
  base: './',
  // shared/config.ts reads the handlers' settings from process.env; in the browser the same
  // names come from /app/config.json (web/src/config.ts fills this object before any schema
  // is used), so the schemas judge dates in the province's time zone and offices by its list.
  define: { 'process.env': 'globalThis.__PASCAREHAB_ENV__' },
  plugins: [serviceWorker()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // No inline script anywhere (the CSP forbids it): the preload polyfill would be one.
    modulePreload: { polyfill: false },
    sourcemap: true,
    reportCompressedSize: false,
  },
  server: { strictPort: false },
});
