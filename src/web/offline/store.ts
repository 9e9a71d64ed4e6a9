/**
 * The encrypted store on the device (issue #18), in IndexedDB through Dexie. Every value is sealed
 * with AES-GCM under the in-memory data key (crypto.ts); what stays in clear, to index and order, is
 * only random ids, versions, the outbox's sequence and state, and timestamps of sync. Never a name,
 * a note, a place or a code about her.
 *
 * Bulk writes seal first, then write in one transaction (WebCrypto cannot run inside an IndexedDB
 * transaction without it committing early); reads are paged, and only the page is decrypted.
 */
import Dexie, { type Table } from 'dexie';
import type { SyncChange, SyncResult } from '../../domain/sync/protocol';
import { open, randomId, seal, type Sealed, type WrappedKey } from './crypto';

export const DB_NAME = 'ariadne-offline';

/** A case held on the device: what the field-work page shows and edits. */
export interface OfflineCase {
  id: string;
  reference: string;
  /** Her name as the case page shows it (sealed like everything else). */
  title: string;
  status: string;
  /** The version of the case on the server the device last saw. */
  version: number;
  /** The editable case fields as last seen on the server (the base of an edit) and as edited here. */
  serverFields: Record<string, unknown>;
  fields: Record<string, unknown>;
}

/** A record of a held case (a note…); `pending` while it was made here and not yet on the server. */
export interface OfflineEntry {
  id: string;
  caseId: string;
  kind: string;
  version: number;
  serverData: Record<string, unknown>;
  data: Record<string, unknown>;
  pending?: boolean;
}

/** A change as the pages make it: the store gives it its key. */
export type NewChange = SyncChange extends infer C ? (C extends SyncChange ? Omit<C, 'key'> : never) : never;

export type OutboxState = 'waiting' | 'conflict' | 'rejected';

/** A change waiting to sync, in the order it was made, and what the server said of it (if anything). */
export interface OutboxItem {
  seq: number;
  key: string;
  state: OutboxState;
  createdAt: number;
  change: SyncChange;
  result?: SyncResult;
  /** The local record it touches (to update it when the server answers). */
  localId?: string;
}

interface SealedRow extends Sealed {
  id: string;
}
interface CaseRow extends SealedRow {
  version: number;
  syncedAt: number;
}
interface EntryRow extends SealedRow {
  caseId: string;
  version: number;
}
interface OutboxRow extends Sealed {
  seq?: number;
  key: string;
  state: OutboxState;
  createdAt: number;
}
interface MetaRow {
  k: string;
  wrapped?: WrappedKey;
  at?: number;
  sealed?: Sealed;
}

class OfflineDb extends Dexie {
  cases!: Table<CaseRow, string>;
  entries!: Table<EntryRow, string>;
  outbox!: Table<OutboxRow, number>;
  meta!: Table<MetaRow, string>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({
      cases: '&id, syncedAt',
      entries: '&id, caseId',
      outbox: '++seq, &key, state',
      meta: '&k',
    });
  }
}

export class LockedError extends Error {
  constructor() {
    super('The offline store is locked');
  }
}

export class OfflineStore {
  readonly db: OfflineDb;
  private key: CryptoKey | null = null;

  constructor(readonly name = DB_NAME) {
    this.db = new OfflineDb(name);
  }

  setKey(key: CryptoKey | null): void {
    this.key = key;
  }
  get unlocked(): boolean {
    return this.key !== null;
  }
  private k(): CryptoKey {
    if (!this.key) throw new LockedError();
    return this.key;
  }

  // ---- the wrapped key and sync bookkeeping (nothing personal) ----

  async wrappedKey(): Promise<WrappedKey | undefined> {
    return (await this.db.meta.get('wrappedKey'))?.wrapped;
  }
  async setWrappedKey(wrapped: WrappedKey): Promise<void> {
    await this.db.meta.put({ k: 'wrappedKey', wrapped });
  }
  async lastSyncAt(): Promise<number | undefined> {
    return (await this.db.meta.get('lastSyncAt'))?.at;
  }
  async setLastSyncAt(at: number): Promise<void> {
    await this.db.meta.put({ k: 'lastSyncAt', at });
  }
  /** The server's pull cursor (opaque to us, so sealed). */
  async cursor(): Promise<string | undefined> {
    const row = await this.db.meta.get('cursor');
    return row?.sealed ? open<string>(this.k(), row.sealed, 'meta:cursor') : undefined;
  }
  async setCursor(cursor: string | undefined): Promise<void> {
    if (cursor === undefined) await this.db.meta.delete('cursor');
    else await this.db.meta.put({ k: 'cursor', sealed: await seal(this.k(), cursor, 'meta:cursor') });
  }

