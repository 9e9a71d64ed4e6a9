/**
 * Once per `vitest run` of the browser tier: a run id shared by every test file, so the seeded data
 * directory each harness copies (support/harness.ts) is built once per run and removed at its end.
 */
import fs from 'node:fs';
import type { TestProject } from 'vitest/node';
import { newRunId } from '../../integration/support/templates';
import { templateDirsOf } from './template-dirs';

export default function setup({ provide }: TestProject): () => void {
  const runId = newRunId();
  provide('ariadneTestRunId', runId);
  return () => {
    for (const dir of templateDirsOf(runId)) fs.rmSync(dir, { recursive: true, force: true });
  };
}
