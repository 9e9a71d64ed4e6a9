/**
 * Exactly which fields of offline sync leave the server: a device (never its key, except in the key
 * answer itself), a pulled case (its summary, version, own fields and records through the case
 * presenters), and a conflict (each field's base, offline and server values as JSON text, so the
 * schema stays closed whatever the field holds).
 */
import { z } from 'zod';
import type { ConflictView, DeviceKeyView, PullView } from '../../services/sync';
import type { SyncDeviceRow } from '../../storage/repositories/sync';
import { CaseSummarySchema, EntrySchema, presentCaseSummary, presentEntry } from './case';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export const SyncDeviceSchema = z
  .strictObject({
    deviceId: z.string().uuid(),
    label: z.string().nullable(),
    registeredAt: z.string(),
    lastSyncAt: z.string().nullable(),
    keyEpoch: z.number().int(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'SyncDevice' });

export function presentDevice(d: SyncDeviceRow): z.infer<typeof SyncDeviceSchema> {
  return {
    deviceId: d.deviceId,
    label: d.label,
    registeredAt: iso(d.registeredAt)!,
    lastSyncAt: iso(d.lastSyncAt),
    keyEpoch: d.keyEpoch,
    revokedAt: iso(d.revokedAt),
  };
}

export const SyncDeviceKeySchema = z
  .strictObject({
    deviceId: z.string().uuid(),
    keyEpoch: z.number().int(),
    key: z
      .string()
      .describe('The device data key (base64, 32 bytes): wraps the on-device store key; never stored in clear'),
    lockAfterMinutes: z.number().int(),
    wipeAfterDays: z.number().int(),
  })
  .meta({ id: 'SyncDeviceKey' });

export const presentDeviceKey = (k: DeviceKeyView): z.infer<typeof SyncDeviceKeySchema> => ({
  deviceId: k.deviceId,
  keyEpoch: k.keyEpoch,
  key: k.key,
  lockAfterMinutes: k.lockAfterMinutes,
  wipeAfterDays: k.wipeAfterDays,
});

/** The case's own fields and her person's, as a case_update names them (its `base`). */
export const SyncCaseFieldsSchema = z
  .strictObject({
    programmeType: z.string().optional(),
    country: z.string().optional(),
    cooperationWithAuthorities: z.string().optional(),
    givenName: z.string().optional(),
    familyName: z.string().optional(),
    aliases: z.array(z.string()).optional(),
    dateOfBirth: z.string().optional(),
    sex: z.string().optional(),
    citizenship: z.string().optional(),
    languages: z.array(z.string()).optional(),
    contact: z.string().optional(),
    documents: z.string().optional(),
    chosenTerm: z.string().optional(),
    pronouns: z.string().optional(),
    preferredLanguage: z.string().optional(),
  })
  .meta({ id: 'SyncCaseFields' });
const CASE_FIELD_NAMES = Object.keys(SyncCaseFieldsSchema.shape);

export const SyncPulledCaseSchema = z
  .strictObject({
    case: CaseSummarySchema,
    version: z.number().int().describe("The case's version: a case_update's baseVersion"),
    fields: SyncCaseFieldsSchema,
    entries: z.array(EntrySchema),
  })
  .meta({ id: 'SyncPulledCase' });

export const SyncPullResponse = z
  .strictObject({
    cursor: z.string().describe('Send as `since` next time: only what changed after it comes back'),
    cases: z.array(SyncPulledCaseSchema),
    removed: z
      .array(z.string().uuid())
      .describe('Cases the device holds and may no longer (closed, transferred, consent withdrawn): wipe them'),
    openConflicts: z
      .array(z.string().uuid())
      .describe("The conflicts raised from this device still open; the device's outbox drops the others"),
    lockAfterMinutes: z.number().int(),
    wipeAfterDays: z.number().int(),
  })
  .meta({ id: 'SyncPull' });

export function presentPull(p: PullView): z.infer<typeof SyncPullResponse> {
  return {
    cursor: p.cursor,
    cases: p.cases.map((c) => ({
      case: presentCaseSummary({ ...c.row, personName: c.personName }),
      version: c.row.version,
      fields: Object.fromEntries(
        CASE_FIELD_NAMES.filter((k) => c.fields[k] !== undefined).map((k) => [k, c.fields[k]]),
      ) as z.infer<typeof SyncCaseFieldsSchema>,
      entries: c.entries.map(presentEntry),
    })),
    removed: p.removed,
    openConflicts: p.openConflicts,
    lockAfterMinutes: p.lockAfterMinutes,
    wipeAfterDays: p.wipeAfterDays,
  };
}

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

export const SyncConflictSchema = z
  .strictObject({
    id: z.string().uuid(),
    caseId: z.string().uuid(),
    caseReference: z.string(),
    entryId: z.string().uuid().nullable(),
    kind: z.string().nullable().describe('The record kind; null for the case and person fields'),
    raisedBy: z.string().uuid(),
    deviceId: z.string().uuid(),
    status: z.enum(['open', 'resolved']),
    createdAt: z.string(),
    resolvedAt: z.string().nullable(),
    fields: z.array(
      z.strictObject({
        field: z.string(),
        protected: z.boolean().describe('Risk, consent, legal or identity: confirm before choosing'),
        base: z.string().nullable().describe('JSON of the value the device started from (null: none)'),
        mine: z.string().nullable().describe('JSON of the offline value'),
        theirs: z.string().nullable().describe('JSON of the server value when the conflict was raised'),
      }),
    ),
  })
  .meta({ id: 'SyncConflict' });

export function presentConflict(v: ConflictView): z.infer<typeof SyncConflictSchema> {
  const guarded = new Set(v.protectedFields);
  return {
    id: v.row.id,
    caseId: v.row.caseId,
    caseReference: v.row.caseReference,
    entryId: v.row.entryId,
    kind: v.row.kind,
    raisedBy: v.row.userId,
    deviceId: v.row.deviceId,
    status: v.row.status,
    createdAt: iso(v.row.createdAt)!,
    resolvedAt: iso(v.row.resolvedAt),
    fields: v.row.fields.map((f) => ({
      field: f,
      protected: guarded.has(f),
      base: json(v.base[f]),
      mine: json(v.mine[f]),
      theirs: json(v.theirs[f]),
    })),
  };
}
