/**
 * Offline sync (issue #18), the server side: devices and their keys, push (the changes in order,
 * through the same services as online, edits merged field by field against the device's base; new
 * records in runs of one transaction each), pull (selective, with what the device must wipe), and
 * the conflict queue.
 *
 * - Policy `sync.use` first; every change then goes through the service that does it online
 *   (addEntry, reviseEntry, updateCase, updatePerson), so every policy, consent and validation rule
 *   holds offline exactly as online. A refused change is `rejected`, never a silent write.
 * - A device holds a case only while it is open and her consent to assistance and to data storage is
 *   not withdrawn (domain/sync/holding.ts); otherwise a push to it is `rejected` (sync_case_not_held)
 *   and a pull lists it in `removed`, so the device wipes it.
 * - Replay: each change key is claimed once per user (sync_changes); a replay returns the first result.
 * - The device's data key is derived from the master key, the organisation, the user, the device and
 *   its key epoch: never stored. A revoked device gets 410, an inactive membership 403.
 */
import crypto from 'node:crypto';
import { z } from 'zod';
import { ENTRY_KINDS, ENTRY_SCHEMAS, type EntryKind } from '../domain/cases/entries';
import { consentEventsFromRecords } from '../domain/cases/consent';
import { UpdatePersonBody } from '../domain/cases/inputs';
import { DomainError } from '../domain/errors';
import { mayHoldOffline } from '../domain/sync/holding';
import {
  CASE_FIELDS,
  PERSON_FIELDS,
  protectedFieldsOf,
  resolutionChanges,
  threeWayMerge,
  type FieldChoice,
} from '../domain/sync/merge';
import type { SyncChange, SyncPullBody, SyncPushBody, SyncResult } from '../domain/sync/protocol';
import { AppError, errors } from '../errors';
import type { Actor } from '../policies/policies';
import { UpdateCaseBody } from '../server/routes/cases/schema';
import type { Tx } from '../storage/database';
import { auditRepo } from '../storage/repositories/audit';
import { caseEntriesRepo, type EntryRow } from '../storage/repositories/case-entries';
import { casesRepo, type CaseRow } from '../storage/repositories/cases';
import { syncRepo, type SyncCaseRow, type SyncConflictRow } from '../storage/repositories/sync';
import { usersRepo } from '../storage/repositories/users';
import { requireAccess } from './authorize';
import {
  addEntry,
  addEntryInTx,
  defersWrites,
  flushEntryWrites,
  pendingEntryWrites,
  present,
  reviseEntry,
  runsNoStatement,
  type EntryLoads,
  type EntryView,
} from './case-entries';
import { requireCase, updateCase, updatePerson } from './cases';
import { inTenant, READS_ONLY, type AppContext } from './context';
import { openIdentity, type PersonIdentity } from './person-identity';
import { recordContact } from './contacts';

type Fields = Record<string, unknown>;
type PushBody = z.output<typeof SyncPushBody>;
type PullBody = z.output<typeof SyncPullBody>;

/** The reason stored with a record revised by sync (sealed with the version, shown in its history). */
const SYNC_REASON = 'Offline change synchronised from a device';
const RESOLVE_REASON = 'Offline conflict resolved in the sync queue';

const own = (actor: Actor) => ({ organisationId: actor.organisationId });

function audit(tx: Tx, actor: Actor, action: string, entityType: string, entityId: string | null, fields: string[]) {
  return auditRepo.append(tx, {
    organisationId: actor.organisationId,
    actorUserId: actor.userId,
    action,
    entityType,
    entityId,
    fields,
  });
}

// ---------------------------------------------------------------------------------------------
// Devices

const deviceRevoked = () =>
  new AppError(410, 'sync_device_revoked', 'This device was revoked: its offline data must be wiped');
const membershipInactive = () =>
  new AppError(
    403,
    'sync_membership_inactive',
    'Your access to this organisation has ended: offline data must be wiped',
  );

/** The device's 32-byte data key: derived, never stored; a new epoch makes a new one. */
function deviceKey(ctx: AppContext, organisationId: string, userId: string, deviceId: string, epoch: number): string {
  return ctx.keyRing
    .deriveSecret(`ariadne.sync.device.v1|${organisationId}|${userId}|${deviceId}|${epoch}`)
    .toString('base64');
}

