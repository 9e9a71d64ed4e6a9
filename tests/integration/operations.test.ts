/**
 * Operations that cannot hurt the data, black box: real `ariadne` processes on one PGlite data
 * directory. A second process next to a running server is refused with the server's pid (the
 * corruption of issue #14 came from exactly that); the lock goes with the server, also when it is
 * killed; a wrong or missing master key refuses the start and leaves the data as it was.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DataDirLockedError } from '../../src/storage/data-dir-lock';
import { openDatabase } from '../../src/storage/database';

let dataDir: string;
const running: ChildProcess[] = [];

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { DATABASE_URL: _server, ARIADNE_MASTER_KEY: _key, ...rest } = process.env;
  return {
    ...rest,
    ARIADNE_DATA_DIR: dataDir,
    ARIADNE_NO_BUILD: '1',
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    PORT: '0',
    ...extra,
  };
}

/**
 * The compiled CLI, as `ariadne` runs it (dist/ is brought up to date by the global setup): bin/ariadne.mjs
 * imports it in its own process, so the child's pid is the process that holds the lock.
 */
const BIN = path.resolve('bin/ariadne.mjs');

function spawnCli(
  args: string[],
  extra: Record<string, string> = {},
): { child: ChildProcess; exit: Promise<Exit>; output: () => string } {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: env(extra),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => {
    stdout += c.toString();
  });
  child.stderr!.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  const exit = new Promise<Exit>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { child, exit, output: () => stdout + stderr };
}

const cli = (args: string[], extra?: Record<string, string>) => spawnCli(args, extra).exit;

async function startServer(extra?: Record<string, string>): Promise<{ child: ChildProcess; exit: Promise<Exit> }> {
  const server = spawnCli(['start', '--no-seed'], extra);
  const started = Date.now();
  while (!/is running on/.test(server.output())) {
    const ended = await Promise.race([server.exit, new Promise((r) => setTimeout(r, 200)).then(() => undefined)]);
    if (ended) throw new Error(`the server exited (${ended.code}): ${ended.stderr}`);
    if (Date.now() - started > 120_000) throw new Error('the server did not start in time');
  }
  return server;
}

/** What a start must not change: keys, schema, audit entries and identities, read in this process. */
async function fingerprint(): Promise<string> {
  const db = await openDatabase({ dataDir });
  try {
    const keys = await db.system
      .selectFrom('organisation_keys')
      .select(['organisation_id', 'purpose', 'version', 'wrapped_key', 'active'])
      .orderBy('organisation_id')
      .orderBy('purpose')
      .orderBy('version')
      .execute();
    const migrations = await db.system
      .selectFrom('schema_migrations')
      .select(['version', 'checksum'])
      .orderBy('version')
      .execute();
    const persons = await db.system.selectFrom('persons').select(['id', 'identity_enc']).orderBy('id').execute();
    const audit = await db.system
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return crypto
      .createHash('sha256')
      .update(JSON.stringify({ keys, migrations, persons, audit: Number(audit.n) }))
      .digest('hex');
  } finally {
    await db.close();
  }
}

const keyFile = () => path.join(dataDir, 'master.key');
const lockDir = () => path.join(dataDir, 'ariadne.lock');

