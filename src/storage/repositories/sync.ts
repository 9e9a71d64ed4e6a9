/**
 * Offline sync (migration 044): the devices registered for offline work, the changes they pushed by
 * idempotency key, the conflict queue, and the batched reads of a pull. Only this module writes their SQL.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema';

export interface SyncDeviceRow {
  deviceId: string;
  userId: string;
  userName: string;
  label: string | null;
  registeredAt: Date;
  lastSyncAt: Date | null;
  keyEpoch: number;
  revokedAt: Date | null;
}

export interface SyncConflictRow {
  id: string;
  caseId: string;
  caseReference: string;
  caseOwnerId: string;
  entryId: string | null;
  kind: string | null;
  deviceId: string;
  userId: string;
  changeKey: string;
  fields: string[];
  baseEnc: string;
  mineEnc: string;
  theirsEnc: string;
  status: 'open' | 'resolved';
  resolvedBy: string | null;
  resolvedAt: Date | null;
  createdAt: Date;
}

/** One case as a pull carries it: the case row, her person, the owner's name. */
export interface SyncCaseRow {
  id: string;
  reference: string;
  status: string;
  ownerUserId: string;
  ownerName: string;
  programmeType: string | null;
  country: string | null;
  cooperation: string;
  currentRiskLevel: string | null;
  openedAt: Date;
  updatedAt: Date;
  version: number;
  personId: string;
  personVersion: number;
  identityEnc: string;
  sex: string;
  chosenTerm: string | null;
  pronouns: string | null;
  preferredLanguage: string | null;
  isMinor: boolean | null;
}

const deviceColumns = (db: Kysely<DB>) =>
  db
    .selectFrom('sync_devices')
    .innerJoin('users', 'users.id', 'sync_devices.user_id')
    .select([
      'sync_devices.device_id as deviceId',
      'sync_devices.user_id as userId',
      'users.display_name as userName',
      'sync_devices.label',
      'sync_devices.registered_at as registeredAt',
      'sync_devices.last_sync_at as lastSyncAt',
      'sync_devices.key_epoch as keyEpoch',
      'sync_devices.revoked_at as revokedAt',
    ]);

const conflictColumns = (db: Kysely<DB>) =>
  db
    .selectFrom('sync_conflicts')
    .innerJoin('cases', (j) =>
      j
        .onRef('cases.organisation_id', '=', 'sync_conflicts.organisation_id')
        .onRef('cases.id', '=', 'sync_conflicts.case_id'),
    )
    .select([
      'sync_conflicts.id',
      'sync_conflicts.case_id as caseId',
      'cases.reference as caseReference',
      'cases.owner_user_id as caseOwnerId',
      'sync_conflicts.entry_id as entryId',
      'sync_conflicts.kind',
      'sync_conflicts.device_id as deviceId',
      'sync_conflicts.user_id as userId',
      'sync_conflicts.change_key as changeKey',
      'sync_conflicts.fields',
      'sync_conflicts.base_enc as baseEnc',
      'sync_conflicts.mine_enc as mineEnc',
      'sync_conflicts.theirs_enc as theirsEnc',
      'sync_conflicts.status',
      'sync_conflicts.resolved_by as resolvedBy',
      'sync_conflicts.resolved_at as resolvedAt',
      'sync_conflicts.created_at as createdAt',
    ]);

