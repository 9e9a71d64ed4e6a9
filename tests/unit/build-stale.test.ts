/**
 * scripts/build.mjs isStale(), which bin/ariadne.mjs asks on every start: dist/ is rebuilt when a source
 * of the Node side or a vendored package is newer than the last build's stamp, or when there is no stamp
 * (a fresh clone), and not for the web app or test files (built and run elsewhere).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';

// A plain .mjs build script: typed here by what this test calls.
const { isStale } = (await import('../../scripts/build.mjs' as string)) as {
  isStale: (src: string, stamp: string, modules?: string) => boolean;
};

let root: string;
const file = (rel: string, when: number) => {
  const full = path.join(root, rel);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, '');
  fs.utimesSync(full, when, when);
};
// Seconds since the epoch, far in the future so the build script itself is older than every stamp.
const BUILT = 4_000_000_000;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ariadne-stale-'));
  file('src/domain/a.ts', BUILT - 10);
  file('src/domain/deep/b.ts', BUILT - 10);
  file('src/storage/migrations/001.sql', BUILT - 10);
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('isStale', () => {
  test('no stamp (a fresh clone or a removed dist/): stale', () => {
    expect(isStale(path.join(root, 'src'), path.join(root, 'dist/.node-build.json'))).toBe(true);
  });

  test('a stamp newer than every source: not stale; a source, however deep, or a data file edited since: stale', () => {
    const [src, stamp] = [path.join(root, 'src'), path.join(root, 'dist/.node-build.json')];
    file('dist/.node-build.json', BUILT);
    expect(isStale(src, stamp)).toBe(false);
    file('src/domain/deep/b.ts', BUILT + 5);
    expect(isStale(src, stamp)).toBe(true);
    file('src/domain/deep/b.ts', BUILT - 10);
    file('src/storage/migrations/002.sql', BUILT + 5);
    expect(isStale(src, stamp)).toBe(true);
  });

  test('a vendored package (bundled into dist/vendor/) reinstalled since the build: stale', () => {
    const [src, stamp, modules] = ['src', 'dist/.node-build.json', 'node_modules'].map((p) => path.join(root, p));
    file('dist/.node-build.json', BUILT);
    file('node_modules/commander/package.json', BUILT - 10);
    file('node_modules/other/package.json', BUILT + 5);
    expect(isStale(src, stamp, modules)).toBe(false);
    file('node_modules/csv-parse/package.json', BUILT + 5);
    expect(isStale(src, stamp, modules)).toBe(true);
  });

  test('the web app and test files do not make dist/ stale', () => {
    const [src, stamp] = [path.join(root, 'src'), path.join(root, 'dist/.node-build.json')];
    file('dist/.node-build.json', BUILT);
    file('src/web/App.tsx', BUILT + 5);
    file('src/domain/a.test.ts', BUILT + 5);
    expect(isStale(src, stamp)).toBe(false);
  });
});