/** Her own, unrevoked device, with her membership still active (in the caller's transaction). */
async function requireDevice(tx: Tx, actor: Actor, deviceId: string) {
  const member = await usersRepo.findMember(tx, actor.organisationId, actor.userId);
  if (!member?.active) throw membershipInactive();
  const device = await syncRepo.findDevice(tx, actor.organisationId, deviceId);
  if (!device || device.userId !== actor.userId) throw errors.notFound();
  if (device.revokedAt) throw deviceRevoked();
  return device;
}

export interface DeviceKeyView {
  deviceId: string;
  keyEpoch: number;
  /** The device's data key (base64 of 32 bytes): it wraps the store's key and is never written to disk in clear. */
  key: string;
  lockAfterMinutes: number;
  wipeAfterDays: number;
}

async function keyView(ctx: AppContext, tx: Tx, actor: Actor, deviceId: string, epoch: number): Promise<DeviceKeyView> {
  const settings = await syncRepo.settingsOf(tx, actor.organisationId);
  return {
    deviceId,
    keyEpoch: epoch,
    key: deviceKey(ctx, actor.organisationId, actor.userId, deviceId, epoch),
    lockAfterMinutes: settings.lockAfterMinutes,
    wipeAfterDays: settings.wipeAfterDays,
  };
}

export async function registerDevice(
  ctx: AppContext,
  actor: Actor,
  input: { deviceId: string; label?: string },
): Promise<DeviceKeyView> {
  requireAccess(actor, 'sync.use', own(actor));
  return inTenant(ctx, actor, async (tx) => {
    const member = await usersRepo.findMember(tx, actor.organisationId, actor.userId);
    if (!member?.active) throw membershipInactive();
    const mine = await syncRepo.registerDevice(tx, {
      organisationId: actor.organisationId,
      deviceId: input.deviceId,
      userId: actor.userId,
      label: input.label ?? null,
    });
    if (!mine) throw errors.conflict('sync_device_taken', 'This device identifier is registered to someone else');
    const device = await requireDevice(tx, actor, input.deviceId);
    await audit(tx, actor, 'sync.device.register', 'sync_device', input.deviceId, ['key']);
    return keyView(ctx, tx, actor, input.deviceId, device.keyEpoch);
  });
}

/** The key again, for a valid session of her own unrevoked device (after a reload or an unlock). */
export async function issueDeviceKey(ctx: AppContext, actor: Actor, deviceId: string): Promise<DeviceKeyView> {
  requireAccess(actor, 'sync.use', own(actor));
  return inTenant(ctx, actor, async (tx) => {
    const device = await requireDevice(tx, actor, deviceId);
    await audit(tx, actor, 'sync.device.key', 'sync_device', deviceId, ['key']);
    return keyView(ctx, tx, actor, deviceId, device.keyEpoch);
  });
}

export async function listDevices(ctx: AppContext, actor: Actor) {
  requireAccess(actor, 'sync.use', own(actor));
  return inTenant(ctx, actor, (tx) => syncRepo.listDevices(tx, actor.organisationId, actor.userId), READS_ONLY);
}

export async function revokeDevice(ctx: AppContext, actor: Actor, deviceId: string) {
  requireAccess(actor, 'sync.use', own(actor));
  return inTenant(ctx, actor, async (tx) => {
    const device = await syncRepo.findDevice(tx, actor.organisationId, deviceId);
    if (!device || device.userId !== actor.userId) throw errors.notFound();
    await syncRepo.revokeDevice(tx, actor.organisationId, deviceId, actor.userId);
    await audit(tx, actor, 'sync.device.revoke', 'sync_device', deviceId, ['revoked']);
    return (await syncRepo.findDevice(tx, actor.organisationId, deviceId))!;
  });
}

// ---------------------------------------------------------------------------------------------
// Holding a case offline

const notHeld = () =>
  new DomainError(
    'sync_case_not_held',
    'This case can no longer be kept on this device: it was closed or transferred, or her consent was withdrawn',
  );

/** The case, if this device may still hold it and she may change it (read transaction). */
async function requireHeld(tx: Tx, actor: Actor, caseId: string): Promise<CaseRow> {
  const row = await requireCase(tx, actor, caseId, 'case.update');
  const consents = consentEventsFromRecords(await syncRepo.consentsOf(tx, actor.organisationId, [caseId]));
  if (!mayHoldOffline(row.status, consents)) throw notHeld();
  return row;
}

// ---------------------------------------------------------------------------------------------
// Push