describe('one process per embedded store, and a master key that fits the data', () => {
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ariadne-ops-'));
    const seeded = await cli(['seed-demo', '--cases', '4', '--json']);
    expect(seeded.code, seeded.stderr).toBe(0);
  }, 180_000);
  afterAll(() => {
    for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('a second process on a live PGlite directory refuses with the server pid; the lock goes with the server, also after SIGKILL', async () => {
    const server = await startServer();
    const pid = server.child.pid!;
    for (const args of [
      ['audit', 'verify', '--json'],
      ['keys', 'rotate-data-key', '--org', 'north', '--json'],
      ['migrate', '--json'],
    ]) {
      const refused = await cli(args);
      expect(refused.code).not.toBe(0);
      const body = JSON.parse(refused.stdout);
      expect(body).toMatchObject({ ok: false, error: { code: 'data_dir_locked', pid } });
      expect(refused.stderr).toContain(`pid ${pid}`);
    }
    // A second server is refused alike, without --json.
    const second = await cli(['start', '--no-seed']);
    expect(second.code).not.toBe(0);
    expect(second.stderr).toMatch(new RegExp(`in use by another Ariadne process \\(pid ${pid}`));

    server.child.kill('SIGTERM');
    await server.exit;
    expect(fs.existsSync(lockDir())).toBe(false);
    const after = await cli(['audit', 'verify', '--json']);
    expect(after.code, after.stderr).toBe(0);
    expect(JSON.parse(after.stdout).ok).toBe(true);

    // Killed without a chance to clean up: the lock stays behind, but its pid is dead.
    const killed = await startServer();
    killed.child.kill('SIGKILL');
    await killed.exit;
    expect(fs.existsSync(lockDir())).toBe(true);
    const recovered = await cli(['audit', 'verify', '--json']);
    expect(recovered.code, recovered.stderr).toBe(0);
    expect(JSON.parse(recovered.stdout).ok).toBe(true);
  }, 600_000);

  test('two opens of one directory in one process are refused too', async () => {
    const db = await openDatabase({ dataDir });
    try {
      await expect(openDatabase({ dataDir })).rejects.toBeInstanceOf(DataDirLockedError);
      await expect(openDatabase({ dataDir })).rejects.toMatchObject({ owner: { pid: process.pid } });
    } finally {
      await db.close();
    }
  }, 120_000);

  test('a start with the wrong master key refuses with a clear message and changes nothing', async () => {
    const before = await fingerprint();
    const keyBefore = fs.readFileSync(keyFile(), 'utf8');
    const wrong = { ARIADNE_MASTER_KEY: crypto.randomBytes(32).toString('base64') };
    const start = await cli(['start', '--no-seed'], wrong);
    expect(start.code).not.toBe(0);
    expect(start.stderr).toMatch(/master key does not unwrap the data keys of 3 of 3 organisations/);
    expect(start.stderr).toMatch(/nothing was changed/);
    const verify = await cli(['audit', 'verify', '--json'], wrong);
    expect(verify.code).not.toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({
      ok: false,
      error: { code: 'master_key_mismatch', organisations: ['east', 'north', 'south'] },
    });
    expect(await fingerprint()).toBe(before);
    expect(fs.readFileSync(keyFile(), 'utf8')).toBe(keyBefore);
  }, 300_000);

  test('a start without the key file when data exists refuses and does not generate a new one', async () => {
    const before = await fingerprint();
    const saved = path.join(os.tmpdir(), `ariadne-ops-key-${process.pid}`);
    fs.renameSync(keyFile(), saved);
    try {
      const start = await cli(['start', '--no-seed']);
      expect(start.code).not.toBe(0);
      expect(start.stderr).toMatch(
        /No master key: .*master\.key does not exist, but the database already holds 3 organisations/,
      );
      expect(fs.existsSync(keyFile())).toBe(false);
      const verify = await cli(['audit', 'verify', '--json']);
      expect(JSON.parse(verify.stdout)).toMatchObject({
        ok: false,
        error: { code: 'master_key_missing', keyFile: keyFile() },
      });
      expect(fs.existsSync(keyFile())).toBe(false);
    } finally {
      fs.renameSync(saved, keyFile());
    }
    expect(await fingerprint()).toBe(before);
    const back = await cli(['audit', 'verify', '--json']);
    expect(back.code, back.stderr).toBe(0);
  }, 300_000);

  test('the key file is found from any working directory: the data directory is resolved once, to an absolute path', async () => {
    const relative = path.relative(os.tmpdir(), dataDir);
    const child = spawn(process.execPath, [BIN, 'audit', 'verify', '--json'], {
      cwd: os.tmpdir(),
      env: { ...env(), ARIADNE_DATA_DIR: relative },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(JSON.parse(stdout).ok).toBe(true);
  }, 120_000);
});
