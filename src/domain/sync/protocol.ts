/**
 * The offline sync protocol (issue #18) between the device's encrypted outbox (src/web/offline) and
 * the server (POST /api/sync/push, POST /api/sync/pull). One schema for both ends.
 *
 * - Every change carries an idempotency key made on the device: a replay after a lost answer applies
 *   nothing twice and returns the first result.
 * - An edit names the version the device started from and the values it saw then (`base`). The
 *   server merges field by field against that base (a three-way merge): a field only one side changed
 *   takes that side's value; the same field changed on both sides to different values is a conflict,
 *   queued for a person to choose. Risk, consent, legal and identity fields are never resolved silently.
 * - Changes replay in the order they were made; a change that depends on one not yet applied (a note
 *   on a case made offline) names it by its key (`after`).
 */
import { z } from 'zod';
import { Version } from '../shared/zod';
import { ContactInputSchema } from '../contacts/inputs';

/** The device's key for one change (the same pattern as the Idempotency-Key header). */
export const ChangeKey = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/);

const Fields = z.record(z.string().min(1).max(100), z.unknown());

export const SyncChangeSchema = z.discriminatedUnion('type', [
  /** A contact recorded offline (ContactInputSchema). */
  z.strictObject({ type: z.literal('contact'), key: ChangeKey, contact: ContactInputSchema }),
  /** A new record of a case (a note, a service, a risk assessment…): the entry kind and its data. */
  z.strictObject({
    type: z.literal('entry'),
    key: ChangeKey,
    caseId: z.string().uuid(),
    kind: z.string().min(1).max(60),
    data: Fields,
  }),
  /**
   * An edit of a record the device holds: the version and values it started from, and the new values.
   * A field absent from `data` is one the device did not change; a cleared field is sent as null.
   */
  z.strictObject({
    type: z.literal('entry_update'),
    key: ChangeKey,
    caseId: z.string().uuid(),
    entryId: z.string().uuid(),
    baseVersion: Version,
    base: Fields,
    data: Fields,
  }),
  /**
   * An edit of the case's own fields (programmeType, country, cooperationWithAuthorities) and her
   * person's (givenName, familyName, aliases, dateOfBirth, sex, citizenship, languages, contact,
   * documents, chosenTerm, pronouns, preferredLanguage): base and new values, as for entries.
   * `baseVersion` is the case's version (the pull's `version`).
   */
  z.strictObject({
    type: z.literal('case_update'),
    key: ChangeKey,
    caseId: z.string().uuid(),
    baseVersion: Version,
    base: Fields,
    data: Fields,
  }),
]);
export type SyncChange = z.infer<typeof SyncChangeSchema>;

export const SyncPushBody = z.strictObject({
  deviceId: z.string().uuid(),
  changes: z.array(SyncChangeSchema).min(1).max(2000),
});

/** What became of one change. `merged` lists the fields taken from the server's side. */
export const SyncResultSchema = z.discriminatedUnion('status', [
  z.strictObject({ key: ChangeKey, status: z.literal('applied'), id: z.string().uuid(), version: Version }),
  z.strictObject({
    key: ChangeKey,
    status: z.literal('merged'),
    id: z.string().uuid(),
    version: Version,
    keptFromServer: z.array(z.string()),
  }),
  /**
   * Some fields wait in the conflict queue (`fields`); the others were merged and stored as `version`
   * of the record `id` (absent when nothing else changed).
   */
  z.strictObject({
    key: ChangeKey,
    status: z.literal('conflict'),
    conflictId: z.string().uuid(),
    fields: z.array(z.string()),
    id: z.string().uuid().optional(),
    version: Version.optional(),
  }),
  /**
   * Refused as online (policy, consent, validation…): nothing was written. `sync_case_not_held`: the
   * case was closed, transferred or her consent withdrawn; the device wipes it (it is in the pull's `removed`).
   * `fields` names the fields a validation refused.
   */
  z.strictObject({
    key: ChangeKey,
    status: z.literal('rejected'),
    error: z.strictObject({ code: z.string(), message: z.string(), fields: z.array(z.string()).optional() }),
  }),
]);
export type SyncResult = z.infer<typeof SyncResultSchema>;

export const SyncPushResponse = z.strictObject({ results: z.array(SyncResultSchema) });

/** Selective sync: the cases she marked, her caseload, a time window of records, a purpose. */
export const SyncPullBody = z.strictObject({
  deviceId: z.string().uuid(),
  caseIds: z.array(z.string().uuid()).max(10_000).default([]),
  caseload: z.boolean().default(false),
  /** Only records of the last N days (the case itself always comes). */
  windowDays: z.number().int().min(1).max(3650).optional(),
  /** The server's cursor from the last pull: only what changed since comes back. */
  since: z.string().max(200).optional(),
});

/** One conflicting field's choice: her device's value, the server's, or a value she wrote. */
export const FieldChoiceSchema = z.discriminatedUnion('take', [
  z.strictObject({ field: z.string().min(1).max(100), take: z.literal('mine') }),
  z.strictObject({ field: z.string().min(1).max(100), take: z.literal('theirs') }),
  z.strictObject({ field: z.string().min(1).max(100), take: z.literal('edited'), value: z.unknown() }),
]);

/** POST /api/sync/conflicts/:id/resolve: a choice for every field of the conflict. */
export const ResolveConflictBody = z.strictObject({ choices: z.array(FieldChoiceSchema).min(1).max(100) });

/** POST /api/sync/devices: the device's own identifier (made once on the device) and an optional label. */
export const RegisterDeviceBody = z.strictObject({
  deviceId: z.string().uuid(),
  label: z.string().trim().min(1).max(80).optional(),
});
