/**
 * Sync of the device (issue #18): the outbox pushed in order (each change with its key, so a replay
 * after a lost answer applies nothing twice), the answers written back into the store, then a
 * selective pull (the cases she marked, her caseload if she asked, a window of days).
 *
 * - applied / merged → the record takes the server's id and version; the change leaves the outbox;
 * - conflict → kept in the outbox as a conflict, with a link to the queue (/sync/conflicts);
 * - rejected → kept with the reason until she discards it.
 *
 * Automatic when the browser comes back online, with retries backing off (2 s, 4 s … 5 min).
 */
import type { CaseDetail } from '../api/cases';
import { api, ApiError } from '../api/client';
import type { SyncChange, SyncResult } from '../../domain/sync/protocol';
import { changed, deviceId, getState, settings, store, update, wipe } from './vault';
import type { NewChange, OfflineCase, OfflineEntry, OutboxItem } from './store';
import type { CaseEntries, SyncPushAnswer } from '../../server/api-types';

/** The case's own fields she may edit on the device (protocol: case_update). */
export const CASE_FIELDS = ['country', 'programmeType', 'cooperationWithAuthorities'] as const;

const PUSH_BATCH = 500;

/** A held case from the case page's detail (what is shown and edited offline). */
export function fromDetail(c: CaseDetail): OfflineCase {
  const fields: Record<string, unknown> = {
    country: c.country,
    programmeType: c.programmeType,
    cooperationWithAuthorities: c.cooperationWithAuthorities,
  };
  return {
    id: c.id,
    reference: c.reference,
    title: [c.person.givenName, c.person.familyName].filter(Boolean).join(' '),
    status: c.status,
    version: c.version,
    serverFields: fields,
    fields: { ...fields },
  };
}

interface EntryView {
  id: string;
  kind: string;
  version: number;
  data: Record<string, unknown>;
}

const toEntry = (caseId: string, e: EntryView): OfflineEntry => ({
  id: e.id,
  caseId,
  kind: e.kind,
  version: e.version,
  serverData: e.data,
  data: { ...e.data },
});

/** Keeps a case on the device: the case and its notes, sealed. */
export async function holdCase(c: CaseDetail): Promise<void> {
  await store.putCases([fromDetail(c)], Date.now());
  const notes = await api<CaseEntries>(`/api/cases/${c.id}/entries?kind=note`);
  await store.putEntries(notes.entries.map((e) => toEntry(c.id, e)));
  await changed();
}

/** Stops keeping a case (its changes waiting to sync stay in the outbox). */
export async function releaseCase(id: string): Promise<void> {
  await store.removeCase(id);
  await changed();
}

// ---- changes made on the device ----

export async function recordChange(change: NewChange, localId?: string): Promise<string> {
  const key = await store.enqueue(change, localId);
  await changed();
  scheduleSync(0);
  return key;
}

/** A new note on a held case: shown at once (pending), sent as an `entry` change. */
export async function addNote(caseId: string, data: Record<string, unknown>): Promise<void> {
  const localId = globalThis.crypto.randomUUID();
  await store.putEntries([{ id: localId, caseId, kind: 'note', version: 0, serverData: {}, data, pending: true }]);
  await recordChange({ type: 'entry', caseId, kind: 'note', data }, localId);
}

/** The fields whose value differs from `base` (a field not sent is one she did not change). */
function changedFields(base: Record<string, unknown>, next: Record<string, unknown>) {
  const data: Record<string, unknown> = {};
  const baseOut: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(next))
    if (JSON.stringify(v ?? null) !== JSON.stringify(base[k] ?? null)) {
      data[k] = v ?? null;
      baseOut[k] = base[k] ?? null;
    }
  return { data, base: baseOut };
}

/** A waiting change for the same record: an edit is folded into it (one change, its first base). */
async function waitingFor(localId: string): Promise<OutboxItem | undefined> {
  return (await store.outbox()).find((o) => o.localId === localId && o.state === 'waiting');
}

