/** Shared benchmark plumbing: a fresh PostgreSQL database and percentile maths. */
import crypto from 'node:crypto';
import { Worker } from 'node:worker_threads';
import pg from 'pg';

export const SERVER_URL =
  process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function freshDatabase(prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(SERVER_URL);
  url.pathname = '/' + name;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: SERVER_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return NaN;
  const i = Math.min(sortedMs.length - 1, Math.max(0, Math.ceil((p / 100) * sortedMs.length) - 1));
  return sortedMs[i];
}

/** Times fn `iterations` times with `concurrency` in flight; returns sorted latencies in ms. */
export async function timeLoop(fn: () => Promise<unknown>, iterations: number, concurrency: number): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  async function worker() {
    while (next < iterations) {
      next += 1;
      const start = performance.now();
      await fn();
      latencies.push(performance.now() - start);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  return latencies.sort((a, b) => a - b);
}

/** Like timeLoop for an HTTP GET, but driven from a worker thread, as a separate load generator would be. */
export function timeGetInWorker(
  url: string,
  headers: Record<string, string>,
  iterations: number,
  concurrency: number,
): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./http-load-worker.mjs', import.meta.url), {
      workerData: { url, headers, iterations, concurrency },
    });
    worker.once('message', (latencies: number[]) => resolve(latencies.sort((a, b) => a - b)));
    worker.once('error', reject);
  });
}

/** A demo user's logged-in session against a running app: `call` sends JSON with the CSRF token and throws on 4xx/5xx. */
export async function demoSession(baseUrl: string, email: string) {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'ariadne-demo-2026' }),
  });
  const body = (await res.json()) as { csrfToken: string; organisation: { id: string } };
  const cookie = res.headers.get('set-cookie')!.split(';')[0];
  return {
    orgId: body.organisation.id,
    async call(method: string, path: string, payload?: unknown) {
      const r = await fetch(`${baseUrl}${path}`, {
        method,
        headers: { cookie, 'x-csrf-token': body.csrfToken, ...(payload ? { 'content-type': 'application/json' } : {}) },
        body: payload ? JSON.stringify(payload) : undefined,
      });
      const json = await r.json().catch(() => null);
      if (r.status >= 400) throw new Error(`${method} ${path} → ${r.status} ${JSON.stringify(json)}`);
      return json as any;
    },
  };
}