/** A record's fields as the kind's schema names them (derived and legacy values left out). */
function ownFields(kind: string, data: Fields): Fields {
  const schema = ENTRY_SCHEMAS[kind as EntryKind] as unknown as { shape?: Record<string, unknown> };
  const names = schema.shape ? [...Object.keys(schema.shape), 'custom'] : Object.keys(data);
  return Object.fromEntries(names.filter((k) => data[k] !== undefined).map((k) => [k, data[k]]));
}

const only = (fields: readonly string[], values: Fields): Fields =>
  Object.fromEntries(fields.filter((f) => values[f] !== undefined).map((f) => [f, values[f]]));

const withoutNulls = (values: Fields): Fields =>
  Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null && v !== undefined));

async function seal(ctx: AppContext, organisationId: string, value: unknown) {
  return ctx.keyRing.encrypt(organisationId, JSON.stringify(value));
}

async function queueConflict(
  ctx: AppContext,
  actor: Actor,
  deviceId: string,
  change: { key: string; caseId: string },
  target: { entryId: string | null; kind: string | null },
  fields: string[],
  values: { base: Fields; mine: Fields; theirs: Fields },
): Promise<string> {
  const id = crypto.randomUUID();
  const org = actor.organisationId;
  await ctx.keyRing.warm(org);
  const [baseEnc, mineEnc, theirsEnc] = await Promise.all([
    seal(ctx, org, pickAll(fields, values.base)),
    seal(ctx, org, pickAll(fields, values.mine)),
    seal(ctx, org, pickAll(fields, values.theirs)),
  ]);
  await inTenant(ctx, actor, async (tx) => {
    await syncRepo.insertConflict(tx, {
      id,
      organisationId: org,
      caseId: change.caseId,
      entryId: target.entryId,
      kind: target.kind,
      deviceId,
      userId: actor.userId,
      changeKey: change.key,
      fields,
      baseEnc,
      mineEnc,
      theirsEnc,
    });
    await audit(tx, actor, 'sync.conflict.create', 'case', change.caseId, fields);
  });
  return id;
}

/** Every listed field, null where the side has no value (so "cleared" is kept apart from "absent"). */
const pickAll = (fields: readonly string[], values: Fields): Fields =>
  Object.fromEntries(fields.map((f) => [f, values[f] ?? null]));

async function pushEntry(ctx: AppContext, actor: Actor, change: Extract<SyncChange, { type: 'entry' }>) {
  if (!(ENTRY_KINDS as string[]).includes(change.kind))
    throw errors.validation([{ path: ['kind'], code: 'invalid_value', message: 'Unknown record kind' }]);
  await inTenant(ctx, actor, (tx) => requireHeld(tx, actor, change.caseId), READS_ONLY);
  const view = await addEntry(ctx, actor, change.caseId, change.kind as EntryKind, change.data);
  return { key: change.key, status: 'applied', id: view.id, version: view.version } as const;
}

async function currentEntry(ctx: AppContext, actor: Actor, caseId: string, entryId: string) {
  return inTenant(
    ctx,
    actor,
    async (tx) => {
      await requireHeld(tx, actor, caseId);
      const row = await caseEntriesRepo.findCurrent(tx, actor.organisationId, caseId, entryId);
      if (!row) throw errors.notFound();
      const view = await present(ctx, actor.organisationId, row);
      return { row, data: ownFields(row.kind, view.data) };
    },
    READS_ONLY,
  );
}

/** Retries a merge once when the record moved between the read and the write (a version conflict). */
async function onceMore<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof AppError && e.code === 'version_conflict') return fn();
    throw e;
  }
}

async function pushEntryUpdate(
  ctx: AppContext,
  actor: Actor,
  deviceId: string,
  change: Extract<SyncChange, { type: 'entry_update' }>,
): Promise<SyncResult> {
  return onceMore(async () => {
    const { row, data: theirs } = await currentEntry(ctx, actor, change.caseId, change.entryId);
    const base = change.base;
    const result = threeWayMerge({
      base,
      mine: change.data,
      theirs,
      protectedFields: protectedFieldsOf({ type: 'entry', kind: row.kind }, [
        ...Object.keys(base),
        ...Object.keys(change.data),
        ...Object.keys(theirs),
      ]),
      baseIsCurrent: change.baseVersion === row.version,
    });
    let stored: EntryView | EntryRow = row;
    if (result.applied.length > 0)
      stored = await reviseEntry(
        ctx,
        actor,
        change.caseId,
        change.entryId,
        withoutNulls(result.merged),
        row.version,
        SYNC_REASON,
      );
    if (result.conflicts.length > 0) {
      const conflictId = await queueConflict(
        ctx,
        actor,
        deviceId,
        change,
        { entryId: change.entryId, kind: row.kind },
        result.conflicts,
        { base, mine: { ...base, ...change.data }, theirs },
      );
      return {
        key: change.key,
        status: 'conflict',
        conflictId,
        fields: result.conflicts,
        ...(result.applied.length > 0 ? { id: stored.id, version: stored.version } : {}),
      };
    }
    return result.keptFromServer.length > 0
      ? {
          key: change.key,
          status: 'merged',
          id: stored.id,
          version: stored.version,
          keptFromServer: result.keptFromServer,
        }
      : { key: change.key, status: 'applied', id: stored.id, version: stored.version };
  });
}

