/** Persons, cases, intakes and the case timeline. Only this module writes their SQL. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema';
import { nameMatchesTable, type HashedQueryTerm } from './person-name-tokens';

export interface CaseRow {
  id: string;
  organisationId: string;
  personId: string;
  reference: string;
  status: string;
  pausedFrom: string | null;
  ownerUserId: string;
  ownerName: string;
  programmeType: string | null;
  country: string | null;
  cooperation: string;
  openedAt: Date;
  closedAt: Date | null;
  closureReason: string | null;
  version: number;
  updatedAt: Date;
  /** The latest current risk assessment's level (migration 035). */
  currentRiskLevel: string | null;
}

export interface PersonRow {
  id: string;
  identityEnc: string;
  sex: string;
  chosenTerm: string | null;
  pronouns: string | null;
  preferredLanguage: string | null;
  isMinor: boolean | null;
  /** Opaque identity carried across referrals and transfers (migration 016). */
  networkPersonId: string;
  version: number;
}

export interface CaseListFilter {
  nameIndex?: string;
  dobIndex?: string;
  status?: string;
  ownerId?: string;
  programme?: string;
  /** A partial or misspelt name, as hashed query terms (src/domain/cases/name-search.ts). */
  nameTerms?: HashedQueryTerm[];
  /** A case reference or the start of one (upper case). */
  referencePrefix?: string;
  /** Relevance (the default with nameTerms), activity, reference or first contact date. */
  sort?: CaseListSort;
  /** The current risk level (cases.current_risk_level). */
  risk?: string;
  limit: number;
  offset: number;
}

export type CaseListSort = 'relevance' | 'updated' | 'reference' | 'contactDate';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The first contact date of the listed case (one intake per case). */
const contactDateOf = sql<string | null>`(SELECT ci.contact_date::text FROM case_intakes ci
  WHERE ci.organisation_id = cases.organisation_id AND ci.case_id = cases.id)`;

/** ORDER BY of the case list; every order ends on the id, so pages never overlap. */
function listOrder(f: CaseListFilter) {
  const sort = f.sort ?? (f.nameTerms ? 'relevance' : 'updated');
  if (sort === 'relevance' && f.nameTerms) return sql`nm.score DESC, cases.updated_at DESC, cases.id`;
  if (sort === 'reference') return sql`cases.reference, cases.id`;
  if (sort === 'contactDate') return sql`${contactDateOf} DESC NULLS LAST, cases.id`;
  return sql`cases.updated_at DESC, cases.id`;
}

/** Totals above this are reported as "more than". */
export const COUNT_CAP = 10_000;

const caseColumns = (db: Kysely<DB>) =>
  db
    .selectFrom('cases')
    .innerJoin('users', 'users.id', 'cases.owner_user_id')
    .select([
      'cases.id',
      'cases.organisation_id as organisationId',
      'cases.person_id as personId',
      'cases.reference',
      'cases.status',
      'cases.paused_from as pausedFrom',
      'cases.owner_user_id as ownerUserId',
      'users.display_name as ownerName',
      'cases.programme_type as programmeType',
      'cases.country',
      'cases.cooperation',
      'cases.opened_at as openedAt',
      'cases.closed_at as closedAt',
      'cases.closure_reason as closureReason',
      'cases.version',
      'cases.updated_at as updatedAt',
      'cases.current_risk_level as currentRiskLevel',
    ]);

