/**
 * The device's outbox after a conflict is resolved (issue #18): a conflict the server no longer has
 * open (resolved in the queue, here or elsewhere) leaves the outbox; conflicts still open, changes
 * waiting and refused changes stay, in their order. Dexie on fake-indexeddb, the vault's own store.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncResult } from '../../domain/sync/protocol';
import { importDataKey, randomBytes } from './crypto';
import { forgetConflicts, settledConflicts } from './sync';
import { getState, store } from './vault';

const CASE = '00000000-0000-4000-8000-000000000001';
const ENTRY = '00000000-0000-4000-8000-000000000002';
const RESOLVED = '00000000-0000-4000-8000-0000000000aa';
const OPEN = '00000000-0000-4000-8000-0000000000bb';

const edit = (text: string) =>
  ({
    type: 'entry_update',
    caseId: CASE,
    entryId: ENTRY,
    baseVersion: 1,
    base: { text: 'Demo base' },
    data: { text },
  }) as const;

async function outboxWith() {
  const keys = [
    await store.enqueue(edit('Demo resolved elsewhere')),
    await store.enqueue(edit('Demo still open')),
    await store.enqueue(edit('Demo waiting')),
    await store.enqueue(edit('Demo refused')),
  ];
  const items = await store.outbox();
  const conflict = (key: string, conflictId: string): SyncResult => ({
    key,
    status: 'conflict',
    conflictId,
    fields: ['text'],
  });
  await store.markResult(items[0]!, 'conflict', conflict(keys[0]!, RESOLVED));
  await store.markResult(items[1]!, 'conflict', conflict(keys[1]!, OPEN));
  await store.markResult(items[3]!, 'rejected', {
    key: keys[3]!,
    status: 'rejected',
    error: { code: 'validation_failed', message: 'Demo' },
  });
  return keys;
}

beforeEach(async () => store.setKey(await importDataKey(randomBytes(32))));
afterEach(() => store.wipe());

describe('offline outbox and the conflict queue', () => {
  it('a resolved conflict leaves the outbox; open conflicts, waiting and refused changes stay in order', async () => {
    const keys = await outboxWith();
    expect(settledConflicts(await store.outbox(), (id) => id === OPEN).map((o) => o.key)).toEqual([keys[0]]);
    await forgetConflicts((id) => id === OPEN);
    const left = await store.outbox();
    expect(left.map((o) => [o.key, o.state])).toEqual([
      [keys[1], 'conflict'],
      [keys[2], 'waiting'],
      [keys[3], 'rejected'],
    ]);
    // The count the navigation and the offline page show follows.
    expect(getState().outboxCount).toBe(3);
  });

  it('resolved here: only that conflict leaves (the others wait for the next pull)', async () => {
    const keys = await outboxWith();
    await forgetConflicts((id) => id !== OPEN);
    expect((await store.outbox()).map((o) => o.key)).toEqual([keys[0], keys[2], keys[3]]);
  });
});