const CASE_FIELD_SET: ReadonlySet<string> = new Set(CASE_FIELDS);
const PERSON_FIELD_SET: ReadonlySet<string> = new Set(PERSON_FIELDS);

/** The case's own fields and her person's, as a `case_update` names them (read transaction). */
async function currentCaseFields(ctx: AppContext, actor: Actor, caseId: string) {
  return inTenant(
    ctx,
    actor,
    async (tx) => {
      const row = await requireHeld(tx, actor, caseId);
      const person = await casesRepo.findPerson(tx, actor.organisationId, row.personId);
      if (!person) throw errors.notFound();
      const identity: PersonIdentity = await openIdentity(ctx, actor.organisationId, person.identityEnc);
      return { row, personVersion: person.version, fields: caseFieldsOf(row, person, identity) };
    },
    READS_ONLY,
  );
}

function caseFieldsOf(
  row: { programmeType: string | null; country: string | null; cooperation: string },
  person: { sex: string; chosenTerm: string | null; pronouns: string | null; preferredLanguage: string | null },
  identity: PersonIdentity,
): Fields {
  return withoutNulls({
    programmeType: row.programmeType,
    country: row.country,
    cooperationWithAuthorities: row.cooperation,
    ...identity,
    sex: person.sex,
    chosenTerm: person.chosenTerm,
    pronouns: person.pronouns,
    preferredLanguage: person.preferredLanguage,
  });
}

/** Writes case and person fields through the same services (and input schemas) as online. */
async function writeCaseFields(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  versions: { case: number; person: number },
  values: Fields,
): Promise<number> {
  const caseValues = Object.fromEntries(Object.entries(values).filter(([k]) => CASE_FIELD_SET.has(k)));
  const personValues = Object.fromEntries(Object.entries(values).filter(([k]) => PERSON_FIELD_SET.has(k)));
  let version = versions.case;
  if (Object.keys(caseValues).length > 0) {
    const parsed = UpdateCaseBody.safeParse({ ...caseValues, version });
    if (!parsed.success) throw validationOf(parsed.error);
    version = (await updateCase(ctx, actor, caseId, parsed.data)).row.version;
  }
  if (Object.keys(personValues).length > 0) {
    const parsed = UpdatePersonBody.safeParse({ ...personValues, version: versions.person });
    if (!parsed.success) throw validationOf(parsed.error);
    version = (await updatePerson(ctx, actor, caseId, parsed.data)).row.version;
  }
  return version;
}

function validationOf(error: z.ZodError) {
  return errors.validation(
    error.issues.map((i) => ({ path: ['data', ...i.path.map(String)], code: i.code, message: i.message })),
  );
}

