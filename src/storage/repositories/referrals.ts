/**
 * Referrals, their notes and the consent they rest on. Only this module writes their SQL.
 * RLS shows a referral to exactly its two organisations and a note to its writer only.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema';

export interface ReferralRow {
  id: string;
  networkId: string;
  fromOrganisationId: string;
  toOrganisationId: string;
  fromCaseId: string;
  toCaseId: string | null;
  kind: string;
  status: string;
  requestedService: string;
  sharedSections: string[];
  snapshotEnc: string;
  /** Clear reason of a row written before migration 027 (until the backfill seals it). */
  declineReason: string | null;
  /** The decline reason under the sender's key and under the receiver's key. */
  declineReasonFromEnc: string | null;
  declineReasonToEnc: string | null;
  networkPersonId: string | null;
  consentWithdrawnAt: Date | null;
  /** The sender's message under the sender's key and under the receiver's key (migration 037). */
  messageFromEnc: string | null;
  messageToEnc: string | null;
  urgency: string;
  /** YYYY-MM-DD or null. */
  requestedBy: string | null;
  createdBy: string;
  createdAt: Date;
  version: number;
}

export interface NoteRow {
  id: string;
  organisationId: string;
  kind: string;
  /** Clear JSON of a row written before notes were encrypted (until the backfill). */
  data: Record<string, unknown> | null;
  dataEnc: string | null;
  createdAt: Date;
}

const referralColumns = (db: Kysely<DB>) =>
  db
    .selectFrom('referrals')
    .select([
      'id',
      'network_id as networkId',
      'from_organisation_id as fromOrganisationId',
      'to_organisation_id as toOrganisationId',
      'from_case_id as fromCaseId',
      'to_case_id as toCaseId',
      'kind',
      'status',
      'requested_service as requestedService',
      'shared_sections as sharedSections',
      'snapshot_enc as snapshotEnc',
      'decline_reason as declineReason',
      'decline_reason_from_enc as declineReasonFromEnc',
      'decline_reason_to_enc as declineReasonToEnc',
      'network_person_id as networkPersonId',
      'consent_withdrawn_at as consentWithdrawnAt',
      'message_from_enc as messageFromEnc',
      'message_to_enc as messageToEnc',
      'urgency',
      sql<string | null>`requested_by::text`.as('requestedBy'),
      'created_by as createdBy',
      'created_at as createdAt',
      'version',
    ]);

