/**
 * The contact log before cases (migration 042). Only this module writes its SQL. Sealed columns
 * (nickname, note, void reason) arrive and leave encrypted: the service seals and opens them.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema';

export interface ContactRow {
  id: string;
  organisationId: string;
  occurredAt: Date;
  kind: string;
  placeLevel: string;
  place: string;
  language: string | null;
  interpreterUsed: boolean;
  needs: string[];
  provided: string[];
  nicknameEnc: string | null;
  nicknameIndex: string | null;
  noteEnc: string | null;
  chainId: string;
  caseId: string | null;
  recordedBy: string | null;
  createdAt: Date;
  version: number;
  voidedAt: Date | null;
  voidReasonEnc: string | null;
}

/** The fields a correction may change (a new version of the contact). */
export type ContactFields = Pick<
  ContactRow,
  | 'occurredAt'
  | 'kind'
  | 'placeLevel'
  | 'place'
  | 'language'
  | 'interpreterUsed'
  | 'needs'
  | 'provided'
  | 'nicknameEnc'
  | 'nicknameIndex'
  | 'noteEnc'
>;

export interface ContactFilters {
  from?: Date;
  to?: Date;
  kind?: string;
  place?: string;
  chainId?: string;
  includeVoided?: boolean;
}

const columns = [
  'id',
  'organisation_id as organisationId',
  'occurred_at as occurredAt',
  'kind',
  'place_level as placeLevel',
  'place',
  'language',
  'interpreter_used as interpreterUsed',
  'needs',
  'provided',
  'nickname_enc as nicknameEnc',
  'nickname_index as nicknameIndex',
  'note_enc as noteEnc',
  'chain_id as chainId',
  'case_id as caseId',
  'recorded_by as recordedBy',
  'created_at as createdAt',
  'version',
  'voided_at as voidedAt',
  'void_reason_enc as voidReasonEnc',
] as const;

const toDate = (v: Date | string) => (v instanceof Date ? v : new Date(v));
const norm = (r: ContactRow): ContactRow => ({
  ...r,
  occurredAt: toDate(r.occurredAt),
  createdAt: toDate(r.createdAt),
  voidedAt: r.voidedAt ? toDate(r.voidedAt) : null,
  needs: r.needs ?? [],
  provided: r.provided ?? [],
});