async function pushCaseUpdate(
  ctx: AppContext,
  actor: Actor,
  deviceId: string,
  change: Extract<SyncChange, { type: 'case_update' }>,
): Promise<SyncResult> {
  const unknown = Object.keys(change.data).filter((k) => !CASE_FIELD_SET.has(k) && !PERSON_FIELD_SET.has(k));
  if (unknown.length > 0)
    throw errors.validation(
      unknown.map((k) => ({ path: ['data', k], code: 'unrecognized_keys', message: 'Not a field of the case' })),
    );
  return onceMore(async () => {
    const { row, personVersion, fields: theirs } = await currentCaseFields(ctx, actor, change.caseId);
    const base = change.base;
    const result = threeWayMerge({
      base,
      mine: change.data,
      theirs,
      protectedFields: protectedFieldsOf({ type: 'case' }, [...Object.keys(change.data), ...Object.keys(theirs)]),
      baseIsCurrent: change.baseVersion === row.version,
    });
    let version = row.version;
    if (result.applied.length > 0)
      version = await writeCaseFields(
        ctx,
        actor,
        change.caseId,
        { case: row.version, person: personVersion },
        only(result.applied, { ...Object.fromEntries(result.applied.map((f) => [f, null])), ...result.merged }),
      );
    if (result.conflicts.length > 0) {
      const conflictId = await queueConflict(
        ctx,
        actor,
        deviceId,
        change,
        { entryId: null, kind: null },
        result.conflicts,
        { base, mine: { ...base, ...change.data }, theirs },
      );
      return {
        key: change.key,
        status: 'conflict',
        conflictId,
        fields: result.conflicts,
        ...(result.applied.length > 0 ? { id: change.caseId, version } : {}),
      };
    }
    return result.keptFromServer.length > 0
      ? { key: change.key, status: 'merged', id: change.caseId, version, keptFromServer: result.keptFromServer }
      : { key: change.key, status: 'applied', id: change.caseId, version };
  });
}

async function applyChange(ctx: AppContext, actor: Actor, deviceId: string, change: SyncChange): Promise<SyncResult> {
  switch (change.type) {
    case 'contact': {
      // Through the contact log's own service (its lists, policy and audit); the change key is its
      // idempotency key, so a contact replayed by the device or sent again online is recorded once.
      const recorded = await recordContact(ctx, actor, change.contact, { idempotencyKey: change.key });
      return { key: change.key, status: 'applied', id: recorded.id, version: recorded.version };
    }
    case 'entry':
      return pushEntry(ctx, actor, change);
    case 'entry_update':
      return pushEntryUpdate(ctx, actor, deviceId, change);
    case 'case_update':
      return pushCaseUpdate(ctx, actor, deviceId, change);
  }
}

/** A refusal as the result of one change: its code and message, and the fields a validation named. */
function rejection(key: string, e: unknown): SyncResult | null {
  if (!(e instanceof AppError) && !(e instanceof DomainError)) return null;
  const details = (e as { details?: unknown }).details;
  const fields = Array.isArray(details)
    ? [
        ...new Set(
          details
            .map((d: { path?: unknown[] }) =>
              Array.isArray(d.path) ? d.path.filter((p) => p !== 'data').join('.') : '',
            )
            .filter(Boolean),
        ),
      ]
    : [];
  return {
    key,
    status: 'rejected',
    error: { code: e.code, message: e.message, ...(fields.length > 0 ? { fields } : {}) },
  };
}

/** How many new records one transaction of a push writes at most (a fault rolls back no more than these). */
const RUN_LENGTH = 1000;

/**
 * Applies the changes in order; a replayed key returns its first result. A run of new records (the
 * bulk of a shift: notes, services, contacts' follow-ups) is written in one transaction, each record
 * under a savepoint so a refused one writes nothing; edits (merged against their base, perhaps queued
 * as conflicts) and contacts go one by one through their own services, as before.
 */
export async function push(ctx: AppContext, actor: Actor, body: PushBody): Promise<SyncResult[]> {
  requireAccess(actor, 'sync.use', own(actor));
  const org = actor.organisationId;
  await inTenant(ctx, actor, async (tx) => {
    await requireDevice(tx, actor, body.deviceId);
    await syncRepo.touchDevice(tx, org, body.deviceId);
    await audit(tx, actor, 'sync.push', 'sync_device', body.deviceId, ['changes']);
  });
  const results: SyncResult[] = [];
  const changes = body.changes;
  for (let i = 0; i < changes.length;) {
    if (changes[i].type === 'entry') {
      let j = i;
      while (j < changes.length && j - i < RUN_LENGTH && changes[j].type === 'entry') j += 1;
      results.push(...(await pushEntryRun(ctx, actor, body.deviceId, changes.slice(i, j) as EntryChange[])));
      i = j;
    } else {
      results.push(await pushOne(ctx, actor, body.deviceId, changes[i]));
      i += 1;
    }
  }
  return results;
}

const inProgress = (key: string): SyncResult => ({
  key,
  status: 'rejected',
  error: { code: 'idempotency_in_progress', message: 'This change is still being applied; try again' },
});

