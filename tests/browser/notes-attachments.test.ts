/**
 * Case notes and attachments in the browser (issue #16): a caseworker adds two notes, finds one
 * with the search box, attaches a signed consent form to its consent record with progress, sees it
 * on the Consent tab, downloads it, is refused an executable named .pdf with a clear message, and
 * voids an attachment after a confirmation. axe checks each tab.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addEntry } from '../../src/services/case-entries';
import { createCase } from '../../src/services/cases';
import { daysAgo } from '../integration/support/dates';
import { actorOf, logIn, seriousA11yViolations, startHarness, type Harness } from './support/harness';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\n% signed consent\ntrailer <<>>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]), Buffer.alloc(200)]);

async function arrangeCase(familyName: string) {
  const actor = await actorOf(harness, 'caseworker@north.demo.test');
  const c = await createCase(harness.ctx, actor, {
    person: { givenName: 'Demo', familyName, sex: 'female' },
    intake: { channel: 'hotline', contactDate: daysAgo(20), mediatorUsed: false, immediateNeeds: [] },
    risk: { level: 'medium' },
  });
  await addEntry(harness.ctx, actor, c.row.id, 'consent', {
    purpose: 'data_storage',
    action: 'granted',
    language: 'en',
    interpreterUsed: false,
    recordedOn: daysAgo(1),
  });
  return { id: c.row.id };
}

describe('notes and attachments in the browser', () => {
  test('notes: add, list newest first, search within the case', async () => {
    const c = await arrangeCase('Person 961');
    const { context, page } = await harness.newPage();
    await logIn(page, 'caseworker@north.demo.test');
    await page.getByRole('heading', { name: /Welcome/ }).waitFor();
    await page.goto(`/cases/${c.id}/notes`);
    await page.getByRole('heading', { name: 'Add a note' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The date defaults to today; the kind is a list; the text is multi-line.
    expect(await page.getByLabel('Date', { exact: true }).inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await page.getByLabel('Date', { exact: true }).fill(daysAgo(3));
    await page.getByRole('combobox', { name: /^Kind of contact/ }).selectOption({ label: 'Phone call' });
    await page
      .getByRole('textbox', { name: /^Note\b/ })
      .fill('Called about the permit hearing.\nShe will bring the letter.');
    await page.getByRole('button', { name: 'Save note' }).click();
    await page.getByRole('status').filter({ hasText: 'The note was saved.' }).waitFor();
    // The form starts again for the next note.
    expect(await page.getByRole('textbox', { name: /^Note\b/ }).inputValue()).toBe('');

    await page.getByRole('combobox', { name: /^Kind of contact/ }).selectOption({ label: 'Shelter visit' });
    await page.getByLabel('Who was present').fill('Demo Lawyer 12');
    await page.getByLabel('An interpreter was used').check();
    await page.getByLabel("Interpreter's language").fill('Romanian');
    await page.getByRole('textbox', { name: /^Note\b/ }).fill('Visit at the shelter; talked about work.');
    await page.getByRole('button', { name: 'Save note' }).click();
    await page.getByRole('status').filter({ hasText: 'The note was saved.' }).waitFor();

    const notes = page.getByTestId('notes').locator(':scope > li');
    await expect.poll(() => notes.count()).toBe(2);
    // Newest first: today's visit, then the call three days ago.
    expect(await notes.nth(0).textContent()).toContain('Shelter visit');
    expect(await notes.nth(0).textContent()).toContain('with an interpreter (Romanian)');
    expect(await notes.nth(1).textContent()).toContain('She will bring the letter.');

    await page.getByLabel('Search the notes of this case').fill('permit');
    await expect.poll(() => notes.count()).toBe(1);
    expect(await notes.nth(0).textContent()).toContain('Phone call');
    await page.getByLabel('Search the notes of this case').fill('lawyer');
    await expect.poll(async () => (await notes.nth(0).textContent()) ?? '').toContain('Shelter visit');
    await page.getByLabel('Search the notes of this case').fill('nothing like this');
    await page.getByText('No note matches this search.').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });

  test('attachments: a consent form with progress, linked to its consent, downloaded; an executable refused; void asks first', async () => {
    const c = await arrangeCase('Person 962');
    const { context, page } = await harness.newPage({ width: 390, height: 844 });
    await logIn(page, 'caseworker@north.demo.test');
    await page.getByRole('heading', { name: /Welcome/ }).waitFor();
    await page.goto(`/cases/${c.id}/attachments`);
    await page.getByRole('heading', { name: 'Attach a file' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    // A Windows executable named .pdf: refused, said in words, nothing listed.
    await page.getByRole('combobox', { name: /^Category/ }).selectOption({ label: 'Legal document' });
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: 'judgment.pdf', mimeType: 'application/pdf', buffer: EXE });
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.getByRole('alert').filter({ hasText: 'This type of file cannot be attached' }).first().waitFor();
    expect(await page.getByTestId('attachments').locator(':scope > li').count()).toBe(0);

    // The signed consent form, linked to the consent record.
    await page.getByRole('combobox', { name: /^Category/ }).selectOption({ label: 'Signed consent form' });
    await page.getByRole('combobox', { name: /^Consent record it belongs to/ }).selectOption({ index: 1 });
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: 'signed consent.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.getByRole('status').filter({ hasText: 'signed consent.pdf was attached.' }).waitFor();
    const items = page.getByTestId('attachments').locator(':scope > li');
    await expect.poll(() => items.count()).toBe(1);
    expect(await items.nth(0).textContent()).toContain('Signed form for:');

    // Download: the file itself, as an attachment.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'signed consent.pdf' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('signed consent.pdf');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Shown on the Consent tab next to that consent.
    await page.goto(`/cases/${c.id}/consent`);
    await page.getByRole('link', { name: 'signed consent.pdf' }).waitFor();

    // Void asks first, with a reason, and the file leaves the list.
    await page.goto(`/cases/${c.id}/attachments`);
    await expect.poll(() => items.count()).toBe(1);
    await page.getByRole('button', { name: 'Void' }).click();
    await page.getByLabel('Reason for voiding').fill('Attached to the wrong case');
    await page.getByRole('button', { name: 'Void' }).click();
    await page.getByText(/Void signed consent\.pdf\?/).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Yes, void it' }).click();
    await page.getByText('No attachments yet.').waitFor();
    await context.close();
  });
});
