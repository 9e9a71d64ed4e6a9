/**
 * Once per `vitest run` of the browser tier: a run id shared by every test file, so the seeded templates
 * each harness copies (support/harness.ts) are built once per run and removed at its end: the data
 * directories, and on PostgreSQL the template databases.
 */
import fs from 'node:fs';
import type { TestProject } from 'vitest/node';
import { dropRunTemplates, newRunId } from '../../integration/support/templates';
import { templateDirsOf } from './template-dirs';

export default function setup({ provide }: TestProject): () => Promise<void> {
  const runId = newRunId();
  provide('ariadneTestRunId', runId);
  return async () => {
    for (const dir of templateDirsOf(runId)) fs.rmSync(dir, { recursive: true, force: true });
    await dropRunTemplates(process.env.TEST_DATABASE_URL, runId);
  };
}
