/**
 * Large export files written in a worker thread, so a big workbook or CSV
 * never holds the event loop (and every other organisation's requests).
 * Access was checked by the service that produced the data.
 */
import type { CohortAggregates, CohortProvenance } from '../domain/outcomes';
import type { HtcdsRecord } from '../domain/statistics';
import type { Actor } from '../policies/policies';
import type { AppContext } from './context';
import { runInWorker } from './workers';

/** The outcome cohort as an .xlsx workbook. */
export async function cohortXlsx(
  ctx: AppContext,
  actor: Actor,
  cohort: CohortAggregates,
  provenance: CohortProvenance,
): Promise<Buffer> {
  return Buffer.from(
    await runInWorker(ctx, 'export.cohort-xlsx', { cohort, provenance }, { organisationId: actor.organisationId }),
  );
}

/** The de-identified HTCDS records as CSV. */
export async function htcdsCsv(ctx: AppContext, actor: Actor, records: HtcdsRecord[]): Promise<string> {
  return runInWorker(ctx, 'export.htcds-csv', { records }, { organisationId: actor.organisationId });
}
