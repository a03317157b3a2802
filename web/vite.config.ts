import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The officers' forms: TypeScript in web/src, bundled with the server's own zod schemas and
 * vocabulary from shared/ (one set of rules for the forms and the API). `npm run build:web`
 * writes web/dist; `npm start` and the browser tests build it themselves when it is missing or
 * stale (scripts/local/web-build.ts).
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Relative asset URLs: the same build serves at /app/ locally and at / behind CloudFront.
  base: './',
  // shared/config.ts reads the handlers' settings from process.env; in the browser the same
  // names come from /app/config.json (web/src/config.ts fills this object before any schema
  // is used), so the schemas judge dates in the province's time zone and offices by its list.
  define: { 'process.env': 'globalThis.__PASCAREHAB_ENV__' },
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