/** One change in its own transaction(s): claimed, applied through its service, its result stored. */
async function pushOne(ctx: AppContext, actor: Actor, deviceId: string, change: SyncChange): Promise<SyncResult> {
  const org = actor.organisationId;
  const claim = { organisationId: org, userId: actor.userId, key: change.key, deviceId };
  const first = await inTenant(ctx, actor, (tx) => syncRepo.claimChange(tx, claim));
  if (!first) {
    const stored = await inTenant(ctx, actor, (tx) => syncRepo.findChange(tx, org, actor.userId, change.key));
    return (stored?.result as SyncResult | null | undefined) ?? inProgress(change.key);
  }
  let result: SyncResult;
  try {
    result = await applyChange(ctx, actor, deviceId, change);
  } catch (e) {
    const refused = rejection(change.key, e);
    if (!refused) {
      // Not a refusal (a fault): nothing is remembered, so the device's retry may succeed.
      await inTenant(ctx, actor, (tx) => syncRepo.releaseChange(tx, org, actor.userId, change.key));
      throw e;
    }
    result = refused;
  }
  await inTenant(ctx, actor, (tx) => syncRepo.completeChange(tx, org, actor.userId, change.key, result));
  return result;
}

type EntryChange = Extract<SyncChange, { type: 'entry' }>;

/**
 * A run of new records in one transaction: the keys claimed and the earlier results read in one
 * statement each, the lists and each person's date of birth loaded once, whether the device still
 * holds each case checked once per case (again after a consent record), every record through
 * addEntryInTx (the checks and writes of addEntry) under a savepoint, the results stored in one
 * statement. A fault (not a refusal) rolls the whole run back, claims included: nothing is
 * remembered and the device's retry may succeed.
 */
async function pushEntryRun(
  ctx: AppContext,
  actor: Actor,
  deviceId: string,
  run: EntryChange[],
): Promise<SyncResult[]> {
  const org = actor.organisationId;
  const userId = actor.userId;
  // PostgreSQL takes "release; savepoint" in one round trip (a statement without parameters); PGlite one at a time.
  const oneTrip = ctx.db.engine === 'postgres';
  return inTenant(ctx, actor, async (tx) => {
    const claimed = await syncRepo.claimChanges(tx, {
      organisationId: org,
      userId,
      deviceId,
      keys: run.map((c) => c.key),
    });
    const earlier = await syncRepo.findChanges(
      tx,
      org,
      userId,
      run.filter((c) => !claimed.has(c.key)).map((c) => c.key),
    );
    const loads: EntryLoads = { born: new Map(), cases: new Map(), pending: pendingEntryWrites() };
    const held = new Map<string, true | DomainError>();
    const done = new Map<string, SyncResult>();
    const results: SyncResult[] = [];
    let savepoint = false;
    for (const change of run) {
      const replay = done.get(change.key);
      if (replay || !claimed.has(change.key)) {
        results.push(replay ?? (earlier.get(change.key) as SyncResult | null | undefined) ?? inProgress(change.key));
        continue;
      }
      // A record whose checks read other records sees every earlier one: the held-back writes go first.
      if (!defersWrites(change.kind)) await flushEntryWrites(tx, org, loads);
      // A savepoint undoes a refused record's statements; a record that runs none needs none.
      const quiet = held.get(change.caseId) === true && runsNoStatement(loads, change.caseId, change.kind, change.data);
      if (!quiet) {
        await syncRepo.nextSavepoint(tx, { releasePrevious: savepoint, oneTrip });
        savepoint = true;
      }
      let result: SyncResult;
      try {
        if (!(ENTRY_KINDS as string[]).includes(change.kind))
          throw errors.validation([{ path: ['kind'], code: 'invalid_value', message: 'Unknown record kind' }]);
        if (!held.has(change.caseId)) {
          try {
            loads.cases.set(change.caseId, await requireHeld(tx, actor, change.caseId));
            held.set(change.caseId, true);
          } catch (e) {
            if (!(e instanceof DomainError)) throw e;
            held.set(change.caseId, e);
          }
        }
        const holding = held.get(change.caseId);
        if (holding instanceof DomainError) throw holding;
        const stored = await addEntryInTx(ctx, tx, actor, change.caseId, change.kind as EntryKind, change.data, loads);
        // A consent record may withdraw what holding the case offline rests on: checked again for the next.
        if (change.kind === 'consent') held.delete(change.caseId);
        result = { key: change.key, status: 'applied', id: stored.id, version: stored.version };
      } catch (e) {
        const refused = rejection(change.key, e);
        if (!refused) throw e;
        if (!quiet) await syncRepo.rollbackToSavepoint(tx);
        result = refused;
      }
      done.set(change.key, result);
      results.push(result);
    }
    if (savepoint) await syncRepo.releaseSavepoint(tx);
    await flushEntryWrites(tx, org, loads);
    await syncRepo.completeChanges(
      tx,
      org,
      userId,
      [...done].map(([key, result]) => ({ key, result })),
    );
    return results;
  });
}