  // ---- cases ----

  async putCases(cases: OfflineCase[], syncedAt: number): Promise<void> {
    const key = this.k();
    const rows = await Promise.all(
      cases.map(async (c) => ({ id: c.id, version: c.version, syncedAt, ...(await seal(key, c, `cases:${c.id}`)) })),
    );
    await this.db.transaction('rw', this.db.cases, () => this.db.cases.bulkPut(rows));
  }

  async countCases(): Promise<number> {
    return this.db.cases.count();
  }

  /** One page of held cases, in id order; only the page is decrypted. */
  async pageCases(offset: number, limit: number): Promise<OfflineCase[]> {
    const key = this.k();
    const rows = await this.db.cases.orderBy('id').offset(offset).limit(limit).toArray();
    return Promise.all(rows.map((r) => open<OfflineCase>(key, r, `cases:${r.id}`)));
  }

  async caseIds(): Promise<string[]> {
    return (await this.db.cases.toCollection().primaryKeys()) as string[];
  }

  async getCase(id: string): Promise<OfflineCase | undefined> {
    const row = await this.db.cases.get(id);
    return row ? open<OfflineCase>(this.k(), row, `cases:${row.id}`) : undefined;
  }

  async removeCase(id: string): Promise<void> {
    await this.db.transaction('rw', this.db.cases, this.db.entries, async () => {
      await this.db.entries.where('caseId').equals(id).delete();
      await this.db.cases.delete(id);
    });
  }

  // ---- records of held cases ----

  async putEntries(entries: OfflineEntry[]): Promise<void> {
    const key = this.k();
    const rows = await Promise.all(
      entries.map(async (e) => ({
        id: e.id,
        caseId: e.caseId,
        version: e.version,
        ...(await seal(key, e, `entries:${e.id}`)),
      })),
    );
    await this.db.transaction('rw', this.db.entries, () => this.db.entries.bulkPut(rows));
  }

  async entriesOf(caseId: string): Promise<OfflineEntry[]> {
    const key = this.k();
    const rows = await this.db.entries.where('caseId').equals(caseId).toArray();
    return Promise.all(rows.map((r) => open<OfflineEntry>(key, r, `entries:${r.id}`)));
  }

  async getEntry(id: string): Promise<OfflineEntry | undefined> {
    const row = await this.db.entries.get(id);
    return row ? open<OfflineEntry>(this.k(), row, `entries:${row.id}`) : undefined;
  }

  async removeEntry(id: string): Promise<void> {
    await this.db.entries.delete(id);
  }

  // ---- the outbox ----

  /** Appends a change (its key made here, once: a replay sends the same key). Returns the key. */
  async enqueue(change: NewChange, localId?: string): Promise<string> {
    const key = randomId();
    const item = { key, change: { ...change, key } as SyncChange, localId };
    const sealed = await seal(this.k(), item, `outbox:${key}`);
    await this.db.outbox.add({ key, state: 'waiting', createdAt: Date.now(), ...sealed });
    return key;
  }

  /** The outbox in the order the changes were made. */
  async outbox(): Promise<OutboxItem[]> {
    const key = this.k();
    const rows = await this.db.outbox.orderBy('seq').toArray();
    return Promise.all(
      rows.map(async (r) => {
        const body = await open<Pick<OutboxItem, 'change' | 'result' | 'localId'>>(key, r, `outbox:${r.key}`);
        return { seq: r.seq!, key: r.key, state: r.state, createdAt: r.createdAt, ...body };
      }),
    );
  }

  async outboxCount(): Promise<number> {
    return this.db.outbox.count();
  }

  /** Rewrites a change still waiting (an edit of something not yet synced), keeping its key and place. */
  async replaceChange(item: OutboxItem, change: SyncChange): Promise<void> {
    const sealed = await seal(this.k(), { change, result: item.result, localId: item.localId }, `outbox:${item.key}`);
    await this.db.outbox.update(item.seq, { ...sealed });
  }

  async markResult(item: OutboxItem, state: OutboxState, result: SyncResult): Promise<void> {
    const sealed = await seal(this.k(), { change: item.change, result, localId: item.localId }, `outbox:${item.key}`);
    await this.db.outbox.update(item.seq, { state, ...sealed });
  }

  async removeOutbox(seq: number): Promise<void> {
    await this.db.outbox.delete(seq);
  }

  /** Deletes the whole database: the store, the outbox, the wrapped key. */
  async wipe(): Promise<void> {
    this.key = null;
    // Deletes the database; the next use opens a new, empty one.
    this.db.close({ disableAutoOpen: false });
    await Dexie.delete(this.name);
  }
}
