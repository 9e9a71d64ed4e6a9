/**
 * The recorded values of one custom form across the organisation, for its CSV export: current
 * records only (a corrected record's earlier version and a voided one are history), the clear
 * part only. Sealed values are never selected, so no export can carry them by mistake.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema';

export interface FormValuesRow {
  caseReference: string;
  kind: string;
  /** The record's clear data: `{ form, version, values }`, or the kind's data with `custom` in it. */
  data: Record<string, unknown>;
  recordedAt: Date;
}

export const formValuesRepo = {
  ofForm: (db: Kysely<DB>, organisationId: string, code: string): Promise<FormValuesRow[]> =>
    db
      .selectFrom('case_entries as e')
      .innerJoin('cases as c', (join) =>
        join.onRef('c.id', '=', 'e.case_id').onRef('c.organisation_id', '=', 'e.organisation_id'),
      )
      .select(['c.reference as caseReference', 'e.kind', 'e.data', 'e.recorded_at as recordedAt'])
      .where('e.organisation_id', '=', organisationId)
      .where('e.current', '=', true)
      .where((eb) =>
        eb.or([
          eb.and([eb('e.kind', '=', 'custom_form'), eb(sql`e.data->>'form'`, '=', code)]),
          eb(sql`e.data->'custom'->>'form'`, '=', code),
        ]),
      )
      .orderBy('e.recorded_at')
      .orderBy('e.id')
      .execute() as Promise<FormValuesRow[]>,
};