// ---------------------------------------------------------------------------------------------
// Pull

export interface PulledCase {
  row: SyncCaseRow;
  personName: string;
  fields: Fields;
  entries: EntryView[];
}

export interface PullView {
  cursor: string;
  cases: PulledCase[];
  removed: string[];
  /** The conflicts raised from this device still open: one resolved (by anyone) leaves the device's outbox. */
  openConflicts: string[];
  lockAfterMinutes: number;
  wipeAfterDays: number;
}

export async function pull(ctx: AppContext, actor: Actor, body: PullBody, now: Date = new Date()): Promise<PullView> {
  requireAccess(actor, 'sync.use', own(actor));
  const org = actor.organisationId;
  return inTenant(ctx, actor, async (tx) => {
    await requireDevice(tx, actor, body.deviceId);
    const cursor = now.toISOString();
    const rows = await syncRepo.casesForPull(tx, org, {
      ids: body.caseIds,
      ownerId: body.caseload ? actor.userId : undefined,
    });
    const consents = await syncRepo.consentsOf(
      tx,
      org,
      rows.map((r) => r.id),
    );
    const consentsByCase = new Map<string, typeof consents>();
    for (const c of consents) consentsByCase.set(c.caseId, [...(consentsByCase.get(c.caseId) ?? []), c]);
    const held = rows.filter((r) => {
      // The same policy as every case read, on the loaded record; then the holding rule.
      requireAccess(actor, 'case.read', { organisationId: org, ownerUserId: r.ownerUserId });
      return mayHoldOffline(r.status, consentEventsFromRecords(consentsByCase.get(r.id) ?? []));
    });
    const heldIds = new Set(held.map((r) => r.id));
    const removed = body.caseIds.filter((id) => !heldIds.has(id));
    const since = body.since ? new Date(body.since) : null;
    if (since && Number.isNaN(since.getTime()))
      throw errors.validation([{ path: ['since'], code: 'invalid_value', message: 'Not a cursor of this server' }]);
    const changed = since ? held.filter((r) => new Date(r.updatedAt) > since) : held;
    const from = body.windowDays ? new Date(now.getTime() - body.windowDays * 86_400_000) : null;
    const entryRows = await caseEntriesRepo.listCurrent(
      tx,
      org,
      changed.map((r) => r.id),
    );
    const entriesByCase = new Map<string, EntryView[]>();
    for (const e of entryRows) {
      if (from && new Date(e.recordedAt) < from) continue;
      const view = await present(ctx, org, e);
      entriesByCase.set(e.caseId, [...(entriesByCase.get(e.caseId) ?? []), view]);
    }
    const cases = await Promise.all(
      changed.map(async (r): Promise<PulledCase> => {
        const identity = await openIdentity(ctx, org, r.identityEnc);
        return {
          row: r,
          personName: [identity.givenName, identity.familyName].filter(Boolean).join(' '),
          fields: caseFieldsOf(r, r, identity),
          entries: entriesByCase.get(r.id) ?? [],
        };
      }),
    );
    await syncRepo.touchDevice(tx, org, body.deviceId);
    await audit(tx, actor, 'sync.pull', 'sync_device', body.deviceId, [
      'cases',
      ...(removed.length ? ['removed'] : []),
    ]);
    await auditRepo.appendMany(
      tx,
      cases.map((c) => ({
        organisationId: org,
        actorUserId: actor.userId,
        action: 'sync.pull',
        entityType: 'case',
        entityId: c.row.id,
        fields: ['person.identity', 'case', 'entries'],
      })),
    );
    const settings = await syncRepo.settingsOf(tx, org);
    const openConflicts = await syncRepo.openConflictIdsOfDevice(tx, org, body.deviceId);
    return { cursor, cases, removed, openConflicts, ...settings };
  });
}

// ---------------------------------------------------------------------------------------------
// The conflict queue

export interface ConflictView {
  row: SyncConflictRow;
  base: Fields;
  mine: Fields;
  theirs: Fields;
  protectedFields: string[];
}

