/** The organisation's copy of the professional roles and profiles catalogue, and which staff hold which. */
import { sql, type Kysely } from 'kysely';
import type { CatalogueProfile, CatalogueRole, ProfileInput, RoleInput } from '../../domain/roles/catalogue';
import type { DB } from '../schema';

const json = (v: unknown) => JSON.stringify(v);

export const catalogueRepo = {
  async seed(
    db: Kysely<DB>,
    organisationId: string,
    catalogue: { profiles: CatalogueProfile[]; roles: CatalogueRole[] },
  ): Promise<void> {
    await db
      .insertInto('catalogue_profiles')
      .values(
        catalogue.profiles.map((p, i) => ({
          organisation_id: organisationId,
          code: p.code,
          taxonomy_code: p.taxonomyCode,
          labels: json(p.labels),
          sort_order: i,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
    await db
      .insertInto('catalogue_roles')
      .values(
        catalogue.roles.map((r, i) => ({
          organisation_id: organisationId,
          code: r.code,
          taxonomy_code: r.taxonomyCode,
          labels: json(r.labels),
          card: json(r.card),
          profile_codes: r.profileCodes,
          sort_order: i,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
  },

  async list(
    db: Kysely<DB>,
    organisationId: string,
  ): Promise<{ profiles: CatalogueProfile[]; roles: CatalogueRole[] }> {
    const [profiles, roles] = await Promise.all([
      db
        .selectFrom('catalogue_profiles')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .orderBy('sort_order')
        .orderBy('code')
        .execute(),
      db
        .selectFrom('catalogue_roles')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .orderBy('sort_order')
        .orderBy('code')
        .execute(),
    ]);
    return {
      profiles: profiles.map((p) => ({
        code: p.code,
        taxonomyCode: p.taxonomy_code,
        labels: p.labels,
        active: p.active,
      })),
      roles: roles.map((r) => ({
        code: r.code,
        taxonomyCode: r.taxonomy_code,
        labels: r.labels,
        card: r.card,
        profileCodes: r.profile_codes,
        active: r.active,
      })),
    };
  },

  async saveProfile(db: Kysely<DB>, organisationId: string, code: string, input: ProfileInput): Promise<void> {
    const values = { taxonomy_code: input.taxonomyCode, labels: json(input.labels), active: input.active };
    await db
      .insertInto('catalogue_profiles')
      .values({ organisation_id: organisationId, code, ...values, sort_order: 1000 })
      .onConflict((oc) => oc.columns(['organisation_id', 'code']).doUpdateSet(values))
      .execute();
  },

  async saveRole(db: Kysely<DB>, organisationId: string, code: string, input: RoleInput): Promise<void> {
    const values = {
      taxonomy_code: input.taxonomyCode,
      labels: json(input.labels),
      card: json(input.card),
      profile_codes: input.profileCodes,
      active: input.active,
      updated_at: new Date(),
    };
    await db
      .insertInto('catalogue_roles')
      .values({ organisation_id: organisationId, code, ...values, sort_order: 1000 })
      .onConflict((oc) => oc.columns(['organisation_id', 'code']).doUpdateSet(values))
      .execute();
  },

  async assignments(db: Kysely<DB>, organisationId: string) {
    const [roles, profiles] = await Promise.all([
      db
        .selectFrom('staff_roles')
        .select(['user_id as userId', 'role_code as code'])
        .where('organisation_id', '=', organisationId)
        .execute(),
      db
        .selectFrom('staff_profiles')
        .select(['user_id as userId', 'profile_code as code'])
        .where('organisation_id', '=', organisationId)
        .execute(),
    ]);
    return { roles, profiles };
  },

  async replaceAssignments(
    db: Kysely<DB>,
    organisationId: string,
    userId: string,
    roles: string[],
    profiles: string[],
  ): Promise<void> {
    await db
      .deleteFrom('staff_roles')
      .where('organisation_id', '=', organisationId)
      .where('user_id', '=', userId)
      .execute();
    await db
      .deleteFrom('staff_profiles')
      .where('organisation_id', '=', organisationId)
      .where('user_id', '=', userId)
      .execute();
    if (roles.length)
      await db
        .insertInto('staff_roles')
        .values(roles.map((role_code) => ({ organisation_id: organisationId, user_id: userId, role_code })))
        .execute();
    if (profiles.length)
      await db
        .insertInto('staff_profiles')
        .values(profiles.map((profile_code) => ({ organisation_id: organisationId, user_id: userId, profile_code })))
        .execute();
  },
  /** How many staff members hold this role (staff_roles) or profile (staff_profiles). */
  async holders(
    db: Kysely<DB>,
    organisationId: string,
    table: 'staff_roles' | 'staff_profiles',
    column: 'role_code' | 'profile_code',
    code: string,
  ): Promise<number> {
    const held = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE organisation_id = ${organisationId} AND ${sql.ref(column)} = ${code}`.execute(
      db,
    );
    return held.rows[0].n;
  },
  /** Staff counts per shared-taxonomy role of each active network partner (and the caller), no names. */
  networkRoleCoverage: async (db: Kysely<DB>) =>
    (
      await sql<{
        organisation_id: string;
        taxonomy_code: string;
        staff: number;
      }>`SELECT * FROM app_network_role_coverage()`.execute(db)
    ).rows,
};
