/**
 * `ariadne sync conflicts list|resolve` and `ariadne sync devices list|revoke` end to end on a fresh
 * file-backed PGlite with the demo organisations (issue #18): empty queue and device list as JSON,
 * an unknown conflict or device refused with a non-zero exit, a malformed choice refused.
 */
import crypto from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cliRunner } from './support/cli';

let dataDir: string;
const run = cliRunner(() => dataDir);

async function ariadne(...args: string[]): Promise<any> {
  const { code, out, err } = await run(...args);
  if (code !== 0) throw new Error(`ariadne ${args.join(' ')} exited with ${code}: ${err}`);
  return out;
}

describe('ariadne sync', () => {
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'ariadne-cli-sync-'));
    await ariadne('seed-demo', '--cases', '1', '--json');
  }, 120_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  test('conflicts and devices as JSON; unknown ids refused', async () => {
    const worker = ['--org', 'north', '--as', 'caseworker@north.demo.test', '--json'];
    expect(await ariadne('sync', 'conflicts', 'list', ...worker)).toEqual({ conflicts: [] });
    expect(await ariadne('sync', 'devices', 'list', ...worker)).toEqual({ devices: [] });
    const revoke = await run('sync', 'devices', 'revoke', crypto.randomUUID(), ...worker);
    expect(revoke.code).not.toBe(0);
    const resolve = await run('sync', 'conflicts', 'resolve', crypto.randomUUID(), '--take', 'text=mine', ...worker);
    expect(resolve.code).not.toBe(0);
    const malformed = await run('sync', 'conflicts', 'resolve', crypto.randomUUID(), '--take', 'text=both', ...worker);
    expect(malformed.code).not.toBe(0);
    // Auditors do not sync.
    const auditor = await run('sync', 'devices', 'list', '--org', 'north', '--as', 'auditor@north.demo.test', '--json');
    expect(auditor.code).not.toBe(0);
  });
});
