/**
 * The one validated configuration module. Nothing else reads process.env:
 * the server refuses to start when the configuration is invalid.
 */
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * The default data folder is `data/` in the installation, not in the working directory: a
 * command run from another folder must find the same database and master key file, not
 * create an empty database with a new key beside it.
 */
const DEFAULT_DATA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data');

const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** PostgreSQL connection string; when absent the embedded PGlite database is used. */
  DATABASE_URL: z.string().startsWith('postgres').optional(),
  /** Folder for the embedded database and the development master key file. */
  ARIADNE_DATA_DIR: z.string().default(DEFAULT_DATA_DIR),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('127.0.0.1'),
  /** base64 of 32 random bytes; wraps every organisation's data key. Required in production. */
  ARIADNE_MASTER_KEY: z.string().optional(),
  /** Secure cookies are forced on in production and may be forced on elsewhere. */
  ARIADNE_SECURE_COOKIES: booleanFlag.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * How often the server seals pending audit entries and signs a checkpoint; 0 turns the timer off.
   * Default 1000, but 0 under NODE_ENV=test: tests seal on demand, so no row changes behind them.
   */
  AUDIT_SEAL_INTERVAL_MS: z.coerce.number().int().min(0).optional(),
  /**
   * Background jobs in this server: `on` works every queue and runs the schedules (session purge,
   * reminders); `own` works only the jobs its own requests start (the default under NODE_ENV=test, so
   * nothing runs behind a test); `off` only enqueues, for servers that leave the work to others.
   */
  ARIADNE_JOBS: z.enum(['on', 'own', 'off']).optional(),
  /** A job whose worker has not heart-beaten for this long is retried once, then marked failed. */
  JOB_HEARTBEAT_SECONDS: z.coerce.number().int().min(10).default(30),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  /** A session unused for this long ends, whatever its absolute lifetime. */
  SESSION_IDLE_MINUTES: z.coerce.number().positive().default(30),
  /** Login attempts per client address per minute, on top of the per-account lockout. */
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(20),
  /** Login attempts per account (the email sent) per minute; no header changes this key. Default: the per-address limit. */
  LOGIN_ACCOUNT_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().optional(),
  /** Worker threads for MSE fits, linkage and large exports; default: one per core but one, at least one. */
  ARIADNE_WORKER_THREADS: z.coerce.number().int().min(1).max(64).optional(),
  /**
   * The Dice kernel of record linkage: `auto` (WebAssembly with SIMD where the engine has it), `wasm`
   * (WebAssembly or fail) or `js` (the JavaScript fallback). Each worker thread reads it (linkageKernelChoice).
   */
  ARIADNE_LINKAGE_KERNEL: z.enum(['auto', 'wasm', 'js']).optional(),
  /** Heavy computations (MSE, linkage, large exports) one organisation may have running or queued at once. */
  HEAVY_TASKS_PER_ORGANISATION: z.coerce.number().int().positive().default(2),
  /** Requests per user per minute to each heavy route (POST /api/mse, report and export downloads, linkage runs). */
  HEAVY_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(60),
  /** The largest attachment accepted, in bytes (default 10 MiB); a larger file is refused with 413 file_too_large. */
  ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  /**
   * Reverse proxies whose X-Forwarded-For is believed, comma-separated addresses or CIDRs.
   * Default none: the client address is the socket's, so the header cannot rotate it.
   */
  ARIADNE_TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((v, ctx) => {
      const entries = v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      for (const entry of entries)
        if (!isAddressOrCidr(entry)) ctx.addIssue({ code: 'custom', message: `not an IP address or CIDR: ${entry}` });
      return entries;
    }),
});

function isAddressOrCidr(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  const family = net.isIP(address ?? '');
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits >= 0 && bits <= (family === 4 ? 32 : 128);
}

export type AppConfig = {
  env: 'development' | 'test' | 'production';
  databaseUrl?: string;
  dataDir: string;
  port: number;
  host: string;
  masterKey?: string;
  secureCookies: boolean;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  auditSealIntervalMs: number;
  /** Which background jobs this server works (see ARIADNE_JOBS). */
  jobs: 'on' | 'own' | 'off';
  jobHeartbeatSeconds: number;
  sessionTtlHours: number;
  sessionIdleMinutes: number;
  loginRateLimitPerMinute: number;
  /** Per account; when absent the per-address limit applies per account too. */
  loginAccountRateLimitPerMinute?: number;
  /** Addresses or CIDRs of trusted reverse proxies; empty: X-Forwarded-For is ignored. */
  trustedProxies: string[];
  /** Size of the worker-thread pool for heavy computations. */
  workerThreads: number;
  heavyTasksPerOrganisation: number;
  heavyRateLimitPerMinute: number;
  /** The largest attachment accepted, in bytes (ATTACHMENT_MAX_BYTES); default 10 MiB. */
  attachmentMaxBytes?: number;
};

/**
 * ARIADNE_LINKAGE_KERNEL alone, for a worker thread that loads no AppConfig (src/workers/tasks.ts);
 * an invalid value fails there as loadConfig fails the server.
 */
export function linkageKernelChoice(source: Record<string, string | undefined> = process.env): 'auto' | 'wasm' | 'js' {
  const parsed = EnvSchema.shape.ARIADNE_LINKAGE_KERNEL.safeParse(source.ARIADNE_LINKAGE_KERNEL);
  if (!parsed.success) throw new Error('Invalid configuration: ARIADNE_LINKAGE_KERNEL must be auto, wasm or js');
  return parsed.data ?? 'auto';
}

/** Parses the environment (or a test override) into an AppConfig, failing loudly. */
export function loadConfig(source: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && !e.ARIADNE_MASTER_KEY) {
    throw new Error('Invalid configuration: ARIADNE_MASTER_KEY is required in production');
  }
  return {
    env: e.NODE_ENV,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.ARIADNE_DATA_DIR),
    port: e.PORT,
    host: e.HOST,
    masterKey: e.ARIADNE_MASTER_KEY,
    secureCookies: e.NODE_ENV === 'production' ? true : (e.ARIADNE_SECURE_COOKIES ?? false),
    logLevel: e.LOG_LEVEL,
    auditSealIntervalMs: e.AUDIT_SEAL_INTERVAL_MS ?? (e.NODE_ENV === 'test' ? 0 : 1000),
    jobs: e.ARIADNE_JOBS ?? (e.NODE_ENV === 'test' ? 'own' : 'on'),
    jobHeartbeatSeconds: e.JOB_HEARTBEAT_SECONDS,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    loginRateLimitPerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE,
    loginAccountRateLimitPerMinute: e.LOGIN_ACCOUNT_RATE_LIMIT_PER_MINUTE,
    trustedProxies: e.ARIADNE_TRUSTED_PROXIES,
    // One core stays with the event loop, so health checks and light requests answer while a fit runs.
    workerThreads: e.ARIADNE_WORKER_THREADS ?? Math.max(1, os.availableParallelism() - 1),
    heavyTasksPerOrganisation: e.HEAVY_TASKS_PER_ORGANISATION,
    heavyRateLimitPerMinute: e.HEAVY_RATE_LIMIT_PER_MINUTE,
    attachmentMaxBytes: e.ATTACHMENT_MAX_BYTES,
  };
}
