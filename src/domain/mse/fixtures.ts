/** Test helper: loads the reference capture tables copied from SparseMSE's data sets (counts only). */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCaptureCsv } from './csv';
import type { CaptureTable } from './table';

export const FIXTURE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

export type ReferenceName = 'artificial_3' | 'western' | 'neworl_5' | 'ned_5' | 'uk_6';

/** Reads and parses one reference table from src/domain/mse/fixtures. */
export function loadReference(name: ReferenceName): CaptureTable {
  return parseCaptureCsv(fs.readFileSync(path.join(FIXTURE_DIR, `${name}.csv`), 'utf8'));
}
