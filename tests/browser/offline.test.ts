/**
 * Offline field work in the browser (issue #18, Done when), with Playwright's context.setOffline:
 * (a) a full outreach shift recorded offline (two contacts and a note on a held case), waiting, then
 *     synced and read back from the server's API;
 * (b) two devices edit the same note offline; both sync; the second gets a conflict, a person
 *     resolves it in /sync/conflicts, and neither text is silently lost;
 * (c) signing out wipes the store (no IndexedDB database of the app left);
 * (d) the raw-store canary check: every IndexedDB object store, the Cache API and localStorage of the
 *     page hold none of the canary strings (a nickname, a note text, the case person's name).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addEntry } from '../../src/services/case-entries';
import { createCase } from '../../src/services/cases';
import { daysAgo } from '../integration/support/dates';
import { actorOf, DEMO_PASSWORD, logIn, seriousA11yViolations, startHarness, type Harness } from './support/harness';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

const WORKER = 'caseworker@north.demo.test';

async function arrangeCase(familyName: string, noteText: string) {
  const actor = await actorOf(harness, WORKER);
  const c = await createCase(harness.ctx, actor, {
    person: { givenName: 'Demo', familyName, sex: 'female' },
    intake: { channel: 'hotline', contactDate: daysAgo(20), mediatorUsed: false, immediateNeeds: [] },
    risk: { level: 'medium' },
  });
  const note = await addEntry(harness.ctx, actor, c.row.id, 'note', {
    date: daysAgo(2),
    kind: 'meeting',
    interpreterUsed: false,
    text: noteText,
  });
  return { id: c.row.id, reference: c.row.reference, noteId: (note as { id: string }).id };
}

/** Logged in, the device enrolled (the key from the server, wrapped under her password). */
async function enrolledPage(email = WORKER) {
  const { context, page } = await harness.newPage({ width: 390, height: 844 });
  await logIn(page, email);
  await page.getByRole('heading', { name: /Welcome/ }).waitFor();
  await goFieldWork(page);
  await page.getByTestId('offline-lock').filter({ hasText: 'Unlocked' }).waitFor();
  return { context, page };
}

/** The phone layout: the navigation opens from the Menu button. */
async function goFieldWork(page: Page) {
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('link', { name: /^Field work/ }).click();
}

async function holdOffline(page: Page, caseId: string) {
  await page.goto(`/cases/${caseId}`);
  const keep = page.getByRole('checkbox', { name: 'Keep for offline use' });
  await keep.click();
  await page.getByText('Kept on this device for offline use').waitFor();
  // In-app navigation: the page is not reloaded.
  await goFieldWork(page);
  await page.getByRole('heading', { name: 'Cases held offline' }).waitFor();
}

async function openHeld(page: Page, reference: RegExp | string) {
  await page.getByRole('button', { name: typeof reference === 'string' ? `Work on ${reference}` : reference }).click();
  return page.getByTestId('offline-case');
}

const apiGet = async <T>(context: BrowserContext, path: string): Promise<T> => {
  const res = await context.request.get(`${harness.baseUrl}${path}`);
  expect(res.status(), path).toBe(200);
  return (await res.json()) as T;
};

type Notes = { entries: { id: string; version: number; data: { text: string } }[] };

/** Every IndexedDB store, the Cache API and localStorage of the page, as one text. */
async function rawDeviceText(page: Page): Promise<{ text: string; databases: string[] }> {
  return page.evaluate(async () => {
    const parts: string[] = [];
    const decode = (bytes: Uint8Array) => new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    const walk = (v: unknown): void => {
      if (v instanceof ArrayBuffer) parts.push(decode(new Uint8Array(v)));
      else if (ArrayBuffer.isView(v)) parts.push(decode(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)));
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) (parts.push(k), walk(x));
      else parts.push(String(v));
    };
    const databases = (await indexedDB.databases()).map((d) => d.name ?? '');
    for (const name of databases) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const rows = await new Promise<unknown[]>((resolve, reject) => {
          const req = db.transaction(store).objectStore(store).getAll();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        parts.push(store);
        walk(rows);
      }
      db.close();
    }
    for (const cacheName of await caches.keys()) {
      const cache = await caches.open(cacheName);
      for (const request of await cache.keys()) {
        parts.push(request.url);
        const response = await cache.match(request);
        if (response) parts.push(await response.text());
      }
    }
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i)!;
      parts.push(key, localStorage.getItem(key) ?? '');
    }
    return { text: parts.join('\n'), databases };
  });
}