export const referralsRepo = {
  find: (db: Kysely<DB>, id: string): Promise<ReferralRow | undefined> =>
    referralColumns(db).where('id', '=', id).executeTakeFirst(),

  insert: (
    db: Kysely<DB>,
    r: {
      id: string;
      networkId: string;
      fromOrganisationId: string;
      toOrganisationId: string;
      fromCaseId: string;
      kind: string;
      requestedService: string;
      sharedSections: string[];
      snapshotEnc: string;
      networkPersonId: string;
      createdBy: string;
      /** Sealed for each side, or absent. */
      message?: { fromEnc: string; toEnc: string };
      urgency: string;
      requestedBy: string | null;
    },
  ) =>
    db
      .insertInto('referrals')
      .values({
        id: r.id,
        network_id: r.networkId,
        from_organisation_id: r.fromOrganisationId,
        to_organisation_id: r.toOrganisationId,
        from_case_id: r.fromCaseId,
        kind: r.kind,
        status: 'pending',
        requested_service: r.requestedService,
        shared_sections: r.sharedSections,
        snapshot_enc: r.snapshotEnc,
        network_person_id: r.networkPersonId,
        created_by: r.createdBy,
        message_from_enc: r.message?.fromEnc ?? null,
        message_to_enc: r.message?.toEnc ?? null,
        urgency: r.urgency,
        requested_by: r.requestedBy,
      })
      .execute(),

  /** Optimistic status change: false when someone else answered first. A decline reason comes sealed for each side. */
  async setStatus(
    db: Kysely<DB>,
    id: string,
    version: number,
    changes: { status: string; declineReason?: { fromEnc: string; toEnc: string }; toCaseId?: string },
  ): Promise<boolean> {
    const result = await db
      .updateTable('referrals')
      .set({
        status: changes.status,
        ...(changes.toCaseId ? { to_case_id: changes.toCaseId } : {}),
        updated_at: new Date(),
        version: version + 1,
        ...(changes.declineReason
          ? {
              decline_reason: null,
              decline_reason_from_enc: changes.declineReason.fromEnc,
              decline_reason_to_enc: changes.declineReason.toEnc,
            }
          : {}),
      })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  /** Marks referrals as ended by her withdrawal of the consent they rest on (the service picks which). */
  async markConsentWithdrawn(db: Kysely<DB>, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await db
      .updateTable('referrals')
      .set((eb) => ({
        status: 'consent_withdrawn',
        consent_withdrawn_at: new Date(),
        updated_at: new Date(),
        version: eb('version', '+', 1),
      }))
      .where('id', 'in', ids)
      .execute();
  },

  /** The reference of one of the current organisation's own cases (RLS hides the other side's). */
  caseReference: async (db: Kysely<DB>, organisationId: string, caseId: string): Promise<string | undefined> =>
    (
      await db
        .selectFrom('cases')
        .select('reference')
        .where('organisation_id', '=', organisationId)
        .where('id', '=', caseId)
        .executeTakeFirst()
    )?.reference,

  linkCase: (db: Kysely<DB>, id: string, toCaseId: string) =>
    db.updateTable('referrals').set({ to_case_id: toCaseId }).where('id', '=', id).execute(),

  /** Open referrals of one case to one partner, with kind and status (for the withdrawal rule). */
  openOfCase: (db: Kysely<DB>, fromOrganisationId: string, fromCaseId: string, toOrganisationId: string) =>
    db
      .selectFrom('referrals')
      .select(['id', 'kind', 'status'])
      .where('from_organisation_id', '=', fromOrganisationId)
      .where('from_case_id', '=', fromCaseId)
      .where('to_organisation_id', '=', toOrganisationId)
      .where('status', 'in', ['pending', 'accepted'])
      .execute(),

  /**
   * The sharing-consent events (action and time only) of the referral's case for the
   * referral's receiver, read across the tenant boundary by a SECURITY DEFINER function
   * that answers only the referral's two organisations (migration 017).
   */
  async sharingConsentEvents(db: Kysely<DB>, referralId: string): Promise<{ action: string; recordedAt: Date }[]> {
    const rows = await sql<{
      action: string;
      recorded_at: Date;
    }>`SELECT action, recorded_at FROM app_referral_sharing_consents(${referralId})`.execute(db);
    return rows.rows.map((r) => ({ action: r.action, recordedAt: new Date(r.recorded_at) }));
  },

  /**
   * Referrals the current organisation sees, newest first. Each side's case reference is joined from its own
   * cases only (RLS hides the other side's, and the service still picks the viewer's side).
   */
  list: (db: Kysely<DB>, filter: { fromCaseId?: string } = {}) => {
    let query = db
      .selectFrom('referrals')
      .innerJoin('organisations as f', 'f.id', 'referrals.from_organisation_id')
      .innerJoin('organisations as t', 't.id', 'referrals.to_organisation_id')
      .leftJoin('cases as fc', (j) =>
        j
          .onRef('fc.organisation_id', '=', 'referrals.from_organisation_id')
          .onRef('fc.id', '=', 'referrals.from_case_id'),
      )
      .leftJoin('cases as tc', (j) =>
        j.onRef('tc.organisation_id', '=', 'referrals.to_organisation_id').onRef('tc.id', '=', 'referrals.to_case_id'),
      )
      .select([
        'referrals.urgency',
        sql<string | null>`referrals.requested_by::text`.as('requestedBy'),
        'referrals.from_case_id as fromCaseId',
        'referrals.to_case_id as toCaseId',
        'fc.reference as fromCaseReference',
        'tc.reference as toCaseReference',
        'referrals.id',
        'referrals.kind',
        'referrals.status',
        'referrals.requested_service as requestedService',
        'referrals.created_at as createdAt',
        'referrals.consent_withdrawn_at as consentWithdrawnAt',
        'referrals.from_organisation_id as fromId',
        'f.name as fromName',
        'referrals.to_organisation_id as toId',
        't.name as toName',
      ]);
    if (filter.fromCaseId) query = query.where('referrals.from_case_id', '=', filter.fromCaseId);
    return query.orderBy('referrals.created_at', 'desc').limit(200).execute();
  },

  insertNote: (
    db: Kysely<DB>,
    n: { organisationId: string; id: string; referralId: string; kind: string; dataEnc: string; createdBy: string },
  ) =>
    db
      .insertInto('referral_notes')
      .values({
        organisation_id: n.organisationId,
        id: n.id,
        referral_id: n.referralId,
        kind: n.kind,
        data: null,
        data_enc: n.dataEnc,
        created_by: n.createdBy,
      })
      .execute(),

  notes: (db: Kysely<DB>, organisationId: string, referralId: string): Promise<NoteRow[]> =>
    db
      .selectFrom('referral_notes')
      .select([
        'id',
        'organisation_id as organisationId',
        'kind',
        'data',
        'data_enc as dataEnc',
        'created_at as createdAt',
      ])
      .where('organisation_id', '=', organisationId)
      .where('referral_id', '=', referralId)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),

  /** A page of notes still in clear JSON (rows written before migration 017), any organisation. */
  clearNotes: (db: Kysely<DB>, limit: number) =>
    db
      .selectFrom('referral_notes')
      .select(['organisation_id as organisationId', 'id', 'data'])
      .where('data_enc', 'is', null)
      .orderBy('organisation_id')
      .orderBy('id')
      .limit(limit)
      .execute(),

  /**
   * Referral counts between these organisations by source, target and kind, created in [from, to) and for one
   * requested service if given. Reads every party's referrals: run as the system, only counts leave.
   */
  flowCounts: (db: Kysely<DB>, organisationIds: string[], from: Date, to: Date, service?: string) =>
    db
      .selectFrom('referrals')
      .select([
        'from_organisation_id as source',
        'to_organisation_id as target',
        'kind',
        (eb) => eb.fn.countAll<string>().as('count'),
      ])
      .where('from_organisation_id', 'in', organisationIds)
      .where('to_organisation_id', 'in', organisationIds)
      .where('created_at', '>=', from)
      .where('created_at', '<', to)
      .$if(Boolean(service), (q) => q.where('requested_service', '=', service!))
      .groupBy(['from_organisation_id', 'to_organisation_id', 'kind'])
      .execute(),

  /** Replaces one clear note by its encrypted form; a no-op when another run got there first. */
  sealNote: (db: Kysely<DB>, organisationId: string, id: string, dataEnc: string) =>
    db
      .updateTable('referral_notes')
      .set({ data_enc: dataEnc, data: null })
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .where('data_enc', 'is', null)
      .execute(),
};
