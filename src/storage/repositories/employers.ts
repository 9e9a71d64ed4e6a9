/**
 * The employer directory (migration 045): employers, their company tutors and agreements, and the
 * internship length rules per country. Company data only: no column, join or result here carries a
 * person placed (case records name an employer's id; this module never reads them). Rows of partners
 * are visible only when their owner shares them (RLS); the owner's notes are read only by the owner.
 * Only this module writes their SQL.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema';

/** What anyone who may read an employer receives: company fields, no notes. */
export interface EmployerRow {
  id: string;
  organisationId: string;
  organisationName: string;
  name: string;
  sector: string;
  territoryLevel: 'municipality' | 'nuts3' | 'nuts2' | 'national';
  territory: string;
  contactPerson: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  sharedWithNetworks: boolean;
  version: number;
  updatedAt: Date;
  retiredAt: Date | null;
}

export interface TutorRow {
  id: string;
  employerId: string;
  name: string;
  role: string | null;
  contact: string | null;
}

export interface AgreementRow {
  id: string;
  employerId: string;
  kind: 'internship_agreement' | 'placement_agreement' | 'framework';
  signedOn: string;
  validUntil: string | null;
  reference: string | null;
}

export interface EmployerValues {
  name: string;
  sector: string;
  territory_level: 'municipality' | 'nuts3' | 'nuts2' | 'national';
  territory: string;
  contact_person: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  notes_enc: string | null;
}

/** The employers the current organisation may read (its own, and partners' shared ones: RLS), company columns only. */
function visible(db: Kysely<DB>) {
  return db
    .selectFrom('employers as e')
    .innerJoin('organisations as o', 'o.id', 'e.organisation_id')
    .select([
      'e.id',
      'e.organisation_id as organisationId',
      'o.name as organisationName',
      'e.name',
      'e.sector',
      'e.territory_level as territoryLevel',
      'e.territory',
      'e.contact_person as contactPerson',
      'e.contact_phone as contactPhone',
      'e.contact_email as contactEmail',
      'e.shared_with_networks as sharedWithNetworks',
      'e.version',
      'e.updated_at as updatedAt',
      'e.retired_at as retiredAt',
    ]);
}

export const employersRepo = {
  /** The SQL of the directory's read, for tests that check it names no person's table. */
  visibleQuery: (db: Kysely<DB>) => visible(db).compile(),

  async list(db: Kysely<DB>, opts: { includeRetired?: boolean } = {}): Promise<EmployerRow[]> {
    let q = visible(db);
    if (!opts.includeRetired) q = q.where('e.retired_at', 'is', null);
    return q.orderBy('e.name').orderBy('e.id').execute();
  },

  find: (db: Kysely<DB>, id: string): Promise<EmployerRow | undefined> =>
    visible(db).where('e.id', '=', id).executeTakeFirst(),

  /** The owner's sealed notes (the owner only). */
  async notesOf(db: Kysely<DB>, organisationId: string, id: string): Promise<string | null> {
    const row = await db
      .selectFrom('employers')
      .select('notes_enc')
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row?.notes_enc ?? null;
  },

  async insert(db: Kysely<DB>, organisationId: string, id: string, values: EmployerValues): Promise<void> {
    await db
      .insertInto('employers')
      .values({ organisation_id: organisationId, id, ...values })
      .execute();
  },

  /** False when the version read is no longer the current one. */
  async update(
    db: Kysely<DB>,
    organisationId: string,
    id: string,
    version: number,
    values: Partial<EmployerValues> & { shared_with_networks?: boolean; retired_at?: Date | null },
  ): Promise<boolean> {
    const r = await db
      .updateTable('employers')
      .set({ ...values, version: version + 1, updated_at: new Date() })
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  async tutorsOf(db: Kysely<DB>, employerIds: string[]): Promise<TutorRow[]> {
    if (employerIds.length === 0) return [];
    return db
      .selectFrom('employer_tutors')
      .select(['id', 'employer_id as employerId', 'name', 'role', 'contact'])
      .where('employer_id', 'in', employerIds)
      .where('retired_at', 'is', null)
      .orderBy('name')
      .execute();
  },

  async insertTutor(
    db: Kysely<DB>,
    organisationId: string,
    row: { id: string; employerId: string; name: string; role: string | null; contact: string | null },
  ): Promise<void> {
    await db
      .insertInto('employer_tutors')
      .values({
        organisation_id: organisationId,
        id: row.id,
        employer_id: row.employerId,
        name: row.name,
        role: row.role,
        contact: row.contact,
      })
      .execute();
  },

  async agreementsOf(db: Kysely<DB>, employerIds: string[]): Promise<AgreementRow[]> {
    if (employerIds.length === 0) return [];
    return db
      .selectFrom('employer_agreements')
      .select([
        'id',
        'employer_id as employerId',
        'kind',
        sql<string>`to_char(signed_on, 'YYYY-MM-DD')`.as('signedOn'),
        sql<string | null>`to_char(valid_until, 'YYYY-MM-DD')`.as('validUntil'),
        'reference',
      ])
      .where('employer_id', 'in', employerIds)
      .orderBy('signed_on', 'desc')
      .execute();
  },

  async insertAgreement(
    db: Kysely<DB>,
    organisationId: string,
    row: Omit<AgreementRow, 'validUntil' | 'reference'> & { validUntil: string | null; reference: string | null },
  ): Promise<void> {
    await db
      .insertInto('employer_agreements')
      .values({
        organisation_id: organisationId,
        id: row.id,
        employer_id: row.employerId,
        kind: row.kind,
        signed_on: row.signedOn,
        valid_until: row.validUntil,
        reference: row.reference,
      })
      .execute();
  },

  async internshipRules(
    db: Kysely<DB>,
    organisationId: string,
  ): Promise<{ country: string; minMonths: number; maxMonths: number }[]> {
    return db
      .selectFrom('internship_rules')
      .select(['country', 'min_months as minMonths', 'max_months as maxMonths'])
      .where('organisation_id', '=', organisationId)
      .orderBy('country')
      .execute();
  },

  async upsertInternshipRule(
    db: Kysely<DB>,
    organisationId: string,
    rule: { country: string; minMonths: number; maxMonths: number },
  ): Promise<void> {
    await db
      .insertInto('internship_rules')
      .values({
        organisation_id: organisationId,
        country: rule.country,
        min_months: rule.minMonths,
        max_months: rule.maxMonths,
      })
      .onConflict((oc) =>
        oc
          .columns(['organisation_id', 'country'])
          .doUpdateSet({ min_months: rule.minMonths, max_months: rule.maxMonths, updated_at: new Date() }),
      )
      .execute();
  },

  async deleteInternshipRule(db: Kysely<DB>, organisationId: string, country: string): Promise<void> {
    await db
      .deleteFrom('internship_rules')
      .where('organisation_id', '=', organisationId)
      .where('country', '=', country)
      .execute();
  },
};