async function recordContact(page: Page, place: string, nickname: string, note: string) {
  const form = page.locator('form', { has: page.getByRole('heading', { name: 'Record a contact' }) });
  await form.getByRole('combobox', { name: 'Channel' }).selectOption({ label: 'Outreach' });
  await form.getByRole('textbox', { name: /^Place/ }).fill(place);
  await form.getByRole('textbox', { name: /^Nickname she chose/ }).fill(nickname);
  await form.getByRole('textbox', { name: 'What she chose to tell' }).fill(note);
  await form.getByRole('button', { name: 'Save the contact' }).click();
  await form.getByRole('status').filter({ hasText: 'Contact saved on the device' }).waitFor();
}

describe('offline field work', () => {
  test('(a) a full outreach shift offline: two contacts and a note, waiting, then synced', async () => {
    const c = await arrangeCase('Person 1801', 'First meeting at the station.');
    const { context, page } = await enrolledPage();
    await holdOffline(page, c.id);

    await context.setOffline(true);
    await page.getByTestId('offline-connection').filter({ hasText: 'Offline' }).waitFor();

    // A field-level error first: the place is required.
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Record a contact' }) });
    await form.getByRole('button', { name: 'Save the contact' }).click();
    await form.locator('.field-error').first().waitFor();
    expect(await form.getByRole('textbox', { name: /^Place/ }).getAttribute('aria-invalid')).toBe('true');

    await recordContact(page, 'Route 7 north', 'Demo-Robin-1801', 'Asked about a doctor; took condoms.');
    await recordContact(page, 'Route 7 south', 'Demo-Wren-1801', 'First contact, Romanian spoken.');

    const held = await openHeld(page, /^Work on /);
    const noteForm = held.locator('form', { has: page.getByRole('heading', { name: 'Add a note' }) });
    await noteForm.getByRole('textbox', { name: /^Note/ }).fill('Met her on route 7 during the night shift.');
    await noteForm.getByRole('button', { name: 'Save the note' }).click();
    await noteForm.getByRole('status').filter({ hasText: 'Note saved on the device' }).waitFor();
    await held.getByText('Met her on route 7 during the night shift.').waitFor();

    const outbox = page.getByTestId('offline-outbox').locator(':scope > li');
    await expect.poll(() => outbox.count()).toBe(3);
    expect(await page.getByTestId('outbox-badge').textContent()).toBe('3');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Back online: it syncs by itself (the online event); "Sync now" is there as well.
    await context.setOffline(false);
    await page.getByTestId('offline-connection').filter({ hasText: 'Online' }).waitFor();
    await expect.poll(() => outbox.count(), { timeout: 30_000 }).toBe(0);
    expect(await page.getByTestId('outbox-badge').count()).toBe(0);
    expect(await page.getByTestId('offline-last-sync').textContent()).not.toBe('never');

    const notes = await apiGet<Notes>(context, `/api/cases/${c.id}/entries?kind=note`);
    expect(notes.entries.map((n) => n.data.text)).toContain('Met her on route 7 during the night shift.');
    const contacts = await apiGet<{ items: { place: { name: string } }[] }>(context, '/api/contacts');
    const places = contacts.items.map((x) => x.place.name);
    expect(places).toEqual(expect.arrayContaining(['Route 7 north', 'Route 7 south']));
    await context.close();
  });

  test('(b) two devices edit the same note offline: a conflict a person resolves, nothing lost', async () => {
    const c = await arrangeCase('Person 1802', 'Plan: call the lawyer.');
    const one = await enrolledPage();
    const two = await enrolledPage();
    await holdOffline(one.page, c.id);
    await holdOffline(two.page, c.id);

    for (const [d, text] of [
      [one, 'Plan: call the lawyer on Monday.'],
      [two, 'Plan: the lawyer calls her back.'],
    ] as const) {
      await d.context.setOffline(true);
      const held = await openHeld(d.page, /^Work on /);
      await held.getByRole('button', { name: 'Edit' }).first().click();
      const edit = held.locator('form.note-edit');
      await edit.getByRole('textbox', { name: /^Note/ }).fill(text);
      await edit.getByRole('button', { name: 'Save', exact: true }).click();
      await held.getByTestId('offline-notes').getByText(text).waitFor();
      await d.page.getByTestId('offline-outbox').locator('li[data-state="waiting"]').waitFor();
    }

    // The first device syncs: its edit is applied.
    await one.context.setOffline(false);
    const outboxOne = one.page.getByTestId('offline-outbox').locator(':scope > li');
    await expect.poll(() => outboxOne.count(), { timeout: 30_000 }).toBe(0);

    // The second syncs on a base that is no longer current: the same field changed on both sides.
    await two.context.setOffline(false);
    const answered = two.page.getByTestId('offline-outbox').locator('li:not([data-state="waiting"])');
    await answered
      .first()
      .waitFor({ timeout: 30_000 })
      .catch(async (e: unknown) => {
        throw new Error(`No answer on the second device: ${await two.page.locator('.offline-status').textContent()}`, {
          cause: e,
        });
      });
    // What the server said, in the words of the page (a refusal would show its reason here).
    expect(await answered.first().getAttribute('data-state'), (await answered.first().textContent()) ?? '').toBe(
      'conflict',
    );
    const conflict = two.page.getByTestId('offline-outbox').locator('li[data-state="conflict"]');
    expect(await conflict.textContent()).toContain('text');
    expect(await seriousA11yViolations(two.page)).toEqual([]);

    // The first device's text is on the server; the second's waits in the queue, not dropped.
    let notes = await apiGet<Notes>(one.context, `/api/cases/${c.id}/entries?kind=note`);
    expect(notes.entries.find((n) => n.id === c.noteId)!.data.text).toBe('Plan: call the lawyer on Monday.');

    // A person chooses in the queue: she keeps the second device's text.
    await conflict.getByRole('link', { name: 'Open the conflict queue' }).click();
    await two.page.getByText('Plan: the lawyer calls her back.').first().waitFor();
    await two.page.getByText('Plan: call the lawyer on Monday.').first().waitFor();
    expect(await seriousA11yViolations(two.page)).toEqual([]);
    // The queue shows the case, the record and the field by its label; the navigation counts it.
    const card = two.page.getByTestId('sync-conflict').filter({ hasText: c.reference });
    await card.getByRole('heading', { name: `Case ${c.reference}` }).waitFor();
    const field = card.getByRole('group', { name: 'Note' });
    await field.getByText('Plan: call the lawyer.').waitFor();
    await expect.poll(() => two.page.getByTestId('conflicts-badge').textContent()).toBe('1');
    // Resolving without a choice is said at the field.
    await card.getByRole('button', { name: 'Resolve the conflict' }).click();
    await field.getByText('Choose which value to keep.').waitFor();
    await field.getByRole('radio', { name: /^Mine: the value from this device/ }).check();
    await card.getByRole('button', { name: 'Resolve the conflict' }).click();
    await card.getByRole('status').filter({ hasText: 'Resolved' }).waitFor();
    // The last open conflict resolved: the navigation entry goes.
    await expect.poll(() => two.page.getByTestId('conflicts-badge').count()).toBe(0);
    await expect
      .poll(async () => {
        notes = await apiGet<Notes>(one.context, `/api/cases/${c.id}/entries?kind=note`);
        return notes.entries.find((n) => n.id === c.noteId)!.data.text;
      })
      .toBe('Plan: the lawyer calls her back.');
    await one.context.close();
    await two.context.close();
  });

  test('(b2) a protected field (cooperation with the authorities) on both sides: confirmed before applied', async () => {
    const c = await arrangeCase('Person 1805', 'A note.');
    const one = await enrolledPage();
    const two = await enrolledPage();
    await holdOffline(one.page, c.id);
    await holdOffline(two.page, c.id);
    for (const [d, value] of [
      [one, 'cooperating'],
      [two, 'declined'],
    ] as const) {
      await d.context.setOffline(true);
      const held = await openHeld(d.page, /^Work on /);
      const form = held.getByRole('form', { name: 'Case fields' });
      await form.getByRole('textbox', { name: 'Cooperation with the authorities' }).fill(value);
      await form.getByRole('button', { name: 'Save', exact: true }).click();
      await d.page.getByTestId('offline-outbox').locator('li[data-state="waiting"]').waitFor();
    }
    await one.context.setOffline(false);
    const outboxOne = one.page.getByTestId('offline-outbox').locator(':scope > li');
    await expect.poll(() => outboxOne.count(), { timeout: 30_000 }).toBe(0);
    await two.context.setOffline(false);
    const conflict = two.page.getByTestId('offline-outbox').locator('li[data-state="conflict"]');
    await conflict.waitFor({ timeout: 30_000 });

    const cooperation = async () =>
      (await apiGet<{ cooperationWithAuthorities: string }>(one.context, `/api/cases/${c.id}`))
        .cooperationWithAuthorities;
    await conflict.getByRole('link', { name: 'Open the conflict queue' }).click();
    const card = two.page.getByTestId('sync-conflict').filter({ hasText: c.reference });
    const field = card.getByRole('group', { name: /^Cooperation with the authorities/ });
    await field.getByText('Protected').waitFor();
    await field.getByRole('radio', { name: /^Mine: the value from this device/ }).check();
    await card.getByRole('button', { name: 'Resolve the conflict' }).click();
    // Nothing applied before she confirms; Cancel leaves it as it is.
    const dialog = card.getByRole('alertdialog');
    await dialog.getByText(/protected information \(Cooperation with the authorities\)/).waitFor();
    expect(await seriousA11yViolations(two.page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await cooperation()).toBe('cooperating');
    await card.getByRole('button', { name: 'Resolve the conflict' }).click();
    await card.getByRole('alertdialog').getByRole('button', { name: 'Yes, apply these values' }).click();
    await two.page.getByRole('status').filter({ hasText: 'Resolved' }).waitFor();
    expect(await cooperation()).toBe('declined');
    await one.context.close();
    await two.context.close();
  });

  test('(c) signing out wipes the store', async () => {
    const c = await arrangeCase('Person 1803', 'A note kept offline.');
    const { context, page } = await enrolledPage();
    await holdOffline(page, c.id);
    expect((await rawDeviceText(page)).databases).toContain('ariadne-offline');
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('button', { name: 'Log in' }).waitFor();
    await expect.poll(async () => (await rawDeviceText(page)).databases).not.toContain('ariadne-offline');
    await context.close();
  });

  test('(d) raw-store canary check: IndexedDB, the Cache API and localStorage', async () => {
    const CANARY_NAME = 'Canarykova1804';
    const CANARY_NOTE = 'Canary note: she sleeps under the Demo bridge';
    const CANARY_NICK = 'Demo-Canary-Nick-1804';
    const c = await arrangeCase(CANARY_NAME, CANARY_NOTE);
    const { context, page } = await enrolledPage();
    // The app shell is installed (precached) while online, for the reload below.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    await holdOffline(page, c.id);
    await context.setOffline(true);
    await recordContact(page, 'Route 9', CANARY_NICK, `${CANARY_NOTE} (contact)`);
    const held = await openHeld(page, /^Work on /);
    // The page shows them (the store opens), yet the raw device holds none of them.
    await held.getByText(CANARY_NOTE).first().waitFor();
    await page.getByText(`Demo ${CANARY_NAME}`).first().waitFor();

    const raw = await rawDeviceText(page);
    expect(raw.databases).toContain('ariadne-offline');
    // The dump is real: the held case's id is in clear (an index), the ciphertext is there.
    expect(raw.text).toContain(c.id);
    for (const canary of [CANARY_NAME, CANARY_NOTE, CANARY_NICK, 'Route 9', 'sleeps under'])
      expect(raw.text, canary).not.toContain(canary);

    // A reload without a connection: the service worker serves the app shell, the store is locked
    // and only her password opens it (the wrapped key); a wrong one is said at the field.
    await page.reload();
    await page.getByRole('heading', { name: 'Unlock the offline store' }).waitFor();
    expect(await page.getByTestId('offline-lock').textContent()).toBe('Locked');
    await page.getByLabel('Your password').fill('not her password');
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await page.getByText("This is not the password of this device's store.").waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel('Your password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await page.getByTestId('offline-lock').filter({ hasText: 'Unlocked' }).waitFor();
    const again = await openHeld(page, /^Work on /);
    await again.getByText(CANARY_NOTE).first().waitFor();
    expect((await rawDeviceText(page)).text).not.toContain(CANARY_NOTE);
    await context.close();
  });
});
