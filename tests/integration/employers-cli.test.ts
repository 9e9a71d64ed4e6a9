/**
 * `ariadne employers list|show|add|share` end to end on a fresh file-backed PGlite with the demo
 * organisations (issue #19): north adds an employer, south (same network) does not see it until north
 * shares it, and then reads it without north's notes; a bad sector is refused. `internship-rules`:
 * an administrator sets IT to 2–5 months, a caseworker reads it but may not set it, min above max is
 * refused.
 */
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

describe('ariadne employers', () => {
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'ariadne-cli-employers-'));
    await ariadne('seed-demo', '--cases', '1', '--json');
  }, 300_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  test('add, list, share and show across the network', async () => {
    const north = ['--org', 'north', '--as', 'caseworker@north.demo.test', '--json'];
    const south = ['--org', 'south', '--as', 'caseworker@south.demo.test', '--json'];
    const added = await ariadne(
      'employers',
      'add',
      '--name',
      'Demo Bakery Forno 77',
      '--sector',
      'hospitality',
      '--territory',
      'Demo Town North',
      '--contact-person',
      'Demo Front Desk',
      ...north,
    );
    expect(added).toMatchObject({ name: 'Demo Bakery Forno 77', own: true, sharedWithNetworks: false });
    expect((await ariadne('employers', 'list', ...north)).employers.map((e: { id: string }) => e.id)).toContain(
      added.id,
    );
    expect((await ariadne('employers', 'list', ...south)).employers.map((e: { id: string }) => e.id)).not.toContain(
      added.id,
    );
    const shared = await ariadne('employers', 'share', added.id, ...north);
    expect(shared.sharedWithNetworks).toBe(true);
    const seen = await ariadne('employers', 'show', added.id, ...south);
    expect(seen).toMatchObject({ name: 'Demo Bakery Forno 77', own: false, contactPerson: 'Demo Front Desk' });
    expect(seen).not.toHaveProperty('notes');
    await ariadne('employers', 'share', added.id, '--off', ...north);
    expect((await run('employers', 'show', added.id, ...south)).code).not.toBe(0);
    const bad = await run('employers', 'add', '--name', 'X', '--sector', 'moon', '--territory', 'Y', ...north);
    expect(bad.code).not.toBe(0);
  }, 120_000);

  test('internship-rules list and set: administrators only, min not above max', async () => {
    const admin = ['--org', 'north', '--as', 'admin@north.demo.test', '--json'];
    const caseworker = ['--org', 'north', '--as', 'caseworker@north.demo.test', '--json'];
    const before = await ariadne('employers', 'internship-rules', 'list', ...caseworker);
    expect(before.default).toEqual({ minMonths: 1, maxMonths: 6 });
    const set = await ariadne(
      'employers',
      'internship-rules',
      'set',
      '--country',
      'IT',
      '--min',
      '2',
      '--max',
      '5',
      ...admin,
    );
    expect(set.rules).toContainEqual({ country: 'IT', minMonths: 2, maxMonths: 5 });
    expect((await ariadne('employers', 'internship-rules', 'list', ...caseworker)).rules).toContainEqual({
      country: 'IT',
      minMonths: 2,
      maxMonths: 5,
    });
    const denied = await run(
      'employers',
      'internship-rules',
      'set',
      '--country',
      'IT',
      '--min',
      '1',
      '--max',
      '9',
      ...caseworker,
    );
    expect(denied.code).not.toBe(0);
    const bad = await run(
      'employers',
      'internship-rules',
      'set',
      '--country',
      'IT',
      '--min',
      '5',
      '--max',
      '2',
      ...admin,
    );
    expect(bad.code).not.toBe(0);
    expect((await ariadne('employers', 'internship-rules', 'list', ...admin)).rules).toContainEqual({
      country: 'IT',
      minMonths: 2,
      maxMonths: 5,
    });
  }, 120_000);
});
