/**
 * Once per `vitest run` of the browser tier: a run id shared by every test file, so the seeded templates
 * each harness copies (support/harness.ts) are built once per run and removed at its end: the data
 * directories, and on PostgreSQL the template databases.
 */
import fs from 'node:fs';
import type { TestProject } from 'vitest/node';
import { adminClient, dropRunTemplates, newRunId } from '../../integration/support/templates';
import { browserDatabasePrefix, templateDirsOf } from './template-dirs';

export default function setup({ provide }: TestProject): () => Promise<void> {
  const runId = newRunId();
  provide('ariadneTestRunId', runId);
  return async () => {
    for (const dir of templateDirsOf(runId)) fs.rmSync(dir, { recursive: true, force: true });
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (serverUrl === undefined) return;
    // A file that failed before its harness closed leaves its database behind.
    await adminClient(serverUrl, async (c) => {
      const left = await c.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE starts_with(datname, $1)`,
        [browserDatabasePrefix(runId)],
      );
      for (const { datname } of left.rows) await c.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    });
    await dropRunTemplates(serverUrl, runId);
  };
}
