import type { BuildOptions } from 'esbuild';

/**
 * How every function is bundled, in one place: the CDK construct (NodejsFunction runs the
 * local esbuild with these settings) and the bundle budget (`npm run bench`,
 * `npm run check:bundles`) build exactly the same bundle.
 */
export const BUNDLE = {
  format: 'esm',
  target: 'node22',
  // ESM builds of dependencies first, so tree shaking works on them.
  mainFields: ['module', 'main'],
  /**
   * ESM output still meets CommonJS dependencies (parts of the SDK call `require`), which ESM
   * does not define: the banner gives the bundle a real `require`.
   */
  banner:
    "import { createRequire as __pascarehabCreateRequire } from 'node:module'; const require = __pascarehabCreateRequire(import.meta.url);",
  minify: true,
  sourceMap: true,
  // Source maps without embedded sources: smaller packages; the sources are in the repo.
  sourcesContent: false,
} as const;

/** The same settings for esbuild's own API (the budget and the bench). */
export function esbuildOptions(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: BUNDLE.format,
    target: BUNDLE.target,
    mainFields: [...BUNDLE.mainFields],
    banner: { js: BUNDLE.banner },
    minify: BUNDLE.minify,
    sourcemap: BUNDLE.sourceMap,
    sourcesContent: BUNDLE.sourcesContent,
    metafile: true,
    logLevel: 'silent',
  };
}
