/**
 * Once per `vitest run` of the integration tier: a run id shared by every test file's worker, so
 * the templates built on first use (support/templates.ts) are built once per run, and removed at its end.
 */
import type { TestProject } from 'vitest/node';
import { dropRunTemplates, newRunId } from './templates';

export default function setup({ provide }: TestProject): () => Promise<void> {
  const runId = newRunId();
  provide('ariadneTestRunId', runId);
  return () => dropRunTemplates(process.env.TEST_DATABASE_URL, runId);
}
