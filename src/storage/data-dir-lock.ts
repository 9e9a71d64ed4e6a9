/**
 * One process per embedded database directory. PGlite is a single-process engine: a second
 * process opening the same folder (a CLI command next to a running server) writes pages and
 * WAL the first one does not know about, and silently corrupts the store. So every PGlite open
 * takes an exclusive lock on the folder first, held for the life of the process.
 *
 * The lock itself is proper-lockfile's atomic mkdir (`ariadne.lock`), released on close and on
 * exit (also after SIGINT/SIGTERM). Beside it `ariadne.lock.owner` names the holder's pid, so a
 * refusal can say which process to stop, and a lock left by a killed process (SIGKILL, power
 * loss) is recognised at once because its pid is no longer alive. proper-lockfile's own
 * mtime-based staleness is switched off: a server whose event loop stalls (a heavy query on the
 * single-threaded engine) must never lose its lock to a newcomer.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';

export const LOCK_DIR = 'ariadne.lock';
export const LOCK_OWNER_FILE = 'ariadne.lock.owner';

/** Both files are the lock, not data: a backup of the folder leaves them out. */
export const LOCK_FILES = [LOCK_DIR, LOCK_OWNER_FILE];

/** Long enough that proper-lockfile never judges a live lock stale by its mtime (timers cap at 2^31 ms). */
const NEVER_STALE_MS = 2 ** 31 - 1;

export interface LockOwner {
  pid: number;
  hostname: string;
  startedAt: string;
  /** What the holder runs, e.g. `ariadne start`: arguments are left out, they may carry values. */
  command: string;
}

/** Another live process holds the folder: the CLI prints it with its code and the holder's pid. */
export class DataDirLockedError extends Error {
  readonly code = 'data_dir_locked';
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner | undefined,
  ) {
    super(
      owner
        ? `The data directory ${dataDir} is in use by another Ariadne process (pid ${owner.pid}${owner.hostname !== os.hostname() ? ` on ${owner.hostname}` : ''}, \`${owner.command}\`, since ${owner.startedAt}). ` +
            'Only one process may open an embedded database: stop that process first (or use PostgreSQL with DATABASE_URL to run several).'
        : `The data directory ${dataDir} is being opened by another Ariadne process. Only one process may open an embedded database.`,
    );
    this.name = 'DataDirLockedError';
  }

  get details() {
    return {
      dataDir: this.dataDir,
      pid: this.owner?.pid,
      hostname: this.owner?.hostname,
      command: this.owner?.command,
      since: this.owner?.startedAt,
    };
  }
}

/** Folders this process holds: a second open in the same process is refused too (two PGlite instances on one folder corrupt it alike). */
const held = new Map<string, () => Promise<void>>();

function readOwner(dataDir: string): LockOwner | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_OWNER_FILE), 'utf8')) as LockOwner;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether the existing lock belongs to no live process. A lock from another host cannot be
 * judged by pid and counts as live. Our own pid without an entry in `held` is a previous life
 * of this pid (a container restarted: the server is pid 1 again).
 */
function isStale(dataDir: string, owner: LockOwner | undefined): boolean {
  if (!owner) {
    // The holder creates the lock, then writes its owner file: a lock without one is either being
    // taken right now or was left by a crash between the two steps.
    try {
      return Date.now() - fs.statSync(path.join(dataDir, LOCK_DIR)).mtimeMs > 10_000;
    } catch {
      return true;
    }
  }
  if (owner.hostname !== os.hostname()) return false;
  if (owner.pid === process.pid) return !held.has(dataDir);
  return !isAlive(owner.pid);
}

async function ownerOf(dataDir: string): Promise<LockOwner | undefined> {
  for (let i = 0; i < 20; i++) {
    const owner = readOwner(dataDir);
    if (owner) return owner;
    await new Promise((r) => setTimeout(r, 100));
  }
  return undefined;
}

function tryLock(dataDir: string) {
  return lockfile.lock(dataDir, {
    realpath: false,
    lockfilePath: path.join(dataDir, LOCK_DIR),
    stale: NEVER_STALE_MS,
    update: NEVER_STALE_MS / 2,
    retries: 0,
    // Someone removed the lock under us: say so, but do not crash a server in the middle of writes.
    onCompromised: () =>
      process.stderr.write(
        `ariadne: the lock on ${dataDir} was removed by someone else; stop any other process using this folder\n`,
      ),
  });
}

/**
 * Takes the exclusive lock on an embedded database folder or throws DataDirLockedError.
 * Returns the release function (idempotent); the lock also goes when the process exits.
 */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  const dataDir = path.resolve(dir);
  if (held.has(dataDir)) throw new DataDirLockedError(dataDir, readOwner(dataDir));
  fs.mkdirSync(dataDir, { recursive: true });
  let release: () => Promise<void>;
  try {
    release = await tryLock(dataDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    const owner = await ownerOf(dataDir);
    if (!isStale(dataDir, owner)) throw new DataDirLockedError(dataDir, owner);
    // Left by a process that is gone: take it over. Should another newcomer win the race, it is
    // now the live holder and this attempt is refused like any other.
    fs.rmSync(path.join(dataDir, LOCK_DIR), { recursive: true, force: true });
    try {
      release = await tryLock(dataDir);
    } catch (again) {
      if ((again as NodeJS.ErrnoException).code === 'ELOCKED')
        throw new DataDirLockedError(dataDir, await ownerOf(dataDir));
      throw again;
    }
  }
  const owner: LockOwner = {
    pid: process.pid,
    hostname: os.hostname(),
    startedAt: new Date().toISOString(),
    command: commandName(),
  };
  const ownerFile = path.join(dataDir, LOCK_OWNER_FILE);
  fs.writeFileSync(ownerFile, JSON.stringify(owner) + '\n', { mode: 0o644 });
  // proper-lockfile removes its directory on exit; the owner file goes with it.
  const onExit = () => {
    try {
      fs.rmSync(ownerFile, { force: true });
    } catch {
      /* exiting anyway */
    }
  };
  process.once('exit', onExit);
  let released = false;
  const unlock = async () => {
    if (released) return;
    released = true;
    held.delete(dataDir);
    process.removeListener('exit', onExit);
    onExit();
    await release().catch(() => {});
  };
  held.set(dataDir, unlock);
  return unlock;
}

/** `ariadne <subcommand>` without option values, or the script name outside the CLI. */
function commandName(): string {
  const script = path.basename(process.argv[1] ?? 'node');
  if (!/main\.ts$|ariadne/.test(script)) return script;
  // The subcommand and, for a group, its member; never a later positional (it may be a value).
  const [first, second] = process.argv.slice(2);
  const group = ['audit', 'keys', 'export'].includes(first ?? '') && second && /^[a-z-]+$/.test(second);
  return first && /^[a-z-]+$/.test(first) ? `ariadne ${first}${group ? ` ${second}` : ''}` : 'ariadne';
}

/** The current holder of a folder's lock, if a live process holds it (for status and tests). */
export function lockOwner(dir: string): LockOwner | undefined {
  const dataDir = path.resolve(dir);
  if (!fs.existsSync(path.join(dataDir, LOCK_DIR))) return undefined;
  const owner = readOwner(dataDir);
  return owner && !isStale(dataDir, owner) ? owner : undefined;
}
