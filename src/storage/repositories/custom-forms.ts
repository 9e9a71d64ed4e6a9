/** Custom forms and their published versions (migration 041). A published version is only ever inserted. */
import type { Kysely } from 'kysely';
import type { DB } from '../schema';

export type FormStatus = 'draft' | 'published' | 'retired';

export interface FormRow {
  id: string;
  code: string;
  target: string;
  status: FormStatus;
  draft: Record<string, unknown>;
  currentVersion: number;
  lockVersion: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface FormVersionRow {
  formId: string;
  version: number;
  definition: Record<string, unknown>;
  publishedAt: Date;
  publishedBy: string | null;
  publishedByName: string | null;
}

const forms = (db: Kysely<DB>, organisationId: string) =>
  db
    .selectFrom('custom_forms')
    .select([
      'id',
      'code',
      'target',
      'status',
      'draft',
      'current_version as currentVersion',
      'lock_version as lockVersion',
      'created_at as createdAt',
      'updated_at as updatedAt',
    ])
    .where('organisation_id', '=', organisationId);

export const customFormsRepo = {
  list: (db: Kysely<DB>, organisationId: string, statuses?: FormStatus[]): Promise<FormRow[]> => {
    let query = forms(db, organisationId);
    if (statuses) query = query.where('status', 'in', statuses);
    return query.orderBy('code').execute();
  },

  byCode: (db: Kysely<DB>, organisationId: string, code: string): Promise<FormRow | undefined> =>
    forms(db, organisationId).where('code', '=', code).executeTakeFirst(),

  /** Published forms that target these targets (`case`, an entry kind). */
  publishedFor: (db: Kysely<DB>, organisationId: string, target: string): Promise<FormRow[]> =>
    forms(db, organisationId).where('status', '=', 'published').where('target', '=', target).orderBy('code').execute(),

  insert: (
    db: Kysely<DB>,
    f: { organisationId: string; id: string; code: string; target: string; draft: unknown; createdBy: string },
  ) =>
    db
      .insertInto('custom_forms')
      .values({
        organisation_id: f.organisationId,
        id: f.id,
        code: f.code,
        target: f.target,
        draft: JSON.stringify(f.draft),
        created_by: f.createdBy,
      })
      .execute(),

  /** Writes the draft if nobody changed it since `lockVersion`; false otherwise. */
  async updateDraft(
    db: Kysely<DB>,
    organisationId: string,
    id: string,
    lockVersion: number,
    change: { target: string; draft: unknown },
  ): Promise<boolean> {
    const result = await db
      .updateTable('custom_forms')
      .set({
        target: change.target,
        draft: JSON.stringify(change.draft),
        lock_version: lockVersion + 1,
        updated_at: new Date(),
      })
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .where('lock_version', '=', lockVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  /** Moves the status (and the published version) forward under the same optimistic lock. */
  async setStatus(
    db: Kysely<DB>,
    organisationId: string,
    id: string,
    lockVersion: number,
    change: { status: FormStatus; currentVersion?: number },
  ): Promise<boolean> {
    const result = await db
      .updateTable('custom_forms')
      .set({
        status: change.status,
        ...(change.currentVersion !== undefined ? { current_version: change.currentVersion } : {}),
        lock_version: lockVersion + 1,
        updated_at: new Date(),
      })
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .where('lock_version', '=', lockVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  insertVersion: (
    db: Kysely<DB>,
    v: { organisationId: string; formId: string; version: number; definition: unknown; publishedBy: string },
  ) =>
    db
      .insertInto('custom_form_versions')
      .values({
        organisation_id: v.organisationId,
        form_id: v.formId,
        version: v.version,
        definition: JSON.stringify(v.definition),
        published_by: v.publishedBy,
      })
      .execute(),

  version: (db: Kysely<DB>, organisationId: string, formId: string, version: number) =>
    versions(db, organisationId).where('v.form_id', '=', formId).where('v.version', '=', version).executeTakeFirst(),

  /** Every published version of these forms, for reading records made under any of them. */
  versionsOf: (db: Kysely<DB>, organisationId: string, formIds: string[]): Promise<FormVersionRow[]> =>
    formIds.length === 0
      ? Promise.resolve([])
      : versions(db, organisationId).where('v.form_id', 'in', formIds).orderBy('v.version').execute(),
};

const versions = (db: Kysely<DB>, organisationId: string) =>
  db
    .selectFrom('custom_form_versions as v')
    .leftJoin('users', 'users.id', 'v.published_by')
    .select([
      'v.form_id as formId',
      'v.version',
      'v.definition',
      'v.published_at as publishedAt',
      'v.published_by as publishedBy',
      'users.display_name as publishedByName',
    ])
    .where('v.organisation_id', '=', organisationId);
