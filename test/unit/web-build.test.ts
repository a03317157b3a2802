import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { staleReason } from '../../scripts/local/web-build';

/** When `npm start` and the tests rebuild the forms (scripts/local/web-build.ts). */
const dist = mkdtempSync(join(tmpdir(), 'pascarehab-dist-'));
afterAll(() => rmSync(dist, { recursive: true, force: true }));

const hashOf = (repoFile: string) =>
  createHash('sha256')
    .update(readFileSync(new URL(`../../${repoFile}`, import.meta.url)))
    .digest('hex');

function stamp(files: Record<string, string>) {
  writeFileSync(join(dist, '.build-inputs.json'), JSON.stringify({ files }));
}

describe('web build staleness', () => {
  it('builds when there is no build yet', () => {
    expect(staleReason(dist)).toBe('no build yet');
    stamp({ 'package.json': hashOf('package.json') });
    expect(staleReason(dist)).toBe('no build yet'); // a stamp without index.html is no build
  });

  it('keeps a build whose inputs are unchanged, and rebuilds when one changed or is gone', () => {
    writeFileSync(join(dist, 'index.html'), '<!doctype html>');
    stamp({ 'package.json': hashOf('package.json'), 'web/index.html': hashOf('web/index.html') });
    expect(staleReason(dist)).toBeNull();
    stamp({ 'package.json': hashOf('package.json'), 'web/index.html': 'an older version' });
    expect(staleReason(dist)).toBe('web/index.html changed');
    stamp({ 'web/src/removed.ts': 'whatever' });
    expect(staleReason(dist)).toBe('web/src/removed.ts changed');
  });
});
