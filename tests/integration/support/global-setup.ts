/**
 * Once per `vitest run` of the integration tier: a run id shared by every test file's worker, so
 * the templates built on first use (support/templates.ts) are built once per run, and removed at its end;
 * and dist/ brought up to date.
 */
import type { TestProject } from 'vitest/node';
import { buildNode, isStale } from '../../../scripts/build.mjs';
import { dropRunTemplates, newRunId } from './templates';

export default async function setup({ provide }: TestProject): Promise<() => Promise<void>> {
  // Tests that spawn the CLI run the compiled one (bin/ariadne.mjs with ARIADNE_NO_BUILD=1): built here once,
  // not by several workers at a time, and not transpiled at run time on every spawn.
  if (isStale()) await buildNode();
  const runId = newRunId();
  provide('ariadneTestRunId', runId);
  return () => dropRunTemplates(process.env.TEST_DATABASE_URL, runId);
}