export async function editNote(entry: OfflineEntry, next: Record<string, unknown>): Promise<void> {
  const data = { ...entry.data, ...next };
  await store.putEntries([{ ...entry, data }]);
  const waiting = await waitingFor(entry.id);
  if (waiting && (waiting.change.type === 'entry' || waiting.change.type === 'entry_update')) {
    const fresh =
      waiting.change.type === 'entry'
        ? { ...waiting.change, data }
        : { ...waiting.change, ...changedFields(entry.serverData, data) };
    await store.replaceChange(waiting, fresh);
    return changed();
  }
  const diff = changedFields(entry.serverData, data);
  if (Object.keys(diff.data).length === 0) return changed();
  await recordChange(
    { type: 'entry_update', caseId: entry.caseId, entryId: entry.id, baseVersion: entry.version, ...diff },
    entry.id,
  );
}

export async function editCase(c: OfflineCase, next: Record<string, unknown>): Promise<void> {
  const fields = { ...c.fields, ...next };
  await store.putCases([{ ...c, fields }], Date.now());
  const diff = changedFields(c.serverFields, fields);
  const waiting = await waitingFor(c.id);
  if (waiting && waiting.change.type === 'case_update') {
    await store.replaceChange(waiting, { ...waiting.change, ...diff });
    return changed();
  }
  if (Object.keys(diff.data).length === 0) return changed();
  await recordChange({ type: 'case_update', caseId: c.id, baseVersion: c.version, ...diff }, c.id);
}

/** She discards a refused or conflicting change (a conflict stays in the server's queue). */
export async function discard(item: OutboxItem): Promise<void> {
  await store.removeOutbox(item.seq);
  if (item.change.type === 'entry' && item.localId) await store.removeEntry(item.localId);
  await changed();
}

// ---- sync ----

/** What the server said of one change, written into the store. */
async function apply(item: OutboxItem, result: SyncResult): Promise<void> {
  const change = item.change;
  if (result.status === 'applied' || result.status === 'merged') {
    if (change.type === 'entry' && item.localId) {
      const local = await store.getEntry(item.localId);
      await store.removeEntry(item.localId);
      if (local)
        await store.putEntries([
          { ...local, id: result.id, version: result.version, serverData: local.data, pending: false },
        ]);
    } else if (change.type === 'entry_update') {
      const local = await store.getEntry(change.entryId);
      if (local) {
        // A revision may be a new record on the server: the device follows its id.
        if (result.id !== local.id) await store.removeEntry(local.id);
        await store.putEntries([
          { ...local, id: result.id, version: result.version, serverData: { ...local.serverData, ...change.data } },
        ]);
      }
    } else if (change.type === 'case_update') {
      const local = await store.getCase(change.caseId);
      if (local)
        await store.putCases(
          [{ ...local, version: result.version, serverFields: { ...local.serverFields, ...change.data } }],
          Date.now(),
        );
    }
    await store.removeOutbox(item.seq);
  } else {
    await store.markResult(item, result.status === 'conflict' ? 'conflict' : 'rejected', result);
  }
}

/** POST /api/sync/pull (the server's SyncPull): each case's summary, version, own fields and records. */
interface PulledCase {
  case: { id: string; reference: string; status: string; personName: string };
  version: number;
  fields: Record<string, unknown>;
  entries: EntryView[];
}
interface PullAnswer {
  cases: PulledCase[];
  removed: string[];
  /** The conflicts raised from this device still open on the server. */
  openConflicts: string[];
  cursor: string;
}

/**
 * The outbox's conflicts that are no longer open on the server: resolved in the queue (here, on
 * another device, or by the case owner). Only conflicts leave; waiting and refused changes stay.
 */
export function settledConflicts(outbox: readonly OutboxItem[], stillOpen: (conflictId: string) => boolean) {
  return outbox.filter(
    (o) => o.state === 'conflict' && o.result?.status === 'conflict' && !stillOpen(o.result.conflictId),
  );
}

