/**
 * Once per `vitest run` of the browser tier: a run id shared by every test file, so the seeded templates
 * each harness copies (support/harness.ts) are built once per run and removed at its end: the data
 * directories, and on PostgreSQL the template databases.
 */
import fs from 'node:fs';
import type { TestProject } from 'vitest/node';
import { adminClient, dropRunTemplates, newRunId } from '../../integration/support/templates';
import { BROWSER_DATABASE, browserDatabasePrefix, isOldRunName, templateDirsOf } from './template-dirs';

export default function setup({ provide }: TestProject): () => Promise<void> {
  const runId = newRunId();
  provide('ariadneTestRunId', runId);
  return async () => {
    for (const dir of templateDirsOf(runId)) fs.rmSync(dir, { recursive: true, force: true });
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (serverUrl === undefined) return;
    // A file that failed before its harness closed leaves its database behind, and a run that crashed all of them.
    await adminClient(serverUrl, async (c) => {
      const left = await c.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE starts_with(datname, $1)`,
        [BROWSER_DATABASE],
      );
      for (const { datname } of left.rows)
        if (datname.startsWith(browserDatabasePrefix(runId)) || isOldRunName(datname, BROWSER_DATABASE))
          await c.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    });
    await dropRunTemplates(serverUrl, runId);
  };
}