export const contactsRepo = {
  /** Inserts a contact; false when a contact with this id exists already (an idempotent replay). */
  async insert(
    db: Kysely<DB>,
    row: Omit<ContactRow, 'createdAt' | 'version' | 'voidedAt' | 'voidReasonEnc' | 'caseId'> & {
      caseId?: string | null;
    },
  ): Promise<boolean> {
    const inserted = await db
      .insertInto('contacts')
      .values({
        id: row.id,
        organisation_id: row.organisationId,
        occurred_at: row.occurredAt,
        kind: row.kind,
        place_level: row.placeLevel,
        place: row.place,
        language: row.language,
        interpreter_used: row.interpreterUsed,
        needs: row.needs,
        provided: row.provided,
        nickname_enc: row.nicknameEnc,
        nickname_index: row.nicknameIndex,
        note_enc: row.noteEnc,
        chain_id: row.chainId,
        case_id: row.caseId ?? null,
        recorded_by: row.recordedBy,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
  },

  async find(db: Kysely<DB>, organisationId: string, id: string): Promise<ContactRow | undefined> {
    const row = await db
      .selectFrom('contacts')
      .select(columns)
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? norm(row as ContactRow) : undefined;
  },

  /** One page of the log, newest first, with the number of contacts the filters match. */
  async list(
    db: Kysely<DB>,
    organisationId: string,
    filters: ContactFilters,
    page: { limit: number; offset: number },
  ): Promise<{ rows: ContactRow[]; total: number }> {
    let q = db.selectFrom('contacts').where('organisation_id', '=', organisationId);
    if (!filters.includeVoided) q = q.where('voided_at', 'is', null);
    if (filters.from) q = q.where('occurred_at', '>=', filters.from);
    if (filters.to) q = q.where('occurred_at', '<', filters.to);
    if (filters.kind) q = q.where('kind', '=', filters.kind);
    if (filters.place) q = q.where(sql<string>`lower(place)`, '=', filters.place.toLowerCase());
    if (filters.chainId) q = q.where('chain_id', '=', filters.chainId);
    const [rows, count] = await Promise.all([
      q.select(columns).orderBy('occurred_at', 'desc').orderBy('id').limit(page.limit).offset(page.offset).execute(),
      q.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows: rows.map((r) => norm(r as ContactRow)), total: Number(count.n) };
  },

  /** Every contact of a chain (voided ones too, marked), oldest first. */
  async chain(db: Kysely<DB>, organisationId: string, chainId: string): Promise<ContactRow[]> {
    const rows = await db
      .selectFrom('contacts')
      .select(columns)
      .where('organisation_id', '=', organisationId)
      .where('chain_id', '=', chainId)
      .orderBy('occurred_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => norm(r as ContactRow));
  },

  /** The contacts linked to a case (its contact history), oldest first. */
  async ofCase(db: Kysely<DB>, organisationId: string, caseId: string): Promise<ContactRow[]> {
    const rows = await db
      .selectFrom('contacts')
      .select(columns)
      .where('organisation_id', '=', organisationId)
      .where('case_id', '=', caseId)
      .orderBy('occurred_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => norm(r as ContactRow));
  },

  /**
   * The chains that hold a nickname (same blind index), oldest first: the chain whose earliest
   * contact came first, with the case it became, if any.
   */
  async chainsOfNickname(
    db: Kysely<DB>,
    organisationId: string,
    nicknameIndex: string,
  ): Promise<{ chainId: string; first: Date; caseId: string | null }[]> {
    const rows = await db
      .selectFrom('contacts')
      .select([
        'chain_id as chainId',
        sql<Date>`min(occurred_at)`.as('first'),
        sql<string | null>`max(case_id::text)`.as('caseId'),
      ])
      .where('organisation_id', '=', organisationId)
      .where('nickname_index', '=', nicknameIndex)
      .groupBy('chain_id')
      .execute();
    return rows
      .map((r) => ({ chainId: r.chainId, first: toDate(r.first), caseId: r.caseId ?? null }))
      .sort((a, b) => a.first.getTime() - b.first.getTime() || a.chainId.localeCompare(b.chainId));
  },

  /** The earliest contact time and the case of a chain (undefined when it has no contact). */
  async chainSummary(
    db: Kysely<DB>,
    organisationId: string,
    chainId: string,
  ): Promise<{ first: Date; caseId: string | null } | undefined> {
    const row = await db
      .selectFrom('contacts')
      .select([sql<Date | null>`min(occurred_at)`.as('first'), sql<string | null>`max(case_id::text)`.as('caseId')])
      .where('organisation_id', '=', organisationId)
      .where('chain_id', '=', chainId)
      .executeTakeFirst();
    return row?.first ? { first: toDate(row.first), caseId: row.caseId ?? null } : undefined;
  },

  /** Moves every contact of the chains `from` into the chain `to` (two chains met). */
  async mergeChains(db: Kysely<DB>, organisationId: string, from: string[], to: string): Promise<number> {
    if (from.length === 0) return 0;
    const result = await db
      .updateTable('contacts')
      .set({ chain_id: to })
      .where('organisation_id', '=', organisationId)
      .where('chain_id', 'in', from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  },

  /** A correction: the new fields and version, from the version she read; false on a concurrent change. */
  async update(
    db: Kysely<DB>,
    organisationId: string,
    id: string,
    expectedVersion: number,
    fields: ContactFields,
  ): Promise<boolean> {
    const result = await db
      .updateTable('contacts')
      .set({
        occurred_at: fields.occurredAt,
        kind: fields.kind,
        place_level: fields.placeLevel,
        place: fields.place,
        language: fields.language,
        interpreter_used: fields.interpreterUsed,
        needs: fields.needs,
        provided: fields.provided,
        nickname_enc: fields.nicknameEnc,
        nickname_index: fields.nicknameIndex,
        note_enc: fields.noteEnc,
        version: expectedVersion + 1,
      })
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .where('voided_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  async void(
    db: Kysely<DB>,
    organisationId: string,
    id: string,
    expectedVersion: number,
    reasonEnc: string,
  ): Promise<boolean> {
    const result = await db
      .updateTable('contacts')
      .set({ voided_at: new Date(), void_reason_enc: reasonEnc, version: expectedVersion + 1 })
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .where('voided_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  /** Links a whole chain to the case it became; only contacts not linked yet (the number linked). */
  async linkChainToCase(db: Kysely<DB>, organisationId: string, chainId: string, caseId: string): Promise<number> {
    const result = await db
      .updateTable('contacts')
      .set({ case_id: caseId })
      .where('organisation_id', '=', organisationId)
      .where('chain_id', '=', chainId)
      .where('case_id', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  },
};