async function openConflict(ctx: AppContext, organisationId: string, row: SyncConflictRow): Promise<ConflictView> {
  const open = async (enc: string) => JSON.parse(await ctx.keyRing.decrypt(organisationId, enc)) as Fields;
  const [base, mine, theirs] = await Promise.all([open(row.baseEnc), open(row.mineEnc), open(row.theirsEnc)]);
  const target = row.entryId ? ({ type: 'entry', kind: row.kind ?? '' } as const) : ({ type: 'case' } as const);
  return { row, base, mine, theirs, protectedFields: [...protectedFieldsOf(target, row.fields)] };
}

/** The open conflicts she raised or on the cases she owns. */
export async function listConflicts(ctx: AppContext, actor: Actor): Promise<ConflictView[]> {
  requireAccess(actor, 'sync.use', own(actor));
  return inTenant(
    ctx,
    actor,
    async (tx) => {
      const rows = await syncRepo.openConflictsFor(tx, actor.organisationId, actor.userId);
      const views = await Promise.all(rows.map((r) => openConflict(ctx, actor.organisationId, r)));
      await auditRepo.appendMany(
        tx,
        rows.map((r) => ({
          organisationId: actor.organisationId,
          actorUserId: actor.userId,
          action: 'sync.conflict.read',
          entityType: 'case',
          entityId: r.caseId,
          fields: r.fields,
        })),
      );
      return views;
    },
    READS_ONLY,
  );
}

/** How many open conflicts she has (the navigation's badge): no case data, not audited. */
export async function countConflicts(ctx: AppContext, actor: Actor): Promise<number> {
  requireAccess(actor, 'sync.use', own(actor));
  return inTenant(
    ctx,
    actor,
    async (tx) => (await syncRepo.openConflictsFor(tx, actor.organisationId, actor.userId)).length,
    READS_ONLY,
  );
}

export async function resolveConflict(
  ctx: AppContext,
  actor: Actor,
  conflictId: string,
  choices: FieldChoice[],
): Promise<ConflictView> {
  requireAccess(actor, 'sync.use', own(actor));
  const org = actor.organisationId;
  const view = await inTenant(ctx, actor, async (tx) => {
    const row = await syncRepo.findConflict(tx, org, conflictId);
    if (!row) throw errors.notFound();
    // She raised it, or she is staff who may change the case (the policy on the loaded case).
    await requireCase(tx, actor, row.caseId, 'case.update');
    if (row.status !== 'open') throw errors.conflict('sync_conflict_resolved', 'This conflict was already resolved');
    return openConflict(ctx, org, row);
  });
  const chosen = new Set(choices.map((c) => c.field));
  const missing = view.row.fields.filter((f) => !chosen.has(f));
  const extra = choices.filter((c) => !view.row.fields.includes(c.field));
  if (missing.length > 0 || extra.length > 0 || chosen.size !== choices.length)
    throw errors.validation([
      ...missing.map((f) => ({ path: ['choices', f], code: 'missing', message: 'Choose a value for this field' })),
      ...extra.map((c) => ({ path: ['choices', c.field], code: 'unrecognized_keys', message: 'Not in this conflict' })),
    ]);
  const { set, cleared } = resolutionChanges(choices, view.mine);
  if (Object.keys(set).length > 0 || cleared.length > 0) {
    await onceMore(async () => {
      if (view.row.entryId) {
        const { row, data } = await currentEntry(ctx, actor, view.row.caseId, view.row.entryId);
        const next = { ...data, ...set };
        for (const f of cleared) delete next[f];
        await reviseEntry(ctx, actor, view.row.caseId, view.row.entryId, next, row.version, RESOLVE_REASON);
      } else {
        const { row, personVersion } = await currentCaseFields(ctx, actor, view.row.caseId);
        await writeCaseFields(
          ctx,
          actor,
          view.row.caseId,
          { case: row.version, person: personVersion },
          { ...Object.fromEntries(cleared.map((f) => [f, null])), ...set },
        );
      }
    });
  }
  const resolutionEnc = await seal(ctx, org, choices);
  return inTenant(ctx, actor, async (tx) => {
    if (!(await syncRepo.resolveConflict(tx, org, conflictId, actor.userId, resolutionEnc)))
      throw errors.conflict('sync_conflict_resolved', 'This conflict was already resolved');
    await audit(tx, actor, 'sync.conflict.resolve', 'case', view.row.caseId, view.row.fields);
    return openConflict(ctx, org, (await syncRepo.findConflict(tx, org, conflictId))!);
  });
}
