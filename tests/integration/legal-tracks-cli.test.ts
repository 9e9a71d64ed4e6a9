/**
 * `ariadne legal-tracks list|show|add` end to end on a fresh file-backed PGlite with the demo
 * organisations (issue #17): an administrator adds a country from a JSON file, a caseworker may not,
 * and the shipped tracks list with their steps.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cliRunner } from './support/cli';

let dataDir: string;

const run = cliRunner(() => dataDir);

/** Runs one command in-process; a non-zero exit code rejects with what it wrote to stderr. */
async function ariadne(...args: string[]): Promise<any> {
  const { code, out, err } = await run(...args);
  if (code !== 0) throw new Error(`ariadne ${args.join(' ')} exited with ${code}: ${err}`);
  return out;
}

describe('ariadne legal-tracks', () => {
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'ariadne-cli-tracks-'));
    await ariadne('seed-demo', '--cases', '1', '--json');
  }, 120_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  test('list, show, and add by an administrator only', async () => {
    const worker = ['--org', 'north', '--as', 'caseworker@north.demo.test', '--json'];
    const admin = ['--org', 'north', '--as', 'admin@north.demo.test', '--json'];
    const listed = await ariadne('legal-tracks', 'list', ...worker);
    expect(listed.tracks.map((t: { country: string }) => t.country)).toEqual(['FR', 'IT', 'NL', 'SK']);
    const it = await ariadne('legal-tracks', 'show', 'IT', ...worker);
    expect(it.track.steps.map((s: { code: string }) => s.code)).toEqual(['art13', 'art18']);
    const file = path.join(dataDir, 'gb.json');
    writeFileSync(
      file,
      JSON.stringify({
        country: 'GB',
        label: { en: 'United Kingdom' },
        steps: [
          {
            code: 'recovery',
            label: { en: 'Recovery period' },
            kind: 'reflection_period',
            duration: { unit: 'days', fixed: 30 },
          },
        ],
      }),
    );
    await expect(ariadne('legal-tracks', 'add', '--file', file, ...worker)).rejects.toThrow();
    const added = await ariadne('legal-tracks', 'add', '--file', file, ...admin);
    expect(added).toMatchObject({
      country: 'GB',
      version: 1,
      steps: [{ code: 'recovery', startedBy: ['reflection_period'] }],
    });
    expect(
      (await ariadne('legal-tracks', 'list', ...worker)).tracks.map((t: { country: string }) => t.country),
    ).toContain('GB');
  }, 60_000);
});