/** Removes the outbox's conflicts the server no longer has open (after a pull, or once she resolved one here). */
export async function forgetConflicts(stillOpen: (conflictId: string) => boolean): Promise<void> {
  if (!store.unlocked) return;
  const settled = settledConflicts(await store.outbox(), stillOpen);
  for (const item of settled) await store.removeOutbox(item.seq);
  if (settled.length > 0) await changed();
}

async function pull(): Promise<void> {
  const held = await store.caseIds();
  const { caseload, windowDays } = settings();
  if (held.length === 0 && !caseload) return;
  const since = await store.cursor();
  const answer = await api<PullAnswer>('/api/sync/pull', {
    method: 'POST',
    body: { deviceId: deviceId(), caseIds: held, caseload, windowDays, ...(since ? { since } : {}) },
  });
  // Her own edits still waiting keep their values on the device.
  const waiting = new Set((await store.outbox()).filter((o) => o.state === 'waiting').map((o) => o.localId));
  const cases: OfflineCase[] = [];
  const entries: OfflineEntry[] = [];
  for (const p of answer.cases ?? []) {
    const id = p.case.id;
    const local = await store.getCase(id);
    const serverFields = Object.fromEntries(CASE_FIELDS.map((f) => [f, p.fields[f] ?? null]));
    cases.push({
      id,
      reference: p.case.reference,
      title: p.case.personName,
      status: p.case.status,
      version: p.version,
      serverFields,
      fields: waiting.has(id) && local ? local.fields : { ...serverFields },
    });
    for (const e of p.entries ?? []) if (!waiting.has(e.id)) entries.push(toEntry(id, e));
  }
  if (cases.length) await store.putCases(cases, Date.now());
  if (entries.length) await store.putEntries(entries);
  for (const id of answer.removed ?? []) await store.removeCase(id);
  const open = new Set(answer.openConflicts ?? []);
  await forgetConflicts((id) => open.has(id));
  await store.setCursor(answer.cursor);
}

let running: Promise<void> | null = null;

/** "Sync now": push the outbox in order, then pull. One run at a time. */
export function syncNow(): Promise<void> {
  running ??= run().finally(() => (running = null));
  return running;
}

async function run(): Promise<void> {
  if (!store.unlocked || !deviceId()) return;
  update({ syncing: true });
  try {
    const waiting = (await store.outbox()).filter((o) => o.state === 'waiting');
    for (let i = 0; i < waiting.length; i += PUSH_BATCH) {
      const batch = waiting.slice(i, i + PUSH_BATCH);
      const { results } = await api<SyncPushAnswer>('/api/sync/push', {
        method: 'POST',
        body: { deviceId: deviceId(), changes: batch.map((o) => o.change satisfies SyncChange) },
      });
      const byKey = new Map(results.map((r) => [r.key, r]));
      for (const item of batch) {
        const result = byKey.get(item.key);
        if (result) await apply(item, result);
      }
    }
    await pull();
    await store.setLastSyncAt(Date.now());
    retries = 0;
    update({ lastError: null });
    await changed();
  } catch (error) {
    if (error instanceof ApiError && (error.status === 403 || error.status === 410)) {
      // The server refuses this device (revoked, her account deactivated): nothing may stay.
      await wipe('refused');
      return;
    }
    update({ lastError: error instanceof ApiError ? error.code : 'network_error' });
    await changed().catch(() => undefined);
    scheduleSync(backoff());
  } finally {
    update({ syncing: false });
  }
}

let retries = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
const backoff = () => Math.min(300_000, 2_000 * 2 ** retries++);

/** A sync soon, when she is online (the `online` event triggers one as well). */
export function scheduleSync(delay: number): void {
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    if (typeof navigator !== 'undefined' && navigator.onLine && getState().unlocked) void syncNow();
  }, delay);
}

/** Back online: sync now, then keep retrying with backoff until one succeeds. */
export function watchOnline(): () => void {
  const onOnline = () => {
    retries = 0;
    scheduleSync(0);
  };
  window.addEventListener('online', onOnline);
  return () => window.removeEventListener('online', onOnline);
}