export const casesRepo = {
  async nextReference(db: Kysely<DB>, organisationId: string, year: number): Promise<number> {
    const row = await sql<{ last_value: number }>`
      INSERT INTO case_reference_counters (organisation_id, year, last_value) VALUES (${organisationId}, ${year}, 1)
      ON CONFLICT (organisation_id, year) DO UPDATE SET last_value = case_reference_counters.last_value + 1
      RETURNING last_value`.execute(db);
    return row.rows[0].last_value;
  },

  insertPerson: (
    db: Kysely<DB>,
    p: {
      id: string;
      organisationId: string;
      identityEnc: string;
      nameIndex: string | null;
      dobIndex: string | null;
      sex: string;
      chosenTerm: string | null;
      pronouns: string | null;
      preferredLanguage: string | null;
      isMinor: boolean | null;
      networkPersonId?: string;
    },
  ) =>
    db
      .insertInto('persons')
      .values({
        id: p.id,
        organisation_id: p.organisationId,
        identity_enc: p.identityEnc,
        name_bidx: p.nameIndex,
        dob_bidx: p.dobIndex,
        sex: p.sex,
        chosen_term: p.chosenTerm,
        pronouns: p.pronouns,
        preferred_language: p.preferredLanguage,
        is_minor: p.isMinor,
        ...(p.networkPersonId ? { network_person_id: p.networkPersonId } : {}),
      })
      .execute(),

  insertCase: (
    db: Kysely<DB>,
    c: { id: string; organisationId: string; personId: string; reference: string; ownerUserId: string; openedAt: Date },
  ) =>
    db
      .insertInto('cases')
      .values({
        id: c.id,
        organisation_id: c.organisationId,
        person_id: c.personId,
        reference: c.reference,
        status: 'contact',
        owner_user_id: c.ownerUserId,
        opened_at: c.openedAt,
        updated_at: c.openedAt,
      })
      .execute(),

  insertIntake: (
    db: Kysely<DB>,
    i: {
      organisationId: string;
      caseId: string;
      channel: string;
      contactDate: string;
      municipalityEnc: string | null;
      language: string | null;
      mediatorUsed: boolean;
      immediateNeeds: string[];
    },
  ) =>
    db
      .insertInto('case_intakes')
      .values({
        organisation_id: i.organisationId,
        case_id: i.caseId,
        channel: i.channel,
        contact_date: i.contactDate,
        municipality_enc: i.municipalityEnc,
        language: i.language,
        mediator_used: i.mediatorUsed,
        immediate_needs: i.immediateNeeds,
      })
      .execute(),

  find: (db: Kysely<DB>, organisationId: string, caseId: string): Promise<CaseRow | undefined> =>
    caseColumns(db)
      .where('cases.organisation_id', '=', organisationId)
      .where('cases.id', '=', caseId)
      .executeTakeFirst(),

  /** The id of the organisation's case with this reference (the CLI names cases by reference). */
  idByReference: async (db: Kysely<DB>, organisationId: string, reference: string): Promise<string | undefined> =>
    (
      await db
        .selectFrom('cases')
        .select('id')
        .where('organisation_id', '=', organisationId)
        .where('reference', '=', reference)
        .executeTakeFirst()
    )?.id,

  findPerson: (db: Kysely<DB>, organisationId: string, personId: string): Promise<PersonRow | undefined> =>
    db
      .selectFrom('persons')
      .select([
        'id',
        'identity_enc as identityEnc',
        'sex',
        'chosen_term as chosenTerm',
        'pronouns',
        'preferred_language as preferredLanguage',
        'is_minor as isMinor',
        'network_person_id as networkPersonId',
        'version',
      ])
      .where('organisation_id', '=', organisationId)
      .where('id', '=', personId)
      .executeTakeFirst(),

  /** Every case of one person, oldest first: her relationship with the organisation over time. */
  casesOfPerson: (db: Kysely<DB>, organisationId: string, personId: string) =>
    db
      .selectFrom('cases')
      .select(['id', 'reference', 'status', 'opened_at as openedAt', 'closed_at as closedAt'])
      .where('organisation_id', '=', organisationId)
      .where('person_id', '=', personId)
      .orderBy('opened_at')
      .orderBy('id')
      .execute(),

  findIntake: (db: Kysely<DB>, organisationId: string, caseId: string) =>
    // municipality is clear only in rows the start-up backfill has not reached yet.
    db
      .selectFrom('case_intakes')
      .select([
        'channel',
        sql<string>`contact_date::text`.as('contactDate'),
        'municipality',
        'municipality_enc as municipalityEnc',
        'language',
        'mediator_used as mediatorUsed',
        'immediate_needs as immediateNeeds',
        'version',
      ])
      .where('organisation_id', '=', organisationId)
      .where('case_id', '=', caseId)
      .executeTakeFirst(),

  /** A page of cases, newest activity first, with the person's identity envelope for display. */
  async list(db: Kysely<DB>, organisationId: string, f: CaseListFilter) {
    let query = db
      .selectFrom('cases')
      .innerJoin('persons', (j) =>
        j.onRef('persons.organisation_id', '=', 'cases.organisation_id').onRef('persons.id', '=', 'cases.person_id'),
      )
      .innerJoin('users', 'users.id', 'cases.owner_user_id')
      .where('cases.organisation_id', '=', organisationId);
    if (f.nameIndex) query = query.where('persons.name_bidx', '=', f.nameIndex);
    if (f.dobIndex) query = query.where('persons.dob_bidx', '=', f.dobIndex);
    // Only persons meeting every query token; their score orders the page by relevance.
    if (f.nameTerms)
      query = query.innerJoin(nameMatchesTable(organisationId, f.nameTerms).as('nm'), (j) =>
        j.onRef('nm.person_id', '=', 'persons.id'),
      ) as unknown as typeof query;
    if (f.referencePrefix) query = query.where('cases.reference', 'like', `${escapeLike(f.referencePrefix)}%`);
    if (f.status) query = query.where('cases.status', '=', f.status);
    if (f.ownerId) query = query.where('cases.owner_user_id', '=', f.ownerId);
    if (f.programme) query = query.where('cases.programme_type', '=', f.programme);
    if (f.risk) query = query.where('cases.current_risk_level', '=', f.risk);
    const rows = await query
      .select([
        'cases.id',
        'cases.reference',
        'cases.status',
        'cases.owner_user_id as ownerUserId',
        'users.display_name as ownerName',
        'cases.programme_type as programmeType',
        'cases.opened_at as openedAt',
        'cases.updated_at as updatedAt',
        'persons.identity_enc as identityEnc',
        'persons.chosen_term as chosenTerm',
        'persons.is_minor as isMinor',
        contactDateOf.as('contactDate'),
        'cases.current_risk_level as currentRiskLevel',
      ])
      .orderBy(listOrder(f))
      .limit(f.limit)
      .offset(f.offset)
      .execute();
    // A short first page is the whole result (the usual case for a name search): no count query needed.
    if (f.offset === 0 && rows.length < f.limit) return { rows, total: rows.length, totalCapped: false };
    // Counting a million rows on every page costs more than the page: count at most COUNT_CAP, from
    // cases alone (every case has its person and owner), so the count is an index-only scan.
    let matching = db.selectFrom('cases').select('cases.id').where('cases.organisation_id', '=', organisationId);
    if (f.nameIndex || f.dobIndex) {
      matching = matching.where('cases.person_id', 'in', (eb) => {
        let persons = eb
          .selectFrom('persons')
          .select('persons.id')
          .where('persons.organisation_id', '=', organisationId);
        if (f.nameIndex) persons = persons.where('persons.name_bidx', '=', f.nameIndex);
        if (f.dobIndex) persons = persons.where('persons.dob_bidx', '=', f.dobIndex);
        return persons;
      });
    }
    if (f.status) matching = matching.where('cases.status', '=', f.status);
    if (f.ownerId) matching = matching.where('cases.owner_user_id', '=', f.ownerId);
    if (f.programme) matching = matching.where('cases.programme_type', '=', f.programme);
    if (f.referencePrefix) matching = matching.where('cases.reference', 'like', `${escapeLike(f.referencePrefix)}%`);
    if (f.nameTerms) {
      const terms = f.nameTerms;
      matching = matching.where('cases.person_id', 'in', (eb) =>
        eb.selectFrom(nameMatchesTable(organisationId, terms).as('nm')).select('nm.person_id'),
      );
    }
    if (f.risk) matching = matching.where('cases.current_risk_level', '=', f.risk);
    const total = await db
      .selectFrom(matching.limit(COUNT_CAP + 1).as('capped'))
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const n = Number(total.n);
    return { rows, total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP };
  },

  /** Optimistic update: returns false when the version moved on. */
  async update(
    db: Kysely<DB>,
    organisationId: string,
    caseId: string,
    version: number,
    changes: Partial<{
      status: string;
      paused_from: string | null;
      owner_user_id: string;
      programme_type: string | null;
      country: string | null;
      cooperation: string;
      closed_at: Date | null;
      closure_reason: string | null;
    }>,
  ): Promise<boolean> {
    const result = await db
      .updateTable('cases')
      .set({ ...changes, version: version + 1, updated_at: new Date() })
      .where('organisation_id', '=', organisationId)
      .where('id', '=', caseId)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  /** Any write to a case's records bumps its activity time, for the list order. */
  touch: (db: Kysely<DB>, organisationId: string, caseId: string) =>
    db
      .updateTable('cases')
      .set({ updated_at: new Date() })
      .where('organisation_id', '=', organisationId)
      .where('id', '=', caseId)
      .execute(),

  async updatePerson(
    db: Kysely<DB>,
    organisationId: string,
    personId: string,
    version: number,
    changes: Partial<{
      identity_enc: string;
      name_bidx: string | null;
      dob_bidx: string | null;
      sex: string;
      chosen_term: string | null;
      pronouns: string | null;
      preferred_language: string | null;
      is_minor: boolean | null;
    }>,
  ): Promise<boolean> {
    const result = await db
      .updateTable('persons')
      .set({ ...changes, version: version + 1, updated_at: new Date() })
      .where('organisation_id', '=', organisationId)
      .where('id', '=', personId)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  addEvent: (
    db: Kysely<DB>,
    e: {
      id: string;
      organisationId: string;
      caseId: string;
      actorUserId: string | null;
      kind: string;
      data: Record<string, unknown>;
      secretEnc?: string | null;
      at?: Date;
    },
  ) =>
    db
      .insertInto('case_events')
      .values({
        id: e.id,
        organisation_id: e.organisationId,
        case_id: e.caseId,
        actor_user_id: e.actorUserId,
        kind: e.kind,
        data: JSON.stringify(e.data),
        ...(e.secretEnc ? { secret_enc: e.secretEnc } : {}),
        ...(e.at ? { at: e.at } : {}),
      })
      .execute(),

  /** Several timeline events in one statement per 500 (a device's push). */
  async addEvents(
    db: Kysely<DB>,
    events: {
      id: string;
      organisationId: string;
      caseId: string;
      actorUserId: string | null;
      kind: string;
      data: Record<string, unknown>;
    }[],
  ): Promise<void> {
    for (let i = 0; i < events.length; i += 500)
      await db
        .insertInto('case_events')
        .values(
          events.slice(i, i + 500).map((e) => ({
            id: e.id,
            organisation_id: e.organisationId,
            case_id: e.caseId,
            actor_user_id: e.actorUserId,
            kind: e.kind,
            data: JSON.stringify(e.data),
          })),
        )
        .execute();
  },

  /** Marks several cases as changed now (one statement). */
  touchMany: async (db: Kysely<DB>, organisationId: string, caseIds: string[]): Promise<void> => {
    if (caseIds.length === 0) return;
    await db
      .updateTable('cases')
      .set({ updated_at: new Date() })
      .where('organisation_id', '=', organisationId)
      .where('id', 'in', caseIds)
      .execute();
  },

  /** When each of these cases first got an event of this kind (e.g. consent.record_afresh on a transferred case). */
  firstEventOfKind: (db: Kysely<DB>, organisationId: string, caseIds: string[], kind: string) =>
    caseIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('case_events')
          .select(['case_id as caseId'])
          .select((eb) => eb.fn.min('at').as('at'))
          .where('organisation_id', '=', organisationId)
          .where('case_id', 'in', caseIds)
          .where('kind', '=', kind)
          .groupBy('case_id')
          .execute(),

  events: (db: Kysely<DB>, organisationId: string, caseId: string) =>
    db
      .selectFrom('case_events')
      .leftJoin('users', 'users.id', 'case_events.actor_user_id')
      .select([
        'case_events.at',
        'case_events.kind',
        'case_events.data',
        'case_events.secret_enc as secretEnc',
        'case_events.actor_user_id as actorId',
        'users.display_name as actorName',
      ])
      .where('case_events.organisation_id', '=', organisationId)
      .where('case_events.case_id', '=', caseId)
      .orderBy('case_events.at')
      .execute(),

  /**
   * Open (not closed) cases whose current risk level is one of `levels`, optionally of one owner:
   * the dashboard's "high risk" tile. Reads the denormalised level only (migration 035).
   */
  async countAtRiskLevels(
    db: Kysely<DB>,
    organisationId: string,
    levels: string[],
    ownerUserId?: string,
  ): Promise<number> {
    if (levels.length === 0) return 0;
    let query = db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('organisation_id', '=', organisationId)
      .where('status', '<>', 'closed')
      .where('current_risk_level', 'in', levels);
    if (ownerUserId) query = query.where('owner_user_id', '=', ownerUserId);
    return Number((await query.executeTakeFirstOrThrow()).n);
  },

  /** The current risk level of one case (migration 035). */
  currentRiskLevel: async (db: Kysely<DB>, organisationId: string, caseId: string): Promise<string | null> =>
    (
      await db
        .selectFrom('cases')
        .select('current_risk_level')
        .where('organisation_id', '=', organisationId)
        .where('id', '=', caseId)
        .executeTakeFirst()
    )?.current_risk_level ?? null,

  /** Open cases owned by a user, for the agenda. */
  openCasesOf: (db: Kysely<DB>, organisationId: string, ownerUserId: string) =>
    db
      .selectFrom('cases')
      .select(['id', 'reference'])
      .where('organisation_id', '=', organisationId)
      .where('owner_user_id', '=', ownerUserId)
      .where('status', 'not in', ['closed', 'paused'])
      .execute(),

  /** Every open case of the organisation with its owner, for the deadline reminders. */
  openCasesWithOwner: (db: Kysely<DB>, organisationId: string) =>
    db
      .selectFrom('cases')
      .select(['id', 'reference', 'owner_user_id as ownerUserId'])
      .where('organisation_id', '=', organisationId)
      .where('status', 'not in', ['closed', 'paused'])
      .execute(),

  /** Every case of the organisation with its person and intake channel (capture tables). */
  casesWithChannel: (db: Kysely<DB>, organisationId: string) =>
    db
      .selectFrom('cases')
      .innerJoin('case_intakes', (j) =>
        j
          .onRef('case_intakes.organisation_id', '=', 'cases.organisation_id')
          .onRef('case_intakes.case_id', '=', 'cases.id'),
      )
      .select(['cases.id as caseId', 'cases.person_id as personId', 'case_intakes.channel'])
      .where('cases.organisation_id', '=', organisationId)
      .execute(),

  /** Every case of the organisation with its person and first contact date (outcome cohorts). */
  casesWithContactDate: (db: Kysely<DB>, organisationId: string) =>
    db
      .selectFrom('case_intakes')
      .innerJoin('cases', (j) =>
        j
          .onRef('cases.organisation_id', '=', 'case_intakes.organisation_id')
          .onRef('cases.id', '=', 'case_intakes.case_id'),
      )
      .select([
        'case_intakes.case_id as caseId',
        'case_intakes.contact_date as contactDate',
        'cases.person_id as personId',
      ])
      .where('case_intakes.organisation_id', '=', organisationId)
      .execute(),

  /** Every case of the organisation with the person and intake fields statistics tabulate (identity still sealed). */
  statisticsSources: (db: Kysely<DB>, organisationId: string) =>
    db
      .selectFrom('cases')
      .innerJoin('persons', (j) =>
        j.onRef('persons.organisation_id', '=', 'cases.organisation_id').onRef('persons.id', '=', 'cases.person_id'),
      )
      .innerJoin('case_intakes', (j) =>
        j
          .onRef('case_intakes.organisation_id', '=', 'cases.organisation_id')
          .onRef('case_intakes.case_id', '=', 'cases.id'),
      )
      .select([
        'cases.id as caseId',
        'cases.person_id as personId',
        'cases.status',
        'cases.closure_reason as closureReason',
        'cases.programme_type as programme',
        'persons.sex',
        'persons.identity_enc as identityEnc',
        'case_intakes.channel',
        'case_intakes.contact_date as contactDate',
      ])
      .where('cases.organisation_id', '=', organisationId)
      .execute(),

  /** Contact dates of the intakes of these cases. */
  contactDatesOf: (
    db: Kysely<DB>,
    organisationId: string,
    caseIds: string[],
  ): Promise<{ case_id: string; contact_date: string }[]> =>
    caseIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('case_intakes')
          .select(['case_id', 'contact_date'])
          .where('organisation_id', '=', organisationId)
          .where('case_id', 'in', caseIds)
          .execute(),
};