export const syncRepo = {
  findDevice: (db: Kysely<DB>, organisationId: string, deviceId: string): Promise<SyncDeviceRow | undefined> =>
    deviceColumns(db)
      .where('sync_devices.organisation_id', '=', organisationId)
      .where('sync_devices.device_id', '=', deviceId)
      .executeTakeFirst(),

  listDevices: (db: Kysely<DB>, organisationId: string, userId?: string): Promise<SyncDeviceRow[]> => {
    let q = deviceColumns(db).where('sync_devices.organisation_id', '=', organisationId);
    if (userId) q = q.where('sync_devices.user_id', '=', userId);
    return q.orderBy('sync_devices.registered_at').orderBy('sync_devices.device_id').execute();
  },

  /** Registers the device (a repeat by the same user keeps its row); false when it belongs to someone else. */
  async registerDevice(
    db: Kysely<DB>,
    d: { organisationId: string; deviceId: string; userId: string; label: string | null },
  ): Promise<boolean> {
    await db
      .insertInto('sync_devices')
      .values({ organisation_id: d.organisationId, device_id: d.deviceId, user_id: d.userId, label: d.label })
      .onConflict((oc) => oc.columns(['organisation_id', 'device_id']).doNothing())
      .execute();
    const row = await syncRepo.findDevice(db, d.organisationId, d.deviceId);
    return row?.userId === d.userId;
  },

  touchDevice: (db: Kysely<DB>, organisationId: string, deviceId: string) =>
    db
      .updateTable('sync_devices')
      .set({ last_sync_at: sql`now()` })
      .where('organisation_id', '=', organisationId)
      .where('device_id', '=', deviceId)
      .execute(),

  revokeDevice: async (db: Kysely<DB>, organisationId: string, deviceId: string, by: string): Promise<boolean> => {
    const r = await db
      .updateTable('sync_devices')
      .set({ revoked_at: sql`now()`, revoked_by: by })
      .where('organisation_id', '=', organisationId)
      .where('device_id', '=', deviceId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },

  /** Claims a change key; false when it was pushed before (then `findChange` has its result). */
  async claimChange(
    db: Kysely<DB>,
    c: { organisationId: string; userId: string; key: string; deviceId: string },
  ): Promise<boolean> {
    const inserted = await db
      .insertInto('sync_changes')
      .values({ organisation_id: c.organisationId, user_id: c.userId, key: c.key, device_id: c.deviceId })
      .onConflict((oc) => oc.columns(['organisation_id', 'user_id', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    return inserted !== undefined;
  },

  findChange: async (db: Kysely<DB>, organisationId: string, userId: string, key: string) =>
    db
      .selectFrom('sync_changes')
      .select(['result', 'device_id as deviceId'])
      .where('organisation_id', '=', organisationId)
      .where('user_id', '=', userId)
      .where('key', '=', key)
      .executeTakeFirst(),

  completeChange: (db: Kysely<DB>, organisationId: string, userId: string, key: string, result: object) =>
    db
      .updateTable('sync_changes')
      .set({ result: JSON.stringify(result) })
      .where('organisation_id', '=', organisationId)
      .where('user_id', '=', userId)
      .where('key', '=', key)
      .execute(),

  /** Claims several change keys in one statement; answers the keys claimed now (the others were pushed before). */
  async claimChanges(
    db: Kysely<DB>,
    c: { organisationId: string; userId: string; deviceId: string; keys: readonly string[] },
  ): Promise<Set<string>> {
    const keys = [...new Set(c.keys)];
    if (keys.length === 0) return new Set();
    const rows = await db
      .insertInto('sync_changes')
      .values(keys.map((key) => ({ organisation_id: c.organisationId, user_id: c.userId, key, device_id: c.deviceId })))
      .onConflict((oc) => oc.columns(['organisation_id', 'user_id', 'key']).doNothing())
      .returning('key')
      .execute();
    return new Set(rows.map((r) => r.key));
  },

  /** The stored results of several change keys (null while one is still being applied). */
  async findChanges(
    db: Kysely<DB>,
    organisationId: string,
    userId: string,
    keys: readonly string[],
  ): Promise<Map<string, unknown>> {
    if (keys.length === 0) return new Map();
    const rows = await db
      .selectFrom('sync_changes')
      .select(['key', 'result'])
      .where('organisation_id', '=', organisationId)
      .where('user_id', '=', userId)
      .where('key', 'in', [...new Set(keys)])
      .execute();
    return new Map(rows.map((r) => [r.key, r.result]));
  },

  /** Stores the results of several changes in one statement. */
  async completeChanges(
    db: Kysely<DB>,
    organisationId: string,
    userId: string,
    results: readonly { key: string; result: object }[],
  ): Promise<void> {
    for (let i = 0; i < results.length; i += 500) {
      const slice = results.slice(i, i + 500);
      const values = sql.join(slice.map((r) => sql`(${r.key}::text, ${JSON.stringify(r.result)}::jsonb)`));
      await sql`UPDATE sync_changes SET result = v.result FROM (VALUES ${values}) AS v(key, result)
        WHERE sync_changes.organisation_id = ${organisationId} AND sync_changes.user_id = ${userId}
          AND sync_changes.key = v.key`.execute(db);
    }
  },

  /**
   * A savepoint for the next change of a push run, releasing the previous one. On PostgreSQL both go
   * in one round trip (`oneTrip`: a statement without parameters may hold several); PGlite one at a time.
   */
  async nextSavepoint(db: Kysely<DB>, opts: { releasePrevious: boolean; oneTrip: boolean }): Promise<void> {
    if (opts.releasePrevious && opts.oneTrip)
      return void (await sql.raw('RELEASE SAVEPOINT sync_change; SAVEPOINT sync_change').execute(db));
    if (opts.releasePrevious) await sql.raw('RELEASE SAVEPOINT sync_change').execute(db);
    await sql.raw('SAVEPOINT sync_change').execute(db);
  },

  /** Undoes the statements of the change since its savepoint (a refused change writes nothing). */
  rollbackToSavepoint: async (db: Kysely<DB>): Promise<void> =>
    void (await sql.raw('ROLLBACK TO SAVEPOINT sync_change').execute(db)),

  releaseSavepoint: async (db: Kysely<DB>): Promise<void> =>
    void (await sql.raw('RELEASE SAVEPOINT sync_change').execute(db)),

  releaseChange: (db: Kysely<DB>, organisationId: string, userId: string, key: string) =>
    db
      .deleteFrom('sync_changes')
      .where('organisation_id', '=', organisationId)
      .where('user_id', '=', userId)
      .where('key', '=', key)
      .where('result', 'is', null)
      .execute(),

  insertConflict: (
    db: Kysely<DB>,
    c: {
      id: string;
      organisationId: string;
      caseId: string;
      entryId: string | null;
      kind: string | null;
      deviceId: string;
      userId: string;
      changeKey: string;
      fields: string[];
      baseEnc: string;
      mineEnc: string;
      theirsEnc: string;
    },
  ) =>
    db
      .insertInto('sync_conflicts')
      .values({
        id: c.id,
        organisation_id: c.organisationId,
        case_id: c.caseId,
        entry_id: c.entryId,
        kind: c.kind,
        device_id: c.deviceId,
        user_id: c.userId,
        change_key: c.changeKey,
        fields: c.fields,
        base_enc: c.baseEnc,
        mine_enc: c.mineEnc,
        theirs_enc: c.theirsEnc,
      })
      .execute(),

  findConflict: (db: Kysely<DB>, organisationId: string, id: string): Promise<SyncConflictRow | undefined> =>
    conflictColumns(db)
      .where('sync_conflicts.organisation_id', '=', organisationId)
      .where('sync_conflicts.id', '=', id)
      .executeTakeFirst() as Promise<SyncConflictRow | undefined>,

  /** The ids of the conflicts raised from this device still open (no case data): the device's outbox follows them. */
  openConflictIdsOfDevice: async (db: Kysely<DB>, organisationId: string, deviceId: string): Promise<string[]> =>
    (
      await db
        .selectFrom('sync_conflicts')
        .select('id')
        .where('organisation_id', '=', organisationId)
        .where('device_id', '=', deviceId)
        .where('status', '=', 'open')
        .execute()
    ).map((r) => r.id),

  /** Open conflicts she raised or on the cases she owns, oldest first. */
  openConflictsFor: (db: Kysely<DB>, organisationId: string, userId: string): Promise<SyncConflictRow[]> =>
    conflictColumns(db)
      .where('sync_conflicts.organisation_id', '=', organisationId)
      .where('sync_conflicts.status', '=', 'open')
      .where((eb) => eb.or([eb('sync_conflicts.user_id', '=', userId), eb('cases.owner_user_id', '=', userId)]))
      .orderBy('sync_conflicts.created_at')
      .orderBy('sync_conflicts.id')
      .execute() as Promise<SyncConflictRow[]>,

  resolveConflict: async (
    db: Kysely<DB>,
    organisationId: string,
    id: string,
    by: string,
    resolutionEnc: string,
  ): Promise<boolean> => {
    const r = await db
      .updateTable('sync_conflicts')
      .set({ status: 'resolved', resolved_by: by, resolved_at: sql`now()`, resolution_enc: resolutionEnc })
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },

  /** The cases a pull may carry: the listed ids, and her open caseload when asked. */
  casesForPull: (
    db: Kysely<DB>,
    organisationId: string,
    f: { ids: string[]; ownerId?: string },
  ): Promise<SyncCaseRow[]> => {
    if (f.ids.length === 0 && !f.ownerId) return Promise.resolve([]);
    return db
      .selectFrom('cases')
      .innerJoin('users', 'users.id', 'cases.owner_user_id')
      .innerJoin('persons', (j) =>
        j.onRef('persons.organisation_id', '=', 'cases.organisation_id').onRef('persons.id', '=', 'cases.person_id'),
      )
      .select([
        'cases.id',
        'cases.reference',
        'cases.status',
        'cases.owner_user_id as ownerUserId',
        'users.display_name as ownerName',
        'cases.programme_type as programmeType',
        'cases.country',
        'cases.cooperation',
        'cases.current_risk_level as currentRiskLevel',
        'cases.opened_at as openedAt',
        'cases.updated_at as updatedAt',
        'cases.version',
        'persons.id as personId',
        'persons.version as personVersion',
        'persons.identity_enc as identityEnc',
        'persons.sex',
        'persons.chosen_term as chosenTerm',
        'persons.pronouns',
        'persons.preferred_language as preferredLanguage',
        'persons.is_minor as isMinor',
      ])
      .where('cases.organisation_id', '=', organisationId)
      .where((eb) => {
        const any = [];
        if (f.ids.length > 0) any.push(eb('cases.id', 'in', f.ids));
        if (f.ownerId)
          any.push(eb.and([eb('cases.owner_user_id', '=', f.ownerId), eb('cases.status', '!=', 'closed')]));
        return eb.or(any);
      })
      .orderBy('cases.id')
      .execute();
  },

  /** The consent records of these cases (current versions), to tell which she withdrew. */
  consentsOf: (db: Kysely<DB>, organisationId: string, caseIds: string[]) =>
    caseIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('case_entries')
          .select(['case_id as caseId', 'data', 'recorded_at as recordedAt'])
          .where('organisation_id', '=', organisationId)
          .where('case_id', 'in', caseIds)
          .where('kind', '=', 'consent')
          .where('current', '=', true)
          .orderBy('recorded_at')
          .execute(),

  settingsOf: (db: Kysely<DB>, organisationId: string) =>
    db
      .selectFrom('organisations')
      .select(['sync_lock_after_minutes as lockAfterMinutes', 'sync_wipe_after_days as wipeAfterDays'])
      .where('id', '=', organisationId)
      .executeTakeFirstOrThrow(),
};
